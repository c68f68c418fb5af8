/**
 * The one place that decides how far a key is trusted and whether the name it shows may
 * mislead. Every path that shows a name for a key (verification, renames, a trust store
 * that changed in another tab, connection requests) asks `judge`; nothing else compares
 * names or reads trust sources.
 *
 * Keys are identities; names are labels anyone can choose. So a verdict has two halves:
 * - `status`: how far the *key* is trusted. `trusted` only when a person or the app said
 *   so (registered, the "Trust" action, a confirmed safety code); `seen` when the key was
 *   merely pinned on first use earlier (in a public lobby, say); `new` for a first contact.
 * - `warning`: whether the *name* is pinned to another key, exactly (`key-changed`) or as
 *   a Unicode look-alike (`look-alike`, TR39 skeletons), or mixes scripts (`mixed-script`).
 *   A name held by another key overrides the key's own status: a known key under someone
 *   else's name is reported, never shown as trusted.
 */
import { mixedScript, nameSkeleton } from './confusables.js';

/** How a key came to be in the store: pinned on first verified use, or trusted explicitly. */
export type TrustSource = 'tofu' | 'registered';

/** One key in the store. */
export interface TrustEntry {
  /** The raw public key, base64url. */
  publicKey: string;
  /** The name it was last seen or trusted under (normalised). */
  name: string;
  /** `tofu`: pinned on first verified use (seen); `registered`: trusted by the person or the app. */
  source: TrustSource;
  /** When it was first stored (ms since the epoch). */
  firstSeen: number;
}

/** Why a name shown for a key may mislead. */
export type NameWarning = 'key-changed' | 'look-alike' | 'mixed-script';

/** What the store says about a key presenting a name. */
export interface TrustAssessment {
  /**
   * - `trusted`: the key was trusted explicitly, under this name (or one that looks like it)
   * - `seen`: the key was pinned on first use before, and no other key holds this name
   * - `new`: unknown key, and no other key holds this name
   * - `key-changed`: another key is pinned under this name (or a look-alike of it): possibly
   *   an impostor, possibly a new device; the key's own history does not matter here
   */
  status: 'trusted' | 'seen' | 'new' | 'key-changed';
  /** Set whenever the name may mislead; `key-changed` and `look-alike` go with status `key-changed`. */
  warning: NameWarning | null;
  /** The key's own entry, if stored. */
  entry?: TrustEntry;
  /** For `key-changed`: the entries of the other keys holding the name, oldest first. */
  holders?: TrustEntry[];
  /** For `key-changed`: every other key holding the name, oldest first (base64url). */
  pinnedKeys?: string[];
  /** Whether the caller should pin the key under this name (a first contact or a new name of a seen key). */
  pin: boolean;
}

/**
 * Judges `publicKey` (base64url) presenting `name`, against the store's `entries`.
 * Pure: the caller pins when `pin` is set.
 */
export function judge(entries: readonly TrustEntry[], publicKey: string, name: string): TrustAssessment {
  const skeleton = nameSkeleton(name);
  const stored = entries.find((e) => e.publicKey === publicKey);
  // Copies of what the verdict hands out: the caller may keep or change them freely.
  const own = stored && { ...stored };
  const ownName = own ? nameSkeleton(own.name) === skeleton : false;
  const mixed = mixedScript(name) ? 'mixed-script' : null;
  // Trusted explicitly under this name: the person or the app vouched for exactly this pair,
  // even if an older key still holds the name (a new device the user confirmed).
  if (own?.source === 'registered' && ownName) return { status: 'trusted', warning: mixed, entry: own, pin: false };
  // "Alice (2)" is how a second tab of Alice is labelled: a name ending like that imitates it.
  const bare = nameSkeleton(name.replace(TAB_SUFFIX, ''));
  const holders = entries
    .filter((e) => e.publicKey !== publicKey && (nameSkeleton(e.name) === skeleton || nameSkeleton(e.name) === bare))
    .sort(byAge)
    .map((e) => ({ ...e }));
  if (holders.length) {
    const exact = holders.some((h) => sameName(h.name, name));
    return {
      status: 'key-changed',
      warning: exact ? 'key-changed' : 'look-alike',
      ...(own ? { entry: own } : {}),
      holders,
      pinnedKeys: holders.map((h) => h.publicKey),
      pin: false,
    };
  }
  if (!own) return { status: 'new', warning: mixed, pin: true };
  // A key trusted under another name stays trusted as a key; its new name is free.
  if (own.source === 'registered') return { status: 'trusted', warning: mixed, entry: own, pin: false };
  return { status: 'seen', warning: mixed, entry: own, pin: !sameName(own.name, name) };
}

const TAB_SUFFIX = /\s*\(\s*\d+\s*\)\s*$/u;

const byAge = (a: TrustEntry, b: TrustEntry) => a.firstSeen - b.firstSeen || (a.publicKey < b.publicKey ? -1 : 1);

/** Equal as typed (after normalising case and compatibility forms), not merely alike. */
function sameName(a: string, b: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
      .toLowerCase()
      .replace(/\s+/gu, ' ')
      .trim();
  return fold(a) === fold(b);
}
