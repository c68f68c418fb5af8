import { expect } from '@open-wc/testing';
import { ByteReader, ByteWriter } from '../../../src/core/util/byte-io.js';
import { utf8 } from '../../../src/core/util/bytes.js';

// The wire formats' reader and writer: big-endian integers, length-prefixed fields, and a
// RangeError for every read past the end or write over a length prefix.

const bytes = (...values: number[]) => new Uint8Array(values);

/** The error `fn` throws (fails the test when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('ByteWriter', () => {
  it('writes integers big-endian', () => {
    const out = new ByteWriter().u8(0x01).u16(0x0203).u32(0x04050607).u48(0x08090a0b0c0d).finish();
    expect([...out]).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('writes a one-byte length before short bytes and strings, and two before long bytes', () => {
    const out = new ByteWriter().shortBytes(bytes(7, 8)).shortString('é').longBytes(bytes(9)).finish();
    expect([...out]).to.deep.equal([2, 7, 8, 2, 0xc3, 0xa9, 0, 1, 9]);
  });

  it('counts what it has written', () => {
    const w = new ByteWriter();
    expect(w.length).to.equal(0);
    w.u8(1)
      .u16(2)
      .u32(3)
      .u48(4)
      .bytes(bytes(1, 2, 3));
    expect(w.length).to.equal(1 + 2 + 4 + 6 + 3);
    expect(w.finish()).to.have.length(16);
  });

  it('accepts 255 short bytes and throws RangeError at 256, writing nothing', () => {
    const w = new ByteWriter().u8(42);
    w.shortBytes(new Uint8Array(255));
    expect(w.length).to.equal(1 + 1 + 255);
    expect(thrown(() => w.shortBytes(new Uint8Array(256)))).to.be.instanceOf(RangeError);
    expect(w.length).to.equal(257);
  });

  it('measures a short string in UTF-8 bytes, not characters', () => {
    const w = new ByteWriter();
    w.shortString('é'.repeat(127) + 'a'); // 255 bytes
    expect(w.length).to.equal(256);
    expect(thrown(() => w.shortString('é'.repeat(128)))).to.be.instanceOf(RangeError); // 128 characters, 256 bytes
    expect(w.length).to.equal(256);
  });

  it('accepts 65535 long bytes and throws RangeError at 65536, writing nothing', () => {
    const w = new ByteWriter();
    w.longBytes(new Uint8Array(0xffff));
    expect(w.length).to.equal(2 + 0xffff);
    expect(thrown(() => w.longBytes(new Uint8Array(0x10000)))).to.be.instanceOf(RangeError);
    expect(w.length).to.equal(2 + 0xffff);
  });
});

describe('ByteReader', () => {
  it('reads back what the writer wrote, up to each width’s largest value', () => {
    const now = Date.now();
    const data = new ByteWriter()
      .u8(0xff)
      .u16(0xffff)
      .u32(0xffffffff)
      .u48(2 ** 48 - 1)
      .u48(now)
      .u32(0)
      .shortBytes(bytes(1, 2))
      .shortString('héllo 👋')
      .longBytes(new Uint8Array(300).fill(5))
      .bytes(bytes(9, 9))
      .finish();
    const r = new ByteReader(data);
    expect(r.u8()).to.equal(0xff);
    expect(r.u16()).to.equal(0xffff);
    expect(r.u32()).to.equal(0xffffffff); // unsigned, not -1
    expect(r.u48()).to.equal(2 ** 48 - 1);
    expect(r.u48()).to.equal(now);
    expect(r.u32()).to.equal(0);
    expect(r.shortBytes()).to.deep.equal(bytes(1, 2));
    expect(r.shortString()).to.equal('héllo 👋');
    expect(r.longBytes()).to.deep.equal(new Uint8Array(300).fill(5));
    expect(r.rest()).to.deep.equal(bytes(9, 9));
    expect(r.remaining).to.equal(0);
    r.end();
  });

  it('throws RangeError on every read past the end', () => {
    const reads: [string, Uint8Array, (r: ByteReader) => unknown][] = [
      ['u8 of nothing', bytes(), (r) => r.u8()],
      ['u16 of one byte', bytes(1), (r) => r.u16()],
      ['u32 of three bytes', bytes(1, 2, 3), (r) => r.u32()],
      ['u48 of five bytes', bytes(1, 2, 3, 4, 5), (r) => r.u48()],
      ['bytes(3) of two', bytes(1, 2), (r) => r.bytes(3)],
      ['short bytes claiming 3 with 2 left', bytes(3, 1, 2), (r) => r.shortBytes()],
      ['short bytes without a length', bytes(), (r) => r.shortBytes()],
      ['short string claiming 5 with 1 left', bytes(5, 0x61), (r) => r.shortString()],
      ['long bytes claiming 256 with 255 left', new Uint8Array(2 + 255).fill(1, 0, 1), (r) => r.longBytes()],
      ['long bytes with half a length', bytes(0), (r) => r.longBytes()],
    ];
    for (const [what, data, read] of reads)
      expect(
        thrown(() => read(new ByteReader(data))),
        what,
      ).to.be.instanceOf(RangeError);
  });

  it('throws RangeError on a negative length', () => {
    expect(thrown(() => new ByteReader(bytes(1, 2)).bytes(-1))).to.be.instanceOf(RangeError);
  });

  it('consumes nothing on a read that runs short', () => {
    const r = new ByteReader(bytes(1, 2, 3));
    r.u8();
    expect(() => r.u32()).to.throw(RangeError);
    expect(r.position).to.equal(1);
    expect(r.u16()).to.equal(0x0203);
  });

  it('reads exactly to the end: zero-length fields at the end are fine', () => {
    const r = new ByteReader(bytes(0, 0, 0));
    expect(r.shortBytes()).to.deep.equal(bytes());
    expect(r.longBytes()).to.deep.equal(bytes());
    expect(r.rest()).to.deep.equal(bytes());
    r.end();
  });

  it('throws TypeError on a short string that is not valid UTF-8', () => {
    expect(thrown(() => new ByteReader(bytes(2, 0xc3, 0x28)).shortString())).to.be.instanceOf(TypeError);
  });

  it('hands out copies: changing the input later does not change what was read', () => {
    const data = bytes(2, 7, 8, 1, 2);
    const r = new ByteReader(data);
    const field = r.shortBytes();
    const start = r.position;
    r.u8();
    const signed = r.slice(0);
    const rest = r.rest();
    data.fill(0);
    expect(field).to.deep.equal(bytes(7, 8));
    expect(signed).to.deep.equal(bytes(2, 7, 8, 1));
    expect(rest).to.deep.equal(bytes(2));
    expect(start).to.equal(3);
  });

  it('slices from a start up to the current position, or to a given end', () => {
    const r = new ByteReader(bytes(10, 11, 12, 13, 14));
    r.bytes(3);
    expect(r.slice(1)).to.deep.equal(bytes(11, 12));
    expect(r.slice(0, 5)).to.deep.equal(bytes(10, 11, 12, 13, 14));
    expect(r.position).to.equal(3);
  });

  it('reports trailing bytes from end() as a RangeError that counts them', () => {
    const r = new ByteReader(bytes(1, 2, 3));
    r.u8();
    const error = thrown(() => r.end());
    expect(error).to.be.instanceOf(RangeError);
    expect((error as Error).message).to.contain('2 unexpected trailing bytes');
  });

  it('keeps position and remaining in step', () => {
    const r = new ByteReader(utf8('abcdef'));
    expect([r.position, r.remaining]).to.deep.equal([0, 6]);
    r.u16();
    expect([r.position, r.remaining]).to.deep.equal([2, 4]);
    r.rest();
    expect([r.position, r.remaining]).to.deep.equal([6, 0]);
  });
});
