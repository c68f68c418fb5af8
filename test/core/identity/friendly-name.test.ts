import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { friendlyName, loadOrCreateName, MAX_NAME_LENGTH, normalizeName, saveName } from '../../../src/core/identity/friendly-name.js';

function memoryStorage(initial: Record<string, string> = {}): Storage & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  } as unknown as Storage & { map: Map<string, string> };
}

describe('friendlyName', () => {
  it('makes two capitalised words from the random source', () => {
    expect(friendlyName(() => 0)).to.equal('Amber Badger');
    expect(friendlyName(() => 0.9999999)).to.equal('Witty Wren');
    expect(friendlyName()).to.match(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it('varies from call to call', () => {
    const names = new Set(Array.from({ length: 50 }, () => friendlyName()));
    expect(names.size).to.be.greaterThan(25);
  });
});

describe('loadOrCreateName / saveName', () => {
  let namespace: string;
  beforeEach(() => {
    namespace = `rtchat-test-${crypto.randomUUID()}:`;
  });
  afterEach(() => localStorage.removeItem(`${namespace}name`));

  it('creates a friendly name on first use and returns it on every later visit', () => {
    const first = loadOrCreateName({ namespace });
    expect(first).to.match(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(localStorage.getItem(`${namespace}name`)).to.equal(first);
    expect(loadOrCreateName({ namespace })).to.equal(first);
  });

  it('saves a chosen name, normalised, under rtchat:name by default', () => {
    const storage = memoryStorage();
    expect(saveName('  Ada \u202E  Lovelace ', { storage })).to.equal('Ada Lovelace');
    expect([...storage.map]).to.deep.equal([['rtchat:name', 'Ada Lovelace']]);
    expect(loadOrCreateName({ storage })).to.equal('Ada Lovelace');
  });

  it('refuses an empty name and keeps the saved one', () => {
    saveName('Grace', { namespace });
    expect(() => saveName(' \u2066 ', { namespace })).to.throw(TypeError);
    expect(() => saveName(42, { namespace })).to.throw(TypeError);
    expect(loadOrCreateName({ namespace })).to.equal('Grace');
  });

  it('replaces a stored name that is unusable, and cleans one that is merely untidy', () => {
    const storage = memoryStorage({ 'x:name': '\u0000\u202D' });
    const fresh = loadOrCreateName({ namespace: 'x:', storage });
    expect(fresh).to.match(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(storage.map.get('x:name')).to.equal(fresh);
    expect(loadOrCreateName({ storage: memoryStorage({ 'rtchat:name': ' Linus\n' }) })).to.equal('Linus');
  });

  it('still names the user when storage is blocked', () => {
    const blocked = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    expect(loadOrCreateName({ storage: blocked })).to.match(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });
});

describe('normalizeName', () => {
  it('trims, collapses whitespace and drops control characters and bidi controls', () => {
    expect(normalizeName('  Amber\t\n  Otter  ')).to.equal('Amber Otter');
    expect(normalizeName('Ev\u0000e\u0007')).to.equal('Eve');
    // "Alice" followed by a right-to-left override would display reversed text after it.
    expect(normalizeName('Alice\u202Eexe.txt')).to.equal('Aliceexe.txt');
    expect(normalizeName('\u2066Bob\u2069 \u202A \u200F')).to.equal('Bob');
    expect(normalizeName('<b>Zoë</b>')).to.equal('<b>Zoë</b>'); // text, not HTML: nothing to strip
  });

  it('composes to NFC so the same name typed two ways is equal', () => {
    expect(normalizeName('Zoe\u0308')).to.equal('Zo\u00EB');
  });

  it('cuts at 40 code points without splitting a surrogate pair', () => {
    expect(normalizeName('a'.repeat(50))).to.equal('a'.repeat(40));
    const otters = normalizeName('🦦'.repeat(45));
    expect(Array.from(otters)).to.have.length(40);
    expect(otters).to.equal('🦦'.repeat(40));
    expect(normalizeName(`${'x'.repeat(39)} tail`)).to.equal('x'.repeat(39)); // no trailing space left
  });

  it('throws TypeError for non-strings and for nothing left', () => {
    for (const input of [undefined, null, 7, {}, ['a']]) expect(() => normalizeName(input), String(input)).to.throw(TypeError);
    for (const input of ['', '   ', '\u0001\u0002', '\u202E\u2066']) expect(() => normalizeName(input), JSON.stringify(input)).to.throw(TypeError);
  });

  it('always yields a short, tidy, stable name or throws TypeError (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (input) => {
        let name: string;
        try {
          name = normalizeName(input);
        } catch (error) {
          expect(error).to.be.instanceOf(TypeError);
          return;
        }
        expect(Array.from(name).length).to.be.within(1, MAX_NAME_LENGTH);
        expect(name).to.equal(name.trim());
        expect(name).not.to.match(/\s\s|[\p{Cc}\p{Cs}\p{Bidi_Control}]/u);
        expect(normalizeName(name)).to.equal(name);
      }),
      { numRuns: 2000 },
    );
  });
});
