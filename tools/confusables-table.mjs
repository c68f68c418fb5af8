// Generates src/core/identity/confusables-table.ts, the data behind nameSkeleton().
//
//   node tools/confusables-table.mjs          write the table
//   node tools/confusables-table.mjs --check  exit 1 if the committed table is stale
//
// Source: Unicode TR39 confusables.txt v13.0.0 as shipped in the npm package unhomoglyph
// (data.json: code point → prototype), so nothing is downloaded. That package's own
// function is not used: it skips TR39's NFD steps and builds a 6,300-branch regex at load
// time, and bundled as it is it costs 31 kB gzipped; confusables.ts with this table, 10.4 kB.
//
// Each entry holds a character's whole key, so the runtime needs no case tables:
//   key(c) = NFD(i→l(skeleton(casefold(skeleton(c)))))
// The first skeleton keeps capital-only look-alikes (Cyrillic В looks like B, but в does
// not look like b); folding then makes "ALICE" meet "alice"; the second skeleton maps
// what folding produced (M → m → rn). TR39 maps capital I to l but leaves i alone, so
// "ALICE" would become "allce" and "alice" stay "alice": i joins l to close that gap.
// (Closing over case and TR39 completely was tried: chains such as o ~ σ ~ Σ ~ Ʃ ~ ʃ put
// o, c, 6 and Б in one class, which makes the key useless.)
//
// The script replays the runtime over every code point and refuses to write a table whose
// key is not idempotent, or that separates a character from its TR39 prototype.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const OUT = new URL('../src/core/identity/confusables-table.ts', import.meta.url);
const require = createRequire(import.meta.url);
const prototypes = require('unhomoglyph/data.json');
const { version } = require('unhomoglyph/package.json');

// The same two expressions as in confusables.ts.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\0-\x08\x0E-\x1F\x7F-\x9F]/gu;
const BLANKS = /[\s\u2800]+/gu;

const isSurrogate = (cp) => cp >= 0xd800 && cp <= 0xdfff;
const everyCodePoint = function* () {
  for (let cp = 0; cp <= 0x10ffff; cp++) if (!isSurrogate(cp)) yield cp;
};

/** What the runtime does before the table: NFKC, drop invisible characters, NFD. */
const prepare = (s) => s.normalize('NFKC').replace(INVISIBLE, '').normalize('NFD');

/** TR39 prototype of one character. U+1F16D's holds a TAB (a data slip): controls go. */
const prototypeOf = (c) => prototypes[c]?.replace(/\p{Cc}/gu, '');
const skeleton = (s) =>
  Array.from(s, (c) => prototypeOf(c) ?? c)
    .join('')
    .normalize('NFD');

/** Full case folding, near enough: upper then lower also folds ß and ẞ to ss, ς to σ. */
const fold = (s) => s.toUpperCase().toLowerCase();

const step = (s) => prepare(skeleton(fold(skeleton(prepare(s)))).replaceAll('i', 'l'));

/** The key of a string by the definition above, stepped until it stops changing. */
const slowKey = (s) => {
  for (let i = 0; i < 8; i++) {
    const next = step(s);
    if (next === s) return s;
    s = next;
  }
  throw new Error(`no fixed point for ${JSON.stringify(s)}`);
};

// Main table: the runtime looks up only what prepare() emits.
const table = new Map();
for (const cp of everyCodePoint()) {
  const ch = String.fromCodePoint(cp);
  if (prepare(ch) !== ch) continue;
  const key = slowKey(ch);
  if (key !== ch) table.set(cp, key);
}

// Overrides, looked up before NFKC: compatibility characters whose NFKC form looks unlike
// them, where TR39 knows better (ϲ looks like c, NFKC makes it ς; ſ looks like f, not s).
const overrides = new Map();
for (const cp of everyCodePoint()) {
  const ch = String.fromCodePoint(cp);
  const proto = prototypeOf(ch);
  if (proto === undefined || ch.normalize('NFD') !== ch || ch.normalize('NFKC') === ch) continue;
  const key = slowKey(proto);
  if (key !== slowKey(ch)) overrides.set(cp, key);
}

// --- checks: the runtime, replayed over every code point ----------------------------------
const fastKey = (s) =>
  prepare(Array.from(s.normalize('NFD'), (c) => overrides.get(c.codePointAt(0)) ?? c).join(''))
    .replace(/./gsu, (c) => table.get(c.codePointAt(0)) ?? c)
    .normalize('NFD')
    .replace(BLANKS, ' ')
    .trim();

let failures = 0;
const fail = (message) => {
  if (failures++ < 10) console.error(message);
};
for (const cp of everyCodePoint()) {
  const ch = String.fromCodePoint(cp);
  const key = fastKey(ch);
  const hex = `U+${cp.toString(16).toUpperCase()}`;
  if (fastKey(key) !== key) fail(`${hex}: not idempotent, ${JSON.stringify(key)}`);
  // TR39 takes NFD first, so its entries for precomposed characters are never used.
  const proto = prototypeOf(ch);
  if (proto !== undefined && ch.normalize('NFD') === ch && fastKey(proto) !== key) {
    fail(`${hex}: ${JSON.stringify(key)}, its prototype ${JSON.stringify(fastKey(proto))}`);
  }
}
for (const key of new Set([...table.values(), ...overrides.values()])) {
  for (const c of key) {
    if (table.has(c.codePointAt(0))) fail(`key ${JSON.stringify(key)} is not final`);
  }
}
if (failures > 0) {
  console.error(`${failures} failures: table not written`);
  process.exit(1);
}

// --- encode -------------------------------------------------------------------------------
// ASCII only: bundlers write other characters as \u escapes, which compress worse. Two
// streams compress better than one list of pairs (measured: 8.3 kB against 8.7 kB gzipped).
const encode = (map) => {
  const entries = [...map].sort((a, b) => a[0] - b[0]);
  const gaps = entries.map(([cp], i) => (cp - (i > 0 ? entries[i - 1][0] : 0)).toString(36));
  const keys = entries.map(([cp, key]) =>
    Array.from(key, (c) => {
      const target = c.codePointAt(0);
      // Latin-1 and Latin Extended targets are shared by many sources: absolute repeats more.
      if (target < 0x300) return `=${target.toString(36)}`;
      const delta = target - cp;
      return delta < 0 ? `-${(-delta).toString(36)}` : delta.toString(36);
    }).join('.'),
  );
  return `${gaps.join(',')};${keys.join(',')}`;
};

const text = `// Generated by tools/confusables-table.mjs from Unicode TR39 confusables.txt v13.0.0
// (npm unhomoglyph ${version}). Do not edit: change the script and run it again.

// Format: "gaps;keys". gaps: the mapped code points, each as the base-36 distance from the
// previous one. keys: one per code point, its code points joined by "." (empty: maps to
// nothing), each "=" + base 36 for an absolute value, else the base-36 signed distance from
// the mapped code point.

/**
 * Keys of the code points that NFKC, invisible-character removal and NFD can leave.
 * @internal
 */
export const CONFUSABLE_KEYS =
  '${encode(table)}';

/**
 * Keys of compatibility characters that look unlike their NFKC form; applied before NFKC.
 * @internal
 */
export const CONFUSABLE_OVERRIDES =
  '${encode(overrides)}';
`;

if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== text) {
    console.error('confusables-table.ts is stale: run node tools/confusables-table.mjs');
    process.exit(1);
  }
  console.error('confusables-table.ts is up to date');
} else {
  writeFileSync(OUT, text);
  console.error(`wrote confusables-table.ts: ${table.size} keys, ${overrides.size} overrides`);
}
