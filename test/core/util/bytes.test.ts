import { expect } from '@open-wc/testing';
import { concatBytes, equalBytes, fromBase64Url, fromHex, fromUtf8, randomBytes, sha256, toBase64Url, toHex, utf8 } from '../../../src/core/util/bytes.js';

// The byte helpers on their own: encodings against published vectors, and the errors
// promised for malformed input.

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** The error `fn` throws (fails the test when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('utf8 / fromUtf8', () => {
  it('round-trips ASCII, accents and characters outside the BMP', () => {
    for (const text of ['', 'hello', 'héllo wörld', '日本語', '👍🏽 family: 👨‍👩‍👧']) expect(fromUtf8(utf8(text))).to.equal(text);
  });

  it('encodes to the standard UTF-8 bytes', () => {
    expect([...utf8('é€😀')]).to.deep.equal([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('throws TypeError on bytes that are not valid UTF-8', () => {
    const invalid = [
      bytes(0xff), // never valid
      bytes(0x80), // a lone continuation byte
      bytes(0xc3), // a truncated two-byte sequence
      bytes(0xc0, 0x80), // an overlong NUL
      bytes(0xed, 0xa0, 0x80), // an encoded surrogate
    ];
    for (const b of invalid)
      expect(
        thrown(() => fromUtf8(b)),
        `[${[...b]}]`,
      ).to.be.instanceOf(TypeError);
  });
});

describe('concatBytes', () => {
  it('joins its parts in order into a new array', () => {
    const a = bytes(1, 2);
    const b = bytes(3);
    const joined = concatBytes(a, new Uint8Array(0), b);
    expect(joined).to.deep.equal(bytes(1, 2, 3));
    joined[0] = 9;
    expect(a[0]).to.equal(1);
  });

  it('gives an empty array for no parts', () => {
    expect(concatBytes()).to.deep.equal(new Uint8Array(0));
  });
});

describe('randomBytes', () => {
  it('gives the length asked for, and different bytes each call', () => {
    expect(randomBytes(0)).to.have.length(0);
    const a = randomBytes(32);
    expect(a).to.have.length(32);
    expect(toHex(randomBytes(32))).not.to.equal(toHex(a));
  });
});

describe('equalBytes', () => {
  it('is true only for the same length and the same bytes', () => {
    expect(equalBytes(bytes(), bytes())).to.be.true;
    expect(equalBytes(bytes(1, 2, 3), bytes(1, 2, 3))).to.be.true;
    expect(equalBytes(bytes(1, 2, 3), bytes(1, 2, 4))).to.be.false;
    expect(equalBytes(bytes(0, 2, 3), bytes(1, 2, 3))).to.be.false;
    expect(equalBytes(bytes(1, 2), bytes(1, 2, 0))).to.be.false;
    expect(equalBytes(bytes(1, 2, 0), bytes(1, 2))).to.be.false;
  });
});

describe('toBase64Url / fromBase64Url', () => {
  // RFC 4648 §10, without the padding.
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ];

  it('encodes the RFC 4648 test vectors without padding', () => {
    for (const [text, encoded] of vectors) expect(toBase64Url(ascii(text)), text).to.equal(encoded);
  });

  it('decodes the RFC 4648 test vectors', () => {
    for (const [text, encoded] of vectors) expect(fromBase64Url(encoded), encoded).to.deep.equal(ascii(text));
  });

  it('uses the URL-safe alphabet: - and _ instead of + and /', () => {
    expect(toBase64Url(bytes(0xfb, 0xff, 0xbf))).to.equal('-_-_');
    expect(fromBase64Url('-_-_')).to.deep.equal(bytes(0xfb, 0xff, 0xbf));
  });

  it('round-trips every byte value at every length remainder', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 6; n++) {
      const part = all.subarray(256 - n);
      expect(fromBase64Url(toBase64Url(part))).to.deep.equal(part);
    }
    expect(fromBase64Url(toBase64Url(all))).to.deep.equal(all);
  });

  it('throws TypeError on characters outside the alphabet: padding, +, /, spaces', () => {
    for (const text of ['Zg==', 'Zm9v+A', 'Zm9v/A', 'Zm9 v', 'Zm9v\n', 'Zé']) {
      expect(
        thrown(() => fromBase64Url(text)),
        JSON.stringify(text),
      ).to.be.instanceOf(TypeError);
    }
  });

  it('throws TypeError on an impossible length (one character over a multiple of four)', () => {
    for (const text of ['A', 'AAAAA', 'Zm9vYmFyA']) {
      const error = thrown(() => fromBase64Url(text));
      expect(error, text).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.contain('length');
    }
  });
});

describe('toHex / fromHex', () => {
  it('writes lower-case hex, two digits a byte', () => {
    expect(toHex(bytes(0, 1, 0x0f, 0x10, 0xab, 0xff))).to.equal('00010f10abff');
    expect(toHex(bytes())).to.equal('');
  });

  it('reads either case back', () => {
    expect(fromHex('00010f10abff')).to.deep.equal(bytes(0, 1, 0x0f, 0x10, 0xab, 0xff));
    expect(fromHex('ABff')).to.deep.equal(bytes(0xab, 0xff));
    expect(fromHex('')).to.deep.equal(bytes());
  });

  it('throws TypeError on an odd length or a character that is not a hex digit', () => {
    for (const hex of ['a', 'abc', 'zz', '0x12', ' 12', '12 ', '1-', '+1', 'é0']) {
      expect(
        thrown(() => fromHex(hex)),
        JSON.stringify(hex),
      ).to.be.instanceOf(TypeError);
    }
  });
});

describe('sha256', () => {
  it('hashes the FIPS 180-2 vectors', async () => {
    expect(toHex(await sha256(bytes()))).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(await sha256(utf8('abc')))).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes only the bytes a subarray covers', async () => {
    const buffer = utf8('xxabcxx');
    expect(toHex(await sha256(buffer.subarray(2, 5)))).to.equal(toHex(await sha256(utf8('abc'))));
  });
});
