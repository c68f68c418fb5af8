/**
 * How guessable a room secret is, in bits: a rough, honest estimate of the work of a guesser
 * who knows how people pick secrets. Not a proof. Pure: no DOM, no network, no storage.
 *
 * A person's secret is read as the cheapest sequence of pieces a guesser would try: words (a
 * word-like run of letters counts as one word of a 20,000-word list, not 26^n), one of the
 * most common passwords, short words, digits and years, runs (`abcd`, `4321`, `qwerty`),
 * repeats, leetspeak (`p@ssw0rd`), separators; anything else costs brute force over the
 * character classes used, and the estimate never exceeds length × log2(classes used).
 *
 * No dictionary is shipped, so a random `Dlfalsy` cannot be told from a word. A long string
 * that does not read like a person's (random case, many short pieces, letters that do not
 * look like words, mostly unexplained) is therefore read as machine-made instead: random
 * characters from the smallest generator alphabet that holds them (hex, letters and digits,
 * base64url, …; a random mix of cases is taken to come with digits, as generators' do), with
 * chance patterns costing what it takes to say where and what they are. That is how
 * `createSecret()`'s 22 base64url characters read as 131–132 bits, not as 90.
 */

/** Below this many bits a secret is reported as weak: see "Secret rooms" in docs/security.md. */
export const WEAK_SECRET_BITS = 64;

/** A word-like run counts as one word of a list this long (log2 20,000 ≈ 14.3 bits). */
const WORD_BITS = Math.log2(20_000);
/** Letters per word when a run is longer than one word ("correcthorse" is two). */
const WORD_LETTERS = 7;
/** At most this many code points are read; the rest adds nothing (the estimate errs low). */
const MAX_READ = 64;
/** Shorter strings are always read as a person's: too short to tell, and weak either way. */
const MIN_MACHINE = 12;

/** Most common passwords and password words (lower case, leetspeak undone), kept short. */
const COMMON = (
  'password passwort iloveyou princess sunshine football baseball welcome shadow superman ' +
  'monkey dragon letmein master michael jordan hunter ranger soccer hockey killer batman ' +
  'access flower cheese summer freedom whatever trustno1 starwars computer internet pokemon ' +
  'secret admin login hello charlie jessica ashley bailey thomas daniel jennifer tigger ' +
  'cookie purple chocolate lovely angel loveme qwerty abc123 1q2w3e4r qazwsx zaq12wsx ' +
  'azerty mustang ginger pepper samsung naruto liverpool chelsea'
).split(' ');
const COMMON_SET = new Set(COMMON);
const COMMON_LONGEST = Math.max(...COMMON.map((w) => w.length));

/** One- and two-letter words that stand alone, also in camelCase ("ThisIsMyDog"). */
const SHORT_WORDS = new Set('a i my is it of to in on me we be do go no so up us or an at as by he if ok mc'.split(' '));

/** Keyboard rows as typed left to right (reversed rows are tried too). */
const KEYBOARD_ROWS = ['`1234567890-=', 'qwertyuiop[]\\', "asdfghjkl;'", 'zxcvbnm,./', 'qwertzuiop', 'azertyuiop', 'qazwsxedcrfv'];
const KEYBOARD_STARTS = KEYBOARD_ROWS.reduce((n, row) => n + row.length, 0) * 2;

/** Digits and symbols that stand for letters between letters (`p@ssw0rd`). */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't' };

/**
 * Letter pairs that occur in English words: bit a×26+b is set when the pair ab appears in at
 * least 10 of the 63,737 lower-case words of Debian's wamerican list (tools/letter-pairs.mjs):
 * 475 of the 676 pairs, and 99.5% of those words use no other.
 */
const PAIRS = Uint8Array.from(atob('/////+77VNn00f++X////88keTSf79Vvvlf///9GBEGw2+/Vf79/N/kW/f///////3+/VwAAEPz///X//9V/vtd//a5HBMH03+9RZTBu//neRiRBDA=='), (c) => c.charCodeAt(0));

const VOWELS = /[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ]/;
const SEPARATORS = ' -_.,';

type CharClass = 'lower' | 'upper' | 'digit' | 'symbol' | 'other';
const CLASS_SIZE: Record<CharClass, number> = { lower: 26, upper: 26, digit: 10, symbol: 33, other: 100 };

/** Alphabets generators draw from, smallest first: a machine-made string is taken to use the first that holds it. */
const ALPHABETS: [RegExp, number][] = [
  [/^\d+$/, 10],
  [/^[\da-f]+$|^[\dA-F]+$/, 16],
  [/^[a-z]+$|^[A-Z]+$/, 26],
  [/^[\da-z]+$|^[\dA-Z]+$/, 36],
  [/^[\dA-Za-z]+$/, 62],
  [/^[\w-]+$|^[\w+/]+=*$/, 64],
];

const isLetter = (c: string) => /\p{L}/u.test(c);
const isUpper = (c: string) => c !== c.toLowerCase();

function classOf(c: string): CharClass {
  if (c >= 'a' && c <= 'z') return 'lower';
  if (c >= 'A' && c <= 'Z') return 'upper';
  if (c >= '0' && c <= '9') return 'digit';
  if (c >= ' ' && c <= '~') return 'symbol';
  return 'other';
}

/**
 * Estimates how many bits of guessing a secret withstands (0 for an empty one). Below
 * {@link WEAK_SECRET_BITS} it is weak.
 * @example estimateSecretBits('sunshine1') // ≈ 11: a common password and a digit
 * @example estimateSecretBits('correct horse battery staple') // ≈ 60: four words
 * @example estimateSecretBits(RTChatClient.createSecret()) // ≈ 131
 */
export function estimateSecretBits(secret: string): number {
  const all = [...secret];
  if (all.length === 0) return 0;
  const pool = [...new Set(all.map(classOf))].reduce((n, c) => n + CLASS_SIZE[c], 0);
  const text = read(all.slice(0, MAX_READ));
  const person = cheapestParse(text, Math.log2(pool), false);
  const n = text.chars.length;
  if (n < MIN_MACHINE || readsLikeAPerson(text, person)) return Math.min(all.length * Math.log2(pool), person.bits);
  const alphabet = ALPHABETS.find(([re]) => re.test(secret))?.[1] ?? pool;
  return Math.min(all.length * Math.log2(alphabet), cheapestParse(text, Math.log2(alphabet), true).bits);
}

interface Text {
  chars: string[];
  lower: string[];
  /** Lower case with leetspeak read as letters. */
  plain: string[];
  leet: boolean[];
  /** A letter, or leetspeak for one. */
  wordChar: boolean[];
}

interface Parse {
  bits: number;
  /** Characters read as words or patterns rather than brute force. */
  explained: number;
  /** Runs of letters read as brute force. */
  looseLetters: number;
}

function read(chars: string[]): Text {
  const n = chars.length;
  const lower = chars.map((c) => c.toLowerCase());
  const plain = [...lower];
  const leet = chars.map(() => false);
  // One or two look-alikes with letters on both sides read as letters.
  for (let i = 1; i < n; i++) {
    if (!(chars[i] in LEET) || !isLetter(chars[i - 1])) continue;
    let j = i;
    while (j < n && chars[j] in LEET) j++;
    if (j < n && j - i <= 2 && isLetter(chars[j])) {
      for (let k = i; k < j; k++) {
        plain[k] = LEET[chars[k]];
        leet[k] = true;
      }
    }
    i = j;
  }
  return { chars, lower, plain, leet, wordChar: chars.map((c, i) => leet[i] || isLetter(c)) };
}

/**
 * The cheapest reading of the whole string (dynamic programming over where pieces end).
 * As a person's secret, each piece costs one structural bit ("then digits"). As machine-made
 * material, words and runs of one class are not pieces, and a pattern costs log2(length) bits
 * for where it is plus log2(6) for which kind it is, so chance patterns barely count.
 */
function cheapestParse(t: Text, charBits: number, machine: boolean): Parse {
  const { chars, lower, plain, leet, wordChar } = t;
  const n = chars.length;
  const token = machine ? Math.log2(n) + Math.log2(6) : 1;
  const best: Parse[] = [{ bits: 0, explained: 0, looseLetters: 0 }];
  for (let i = 1; i <= n; i++) best.push({ bits: Infinity, explained: 0, looseLetters: 0 });
  const offer = (from: number, to: number, bits: number, pattern = true) => {
    const p = best[from];
    if (p.bits + bits >= best[to].bits) return;
    best[to] = {
      bits: p.bits + bits,
      explained: p.explained + (pattern ? to - from : 0),
      looseLetters: p.looseLetters + (pattern || !wordChar[from] ? 0 : 1),
    };
  };
  for (let i = 0; i < n; i++) {
    if (best[i].bits === Infinity) continue;
    const cls = classOf(chars[i]);
    if (!machine && SEPARATORS.includes(chars[i]) && i > 0 && wordChar[i - 1] && i + 1 < n && wordChar[i + 1]) offer(i, i + 1, 1);
    let oneClass = true;
    let allWordChars = true;
    for (let j = i + 1; j <= n; j++) {
      const len = j - i;
      oneClass &&= classOf(chars[j - 1]) === cls;
      allWordChars &&= wordChar[j - 1];
      offer(i, j, token + len * charBits, false);
      // Runs of one class: digits after a word cost log2(10) each.
      if (oneClass && !machine) offer(i, j, token + len * Math.log2(CLASS_SIZE[cls]), false);
      const casing = allWordChars ? caseBits(chars.slice(i, j), leet.slice(i, j)) : null;
      if (casing !== null) {
        const piece = plain.slice(i, j).join('');
        const subs = leet.slice(i, j).filter(Boolean).length;
        if (len <= COMMON_LONGEST && COMMON_SET.has(piece)) offer(i, j, token + Math.log2(COMMON.length) + casing + subs);
        if (!machine && len <= 2 && SHORT_WORDS.has(piece)) offer(i, j, Math.log2(SHORT_WORDS.size) + casing);
        if (!machine && len >= 3 && subs * 3 <= len && wordLike(piece)) offer(i, j, wordBits(len) + casing + subs);
      }
      if (len >= 4 && len <= COMMON_LONGEST && COMMON_SET.has(lower.slice(i, j).join(''))) {
        offer(i, j, token + Math.log2(COMMON.length) + (chars.slice(i, j).join('') === lower.slice(i, j).join('') ? 0 : 1));
      }
      // An exact repeat of what came just before ("abcabc", "aaaa", "sunshinesunshine").
      if (i - len >= 0 && chars.slice(i - len, i).join('') === chars.slice(i, j).join('')) offer(i, j, token + 1);
    }
    const run = sequenceLength(lower, i);
    for (let len = 3; len <= run; len++) offer(i, i + len, token + Math.log2(cls === 'digit' ? 10 : 26) + 1 + Math.log2(len));
    const keys = keyboardLength(lower, i);
    for (let len = 4; len <= keys; len++) offer(i, i + len, token + Math.log2(KEYBOARD_STARTS) + Math.log2(len));
    if (/^(19[4-9]|20[0-3])\d$/.test(chars.slice(i, i + 4).join(''))) offer(i, i + 4, token + Math.log2(100));
  }
  return best[n];
}

/**
 * Whether a long string reads like a person's secret rather than random characters: words
 * and patterns explain at least half of it, at most one run of letters is left unexplained,
 * its letters are cased as people write, it is not in many short pieces, and its longer
 * pieces of letters look like words. Random base64url of 22 characters passes all five
 * about once in 2,000 (and even then reads above 64 bits in 200,000 samples).
 */
function readsLikeAPerson(t: Text, parse: Parse): boolean {
  const n = t.chars.length;
  // Leetspeak counts as the letters it stands for: "Tr0ub4dor" is one piece.
  const text = t.chars.map((c, i) => (t.leet[i] ? t.plain[i] : c)).join('');
  // A separator between letters joins words into one piece.
  const pieces = text.replace(/(?<=\p{L})[ ._,-](?=\p{L})/gu, '').match(/\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\d+|[^\p{L}\d]+/gu) ?? [];
  const letterPieces = text.match(/\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})/gu) ?? [];
  return (
    parse.explained * 2 >= n &&
    parse.looseLetters <= 1 &&
    humanCase(text, letterPieces) &&
    pieces.length * 2.5 <= n &&
    letterPieces.every((p) => p.length < 4 || wordLike(p.toLowerCase()))
  );
}

/**
 * Letters cased the way people write: every run of letters lower case, UPPER CASE,
 * Capitalised, or Capitalised words of three letters or more (or short words) run together;
 * and not all three of lower, UPPER and Capitalised pieces in one secret.
 */
function humanCase(text: string, letterPieces: string[]): boolean {
  const style = (p: string) => (p === p.toLowerCase() ? 'lower' : p === p.toUpperCase() ? 'upper' : 'capital');
  if (new Set(letterPieces.filter((p) => p.length > 1).map(style)).size === 3) return false;
  const word = (w: string) => w.length >= 3 || SHORT_WORDS.has(w.toLowerCase());
  return (text.match(/\p{L}+/gu) ?? []).every((run) => {
    if (run === run.toLowerCase() || run === run.toUpperCase() || /^\p{Lu}\p{Ll}+$/u.test(run)) return true;
    const camel = /^(\p{Ll}*)((?:\p{Lu}\p{Ll}+)+)$/u.exec(run);
    return !!camel && (camel[1] === '' || word(camel[1])) && (camel[2].match(/\p{Lu}\p{Ll}+/gu) ?? []).every(word);
  });
}

/** A word of `len` letters: one of a 20,000-word list, fewer for short words (~1,000 of three letters), more for words run together. */
function wordBits(len: number): number {
  return Math.min(len * Math.log2(10), WORD_BITS) * Math.max(1, len / WORD_LETTERS);
}

/** Extra bits for the case of a word: lower 0, Capitalised or UPPER 1; null for other mixes (not a word). */
function caseBits(chars: string[], leet: boolean[]): number | null {
  const letters = chars.filter((c, i) => !leet[i] && isLetter(c));
  const uppers = letters.filter(isUpper).length;
  if (uppers === 0) return 0;
  if (uppers === letters.length && letters.length > 1) return 1;
  if (uppers === 1 && isUpper(chars[0]) && !leet[0]) return 1;
  return null;
}

/** Reads like an English word: vowels, no four consonants in a row, only letter pairs English uses. */
function wordLike(word: string): boolean {
  let vowels = 0;
  let consonants = 0;
  for (let i = 0; i < word.length; i++) {
    if (VOWELS.test(word[i])) {
      vowels++;
      consonants = 0;
    } else if (++consonants >= 4) return false;
    const a = word.charCodeAt(i) - 97;
    const b = word.charCodeAt(i + 1) - 97;
    if (a >= 0 && a < 26 && b >= 0 && b < 26 && !(PAIRS[(a * 26 + b) >> 3] & (1 << ((a * 26 + b) & 7)))) return false;
  }
  return vowels * 5 >= word.length;
}

/** Length of the ascending or descending run (`abcd`, `9876`) that starts at `i`. */
function sequenceLength(lower: string[], i: number): number {
  const code = (k: number) => (k < lower.length && /^[a-z0-9]$/.test(lower[k]) ? lower[k].charCodeAt(0) : NaN);
  const step = code(i + 1) - code(i);
  if (step !== 1 && step !== -1) return 1;
  let j = i + 1;
  while (code(j + 1) - code(j) === step) j++;
  return j - i + 1;
}

/** Length of the longest run along a keyboard row, either way, that starts at `i`. */
function keyboardLength(lower: string[], i: number): number {
  let longest = 0;
  for (const row of KEYBOARD_ROWS) {
    for (const line of [row, [...row].reverse().join('')]) {
      const at = line.indexOf(lower[i]);
      if (at < 0) continue;
      let len = 1;
      while (i + len < lower.length && line[at + len] === lower[i + len]) len++;
      longest = Math.max(longest, len);
    }
  }
  return longest;
}
