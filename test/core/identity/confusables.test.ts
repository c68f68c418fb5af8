import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { looksAlike, mixedScript, nameSkeleton } from '../../../src/core/identity/confusables.js';
import { friendlyName } from '../../../src/core/identity/friendly-name.js';

// Characters the table maps, plus invisible ones, marks and spaces, for generated names.
const TRICKY = Array.from('AaIil1|0OoMmrnВвНнΣσςſϲΑαΙιІіӀ𝐀𝔭ꓲᎪꭺ①ǅßİıẞ\u0301\u0308\u0327\u200B\u200D\u00AD\uFE0F \u00A0\u3000\u2800\t');

describe('nameSkeleton', () => {
  it('gives "Alice" and its look-alikes one key', () => {
    const key = nameSkeleton('Alice');
    for (const name of [
      'alice', // case
      'ALICE',
      'Аlice', // Cyrillic А
      'Αlice', // Greek Alpha
      'Ꭺlice', // Cherokee A
      '𝐀lice', // mathematical bold A (NFKC)
      'Ａｌｉｃｅ', // fullwidth (NFKC)
      'Alice\u200B', // zero-width space
      'Al\u00ADice', // soft hyphen
      '\u202EAlice', // bidi override
      'AIice', // capital I for l
      'A1ice', // digit one for l
      '  Alice ', // outer whitespace
    ]) {
      expect(nameSkeleton(name), name).to.equal(key);
    }
  });

  it('keeps spaces inside a name, collapsed to one', () => {
    expect(nameSkeleton('A l i c e')).not.to.equal(nameSkeleton('Alice'));
    expect(nameSkeleton('Ada \t\u00A0 Lovelace')).to.equal(nameSkeleton('Ada Lovelace'));
    expect(nameSkeleton('Ada\u2800Lovelace')).to.equal(nameSkeleton('Ada Lovelace')); // Braille blank
    expect(nameSkeleton(' Alice\u200B  Smith')).to.equal('allce srnlth');
  });

  it('matches the published TR39 examples', () => {
    expect(nameSkeleton('pаypal')).to.equal(nameSkeleton('paypal')); // Cyrillic а
    expect(nameSkeleton('ѕсоре')).to.equal(nameSkeleton('scope')); // all Cyrillic
    expect(nameSkeleton('𝔭𝒶ỿ𝕡𝕒ℓ')).to.equal(nameSkeleton('paypal'));
    expect(nameSkeleton('rnike')).to.equal(nameSkeleton('mike')); // rn for m
    expect(nameSkeleton('g00gle')).to.equal(nameSkeleton('google'));
  });

  it('catches capital-only look-alikes and case changes together', () => {
    expect(nameSkeleton('Вob')).to.equal(nameSkeleton('bob')); // Cyrillic В
    expect(nameSkeleton('НЕLLО')).to.equal(nameSkeleton('hello')); // Cyrillic Н, Е, О
    expect(nameSkeleton('MIKE')).to.equal(nameSkeleton('mike'));
    expect(nameSkeleton('Straße')).to.equal(nameSkeleton('STRASSE'));
  });

  it('lets TR39 win where a compatibility character looks unlike its NFKC form', () => {
    expect(nameSkeleton('ϲat')).to.equal(nameSkeleton('cat')); // lunate sigma; NFKC makes it ς
    expect(nameSkeleton('ſun')).to.equal(nameSkeleton('fun')); // long s; NFKC makes it s
  });

  it('keeps different names apart', () => {
    const names = ['Alice', 'Alicia', 'Bob', 'Bobby', 'Eve', 'Ana', 'Anna', 'Alice Smith', 'Alice Smyth', 'Алиса', 'アリス'];
    expect(new Set(names.map(nameSkeleton)).size).to.equal(names.length);
  });

  it('gives the 1,024 default friendly names 1,024 different keys', () => {
    const keys = new Set<string>();
    for (let adjective = 0; adjective < 32; adjective++) {
      for (let animal = 0; animal < 32; animal++) {
        const picks = [adjective / 32, animal / 32];
        keys.add(nameSkeleton(friendlyName(() => picks.shift()!)));
      }
    }
    expect(keys.size).to.equal(1024);
  });

  it('is idempotent for every code point of planes 0 to 3', function () {
    // 524,000 skeletons: a few seconds in Chromium, about four times as long in Firefox
    // (measured: 45 µs a skeleton there, 9 µs in Chromium), more on a busy machine.
    this.timeout(180_000);
    const failures: string[] = [];
    for (let cp = 0; cp < 0x40000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const key = nameSkeleton(String.fromCodePoint(cp));
      if (nameSkeleton(key) !== key && failures.push(cp.toString(16)) > 10) break;
    }
    expect(failures).to.deep.equal([]);
  });

  it('is idempotent and deterministic for generated names', () => {
    const tricky = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 40 });
    const anything = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(tricky, anything), (name) => {
        const key = nameSkeleton(name);
        expect(nameSkeleton(key)).to.equal(key);
        expect(nameSkeleton(name)).to.equal(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores case and invisible characters in generated Latin names', () => {
    const latin = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123 '), maxLength: 40 });
    fc.assert(
      fc.property(latin, fc.nat(), (name, at) => {
        const i = at % (name.length + 1);
        expect(nameSkeleton(name.toUpperCase())).to.equal(nameSkeleton(name.toLowerCase()));
        expect(nameSkeleton(`${name.slice(0, i)}\u200D${name.slice(i)}`)).to.equal(nameSkeleton(name));
      }),
      { numRuns: 500 },
    );
  });

  it('throws a TypeError for a name that is not a string', () => {
    expect(() => nameSkeleton(42 as unknown as string)).to.throw(TypeError);
  });
});

describe('nameSkeleton against marks a review found', () => {
  it('ignores combining marks and format characters, and maps small capital L', () => {
    for (const fake of ['Ali\u0307ce', 'Ali\u0323ce', 'Al\u0331ice', 'Alic\u0332e', 'Ali\u0335ce', 'A\u029Fice', 'Alice\uFFF9']) {
      expect(nameSkeleton(fake), JSON.stringify(fake)).to.equal(nameSkeleton('Alice'));
    }
    expect(looksAlike('Alice', 'Alicia')).to.be.false;
  });
});

describe('looksAlike', () => {
  it('is true for look-alikes and false for different names', () => {
    expect(looksAlike('paypal', 'pаypal')).to.equal(true);
    expect(looksAlike('Alice', 'ALICE')).to.equal(true);
    expect(looksAlike('Alice', 'Alicia')).to.equal(false);
    expect(looksAlike('Alice', 'Bob')).to.equal(false);
  });
});

describe('mixedScript', () => {
  it('flags Latin mixed with Cyrillic or Greek', () => {
    for (const name of ['Аlice', 'pаypal', 'Αlice', 'Алиса Smith', 'Tanaka 田中 Алиса', 'Ali محمد']) {
      expect(mixedScript(name), name).to.equal(true);
    }
  });

  it('accepts one script with digits, punctuation, emoji and marks', () => {
    for (const name of ['Alice', 'Alice 2 🙂!', 'Zoë', 'e\u0301', 'Алиса', 'Γιώργος', 'محمد', '', '123']) {
      expect(mixedScript(name), name).to.equal(false);
    }
  });

  it('accepts the mixtures TR39 counts as one script, alone or with Latin', () => {
    for (const name of ['山田たろうタロウ', '김민준 金', 'ㄅ王', 'Aiko 愛子', 'Kim 김민준']) {
      expect(mixedScript(name), name).to.equal(false);
    }
  });

  it('knows the script of every assigned character', () => {
    // A character in no listed script would make even a one-letter name "mixed".
    const unlisted: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (/[\p{Cn}\p{Co}]/u.test(ch)) continue;
      if (mixedScript(ch) && unlisted.push(cp.toString(16)) > 10) break;
    }
    expect(unlisted).to.deep.equal([]);
  });

  it('throws a TypeError for a name that is not a string', () => {
    expect(() => mixedScript(null as unknown as string)).to.throw(TypeError);
  });
});
