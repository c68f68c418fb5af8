/**
 * Bounds-checked binary reading and writing for the wire formats.
 * Every read past the end throws a RangeError, so a malformed payload can never be
 * half-parsed into something that looks valid.
 */
import { fromUtf8, utf8 } from './bytes.js';

/** Appends fixed-width integers, raw bytes and short length-prefixed strings. */
export class ByteWriter {
  private parts: number[] = [];

  u8(value: number): this {
    this.parts.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value >>> 8).u8(value);
  }

  u32(value: number): this {
    return this.u16(value >>> 16).u16(value & 0xffff);
  }

  /** A 48-bit unsigned integer (milliseconds since 1970 fit until the year 10889). */
  u48(value: number): this {
    return this.u16(Math.floor(value / 2 ** 32)).u32(value % 2 ** 32);
  }

  bytes(value: Uint8Array): this {
    for (const b of value) this.parts.push(b);
    return this;
  }

  /** One length byte, then the bytes. @throws {RangeError} over 255 bytes */
  shortBytes(value: Uint8Array): this {
    if (value.length > 255) throw new RangeError('shortBytes: over 255 bytes');
    return this.u8(value.length).bytes(value);
  }

  /** UTF-8 with a one-byte length. @throws {RangeError} over 255 bytes */
  shortString(value: string): this {
    return this.shortBytes(utf8(value));
  }

  /** Two length bytes, then the bytes. @throws {RangeError} over 65535 bytes */
  longBytes(value: Uint8Array): this {
    if (value.length > 0xffff) throw new RangeError('longBytes: over 65535 bytes');
    return this.u16(value.length).bytes(value);
  }

  get length(): number {
    return this.parts.length;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Reads what ByteWriter wrote. Every method throws RangeError when the input runs short. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly data: Uint8Array) {}

  get remaining(): number {
    return this.data.length - this.offset;
  }

  get position(): number {
    return this.offset;
  }

  private take(n: number): Uint8Array {
    if (n < 0 || this.offset + n > this.data.length) throw new RangeError('truncated input');
    const out = this.data.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  u8(): number {
    return this.take(1)[0];
  }

  u16(): number {
    const b = this.take(2);
    return (b[0] << 8) | b[1];
  }

  u32(): number {
    const b = this.take(4);
    return ((b[0] << 24) >>> 0) + ((b[1] << 16) | (b[2] << 8) | b[3]);
  }

  u48(): number {
    return this.u16() * 2 ** 32 + this.u32();
  }

  /** A copy, so later mutation of the input cannot change what was parsed. */
  bytes(n: number): Uint8Array {
    return this.take(n).slice();
  }

  shortBytes(): Uint8Array {
    return this.bytes(this.u8());
  }

  /** @throws {TypeError} when not valid UTF-8 */
  shortString(): string {
    return fromUtf8(this.take(this.u8()));
  }

  longBytes(): Uint8Array {
    return this.bytes(this.u16());
  }

  /** The bytes from `start` up to the current position (what a signature covers). */
  slice(start: number, end = this.offset): Uint8Array {
    return this.data.slice(start, end);
  }

  rest(): Uint8Array {
    return this.bytes(this.remaining);
  }

  /** @throws {RangeError} when bytes are left over: trailing garbage is malformed input */
  end(): void {
    if (this.remaining !== 0) throw new RangeError(`${this.remaining} unexpected trailing bytes`);
  }
}
