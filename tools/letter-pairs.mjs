// Prints the letter-pair table of src/core/signaling/secret-strength.ts (PAIRS): bit a×26+b is
// set when the pair ab appears in at least MIN_WORDS lower-case words of a word list.
// Usage: node tools/letter-pairs.mjs [/usr/share/dict/words]   (Debian: apt-get install wamerican)
import { readFileSync } from 'node:fs';

const MIN_WORDS = 10;
const file = process.argv[2] ?? '/usr/share/dict/words';
const words = [
  ...new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((w) => /^[a-z]{3,}$/.test(w)),
  ),
];
const seenIn = new Map();
for (const w of words) {
  for (const pair of new Set(Array.from({ length: w.length - 1 }, (_, i) => w.slice(i, i + 2)))) seenIn.set(pair, (seenIn.get(pair) ?? 0) + 1);
}
const letters = 'abcdefghijklmnopqrstuvwxyz';
const bits = new Uint8Array(Math.ceil((26 * 26) / 8));
let kept = 0;
for (let a = 0; a < 26; a++) {
  for (let b = 0; b < 26; b++) {
    if ((seenIn.get(letters[a] + letters[b]) ?? 0) < MIN_WORDS) continue;
    const k = a * 26 + b;
    bits[k >> 3] |= 1 << (k & 7);
    kept++;
  }
}
const ok = (w) => [...w].slice(1).every((c, i) => (seenIn.get(w[i] + c) ?? 0) >= MIN_WORDS);
const covered = words.filter(ok).length;
console.log(Buffer.from(bits).toString('base64'));
console.error(`${kept} of 676 pairs, from ${words.length} words; ${((100 * covered) / words.length).toFixed(1)}% of the words use no other pair`);
