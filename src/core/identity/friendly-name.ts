/**
 * Display names: a random friendly default ("Amber Otter"), its storage, and the one
 * normalisation every name goes through. Names are plain text, never HTML.
 */
import { DEFAULT_NAMESPACE } from './kv-store.js';

/** The longest name, in code points. */
export const MAX_NAME_LENGTH = 40;

const ADJECTIVES = [
  'Amber',
  'Azure',
  'Brave',
  'Bright',
  'Calm',
  'Clever',
  'Coral',
  'Cosy',
  'Crimson',
  'Curious',
  'Gentle',
  'Golden',
  'Happy',
  'Honest',
  'Jade',
  'Jolly',
  'Kind',
  'Lively',
  'Lucky',
  'Mellow',
  'Misty',
  'Nimble',
  'Olive',
  'Patient',
  'Quiet',
  'Rosy',
  'Silver',
  'Sunny',
  'Swift',
  'Teal',
  'Tidy',
  'Witty',
] as const;

const ANIMALS = [
  'Badger',
  'Beaver',
  'Bison',
  'Crane',
  'Dolphin',
  'Falcon',
  'Finch',
  'Fox',
  'Gecko',
  'Heron',
  'Ibis',
  'Koala',
  'Lark',
  'Lemur',
  'Lynx',
  'Marten',
  'Moose',
  'Narwhal',
  'Newt',
  'Orca',
  'Otter',
  'Owl',
  'Panda',
  'Puffin',
  'Quail',
  'Robin',
  'Seal',
  'Sparrow',
  'Swan',
  'Tapir',
  'Walrus',
  'Wren',
] as const;

/** A uniform number in [0, 1) from the platform's cryptographic generator. */
const cryptoRandom = (): number => crypto.getRandomValues(new Uint32Array(1))[0] / 2 ** 32;

/**
 * A random two-word name such as "Amber Otter".
 * @param random a source of numbers in [0, 1); defaults to a cryptographic one
 * @example
 * friendlyName(); // "Jolly Puffin"
 */
export function friendlyName(random: () => number = cryptoRandom): string {
  const pick = <T>(words: readonly T[]): T => words[Math.min(words.length - 1, Math.floor(random() * words.length))];
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
}

/** Options for {@link loadOrCreateName} and {@link saveName}. */
export interface NameStorageOptions {
  /** Prefix of the storage key (`${namespace}name`). Default `rtchat:`. */
  namespace?: string;
  /** Where the name is kept. Default `localStorage`. */
  storage?: Storage;
}

/**
 * The saved display name, or a new friendly one (saved for next time).
 * Storage failures are not fatal: the name is then only kept for this call.
 * @example
 * const name = loadOrCreateName(); // "Amber Otter", the same on every visit
 */
export function loadOrCreateName(options: NameStorageOptions = {}): string {
  const key = `${options.namespace ?? DEFAULT_NAMESPACE}name`;
  try {
    const storage = options.storage ?? localStorage;
    const saved = storage.getItem(key);
    if (saved !== null) {
      try {
        return normalizeName(saved);
      } catch {
        // An unusable saved name is replaced below.
      }
    }
    const name = friendlyName();
    storage.setItem(key, name);
    return name;
  } catch {
    return friendlyName(); // storage blocked (sandbox, quota): a name for this page only
  }
}

/**
 * Normalises and saves `name` as the display name; returns what was saved.
 * @throws {TypeError} when the name is not a string or normalises to nothing
 * @throws {DOMException} when storage refuses the write (blocked or over quota)
 * @example
 * saveName('  Ada   Lovelace '); // "Ada Lovelace"
 */
export function saveName(name: unknown, options: NameStorageOptions = {}): string {
  const normalized = normalizeName(name);
  (options.storage ?? localStorage).setItem(`${options.namespace ?? DEFAULT_NAMESPACE}name`, normalized);
  return normalized;
}

// Controls and lone surrogates go; bidi controls (U+061C, U+200E/F, U+202A–202E, U+2066–2069)
// go too, because they can make a name display as something it is not.
const REMOVED = /[\p{Cc}\p{Cs}\p{Bidi_Control}]/gu;

/**
 * The canonical form of a display name: whitespace runs (tabs, newlines included)
 * collapsed to one space and trimmed, control characters, lone surrogates and bidi controls
 * removed, Unicode NFC, cut to {@link MAX_NAME_LENGTH} code points (a surrogate pair is never split).
 * The result is plain text: render it with `textContent`, never as HTML.
 * @throws {TypeError} when `input` is not a string or nothing is left
 * @example
 * normalizeName(' Amber\u202E  Otter\n'); // "Amber Otter"
 */
export function normalizeName(input: unknown): string {
  if (typeof input !== 'string') throw new TypeError('name: must be a string');
  const cleaned = input.replace(/\s+/gu, ' ').replace(REMOVED, '').replace(/ {2,}/g, ' ').trim().normalize('NFC');
  const name = Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('').trimEnd();
  if (!name) throw new TypeError('name: empty');
  return name;
}
