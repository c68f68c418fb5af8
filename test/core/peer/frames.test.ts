import { expect } from '@open-wc/testing';
import { FrameRejected, MAX_FRAME_CHARS, MAX_PAYLOAD_JSON, MAX_TEXT, isEmoji, parseFrame, writeFrame, type Frame } from '../../../src/core/peer/frames.js';

// The data-channel frame gate on its own: each field's type and limit, at and over it.
// (hostile-frames.test.ts sends bad frames through a real channel; fuzz.test.ts throws random ones.)

const ID = 'abc_DEF-123';
const NONCE = 'n'.repeat(43); // 32 bytes of base64url
const KEY = 'k'.repeat(43);
const SIG = 's'.repeat(86); // 64 bytes

/** The reason parseFrame gives for `data` (fails the test when it accepts it). */
function rejection(data: unknown): FrameRejected['reason'] {
  try {
    parseFrame(data);
  } catch (e) {
    if (e instanceof FrameRejected) return e.reason;
    throw e;
  }
  throw new Error(`accepted ${String(data).slice(0, 80)}`);
}

const accepts = (frame: object) => expect(parseFrame(JSON.stringify(frame))).to.deep.equal(frame);
const rejects = (frame: object, reason: FrameRejected['reason'] = 'malformed') => expect(rejection(JSON.stringify(frame)), JSON.stringify(frame).slice(0, 120)).to.equal(reason);

describe('parseFrame', () => {
  it('accepts a well-formed frame of every kind, and writeFrame writes what it accepts', () => {
    const frames: Frame[] = [
      { t: 'hello', nonce: NONCE },
      { t: 'proof', key: KEY, own: KEY, other: KEY, sig: SIG },
      { t: 'chat', id: ID, text: 'hi', ts: 1_700_000_000_000 },
      { t: 'chat', id: ID, text: 'psst', ts: 0, dm: true },
      { t: 'ack', id: ID },
      { t: 'ask', id: ID, q: { any: ['json', 1, null] } },
      { t: 'answer', id: ID, a: 42 },
      { t: 'answer', id: ID, error: 'no such thing' },
      { t: 'answer', id: ID },
      { t: 'name', name: 'Alice' },
      { t: 'ping' },
      { t: 'bye' },
      { t: 'file-offer', id: ID, name: 'photo.jpg', type: 'image/jpeg', size: 1234, hash: KEY, sig: SIG },
      { t: 'file-accept', id: ID },
      { t: 'file-decline', id: ID },
      { t: 'file-cancel', id: ID },
      { t: 'file-done', id: ID },
      { t: 'typing' },
      { t: 'react', id: ID, emoji: '👍', on: true },
      { t: 'react', id: ID, emoji: '👍', on: false },
    ];
    for (const f of frames) expect(parseFrame(writeFrame(f)), writeFrame(f)).to.deep.equal(f);
  });

  it('rejects anything but a string as malformed (binary on the chat channel)', () => {
    for (const data of [new ArrayBuffer(4), new Uint8Array([123, 125]), new Blob(['{}']), 42, null, undefined, { t: 'ping' }]) {
      expect(rejection(data)).to.equal('malformed');
    }
  });

  it('accepts a frame of exactly MAX_FRAME_CHARS characters and rejects one more as too large', () => {
    const ping = '{"t":"ping"}';
    const atLimit = ping + ' '.repeat(MAX_FRAME_CHARS - ping.length);
    expect(parseFrame(atLimit)).to.deep.equal({ t: 'ping' });
    expect(rejection(atLimit + ' ')).to.equal('too-large');
  });

  it('judges the size before parsing: an oversized string is too large even when it is not JSON', () => {
    expect(rejection('x'.repeat(MAX_FRAME_CHARS + 1))).to.equal('too-large');
  });

  it('rejects text that is not JSON, and JSON that is not an object, as malformed', () => {
    for (const data of ['', 'not json', '{"t":"ping"', "{'t':'ping'}", '[]', '[{"t":"ping"}]', 'null', '42', '"ping"', 'true']) {
      expect(rejection(data), data).to.equal('malformed');
    }
  });

  it('rejects a missing, non-string or unknown kind as unknown-kind, inherited names included', () => {
    for (const t of [undefined, 42, null, ['ping'], 'PING', 'launch', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(rejection(JSON.stringify({ t })), String(t)).to.equal('unknown-kind');
    }
  });

  it('rejects a field the kind does not have, __proto__ included', () => {
    rejects({ t: 'ping', extra: 1 });
    rejects({ t: 'ack', id: ID, text: 'smuggled' });
    expect(rejection('{"t":"ping","__proto__":{"polluted":true}}')).to.equal('malformed');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('rejects a missing required field', () => {
    rejects({ t: 'hello' });
    rejects({ t: 'chat', id: ID, ts: 1 });
    rejects({ t: 'chat', text: 'hi', ts: 1 });
    rejects({ t: 'chat', id: ID, text: 'hi' });
    rejects({ t: 'ask', id: ID });
    rejects({ t: 'react', id: ID, emoji: '👍' });
    rejects({ t: 'file-offer', id: ID, name: 'a', type: 'b', size: 1, hash: KEY });
  });

  it('takes ids of 1 to 64 base64url characters and nothing else', () => {
    accepts({ t: 'ack', id: 'a' });
    accepts({ t: 'ack', id: 'x'.repeat(64) });
    for (const id of ['', 'x'.repeat(65), 'bad id', 'a.b', 'a/b', 'a+b', 'a=', 'é', 42, null]) rejects({ t: 'ack', id });
  });

  it('takes chat text of 1 to MAX_TEXT characters', () => {
    accepts({ t: 'chat', id: ID, text: 'x', ts: 1 });
    accepts({ t: 'chat', id: ID, text: 'x'.repeat(MAX_TEXT), ts: 1 });
    rejects({ t: 'chat', id: ID, text: 'x'.repeat(MAX_TEXT + 1), ts: 1 });
    rejects({ t: 'chat', id: ID, text: '', ts: 1 });
    rejects({ t: 'chat', id: ID, text: 42, ts: 1 });
    rejects({ t: 'chat', id: ID, text: ['hi'], ts: 1 });
  });

  it('counts chat text in UTF-16 code units', () => {
    accepts({ t: 'chat', id: ID, text: '😀'.repeat(MAX_TEXT / 2), ts: 1 });
    rejects({ t: 'chat', id: ID, text: '😀'.repeat(MAX_TEXT / 2) + 'x', ts: 1 });
  });

  it('takes a chat timestamp that is a safe non-negative integer', () => {
    accepts({ t: 'chat', id: ID, text: 'hi', ts: Number.MAX_SAFE_INTEGER });
    for (const ts of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, '1', null, true]) rejects({ t: 'chat', id: ID, text: 'hi', ts });
    expect(rejection('{"t":"chat","id":"a","text":"hi","ts":1e400}')).to.equal('malformed'); // Infinity
  });

  it('takes dm only as a boolean', () => {
    for (const dm of [1, 'true', null]) rejects({ t: 'chat', id: ID, text: 'hi', ts: 1, dm });
  });

  it('takes a question or answer of up to MAX_PAYLOAD_JSON characters of JSON', () => {
    const payload = (chars: number) => 'x'.repeat(chars - 2); // a JSON string: two quotes more
    accepts({ t: 'ask', id: ID, q: payload(MAX_PAYLOAD_JSON) });
    rejects({ t: 'ask', id: ID, q: payload(MAX_PAYLOAD_JSON + 1) });
    accepts({ t: 'answer', id: ID, a: payload(MAX_PAYLOAD_JSON) });
    rejects({ t: 'answer', id: ID, a: payload(MAX_PAYLOAD_JSON + 1) });
    accepts({ t: 'ask', id: ID, q: null });
  });

  it('takes an answer error of up to 500 characters, as a string', () => {
    accepts({ t: 'answer', id: ID, error: 'e'.repeat(500) });
    rejects({ t: 'answer', id: ID, error: 'e'.repeat(501) });
    rejects({ t: 'answer', id: ID, error: { message: 'no' } });
  });

  it('takes a name of up to 200 characters, as a string', () => {
    accepts({ t: 'name', name: '' });
    accepts({ t: 'name', name: 'n'.repeat(200) });
    rejects({ t: 'name', name: 'n'.repeat(201) });
    rejects({ t: 'name', name: 42 });
    rejects({ t: 'name', name: null });
  });

  it('takes a nonce, keys and hashes of exactly 43 base64url characters and signatures of 86', () => {
    for (const nonce of [NONCE.slice(1), NONCE + 'n', '+'.repeat(43), '='.repeat(43)]) rejects({ t: 'hello', nonce });
    rejects({ t: 'proof', key: KEY.slice(1), own: KEY, other: KEY, sig: SIG });
    rejects({ t: 'proof', key: KEY, own: KEY, other: KEY + 'k', sig: SIG });
    rejects({ t: 'proof', key: KEY, own: KEY, other: KEY, sig: SIG.slice(1) });
    rejects({ t: 'proof', key: KEY, own: KEY, other: KEY, sig: SIG + 's' });
  });

  describe('file-offer', () => {
    const offer = { t: 'file-offer', id: ID, name: 'a.txt', type: 'text/plain', size: 1, hash: KEY, sig: SIG };

    it('takes a file name of up to 1000 characters', () => {
      accepts({ ...offer, name: 'n'.repeat(1000) });
      rejects({ ...offer, name: 'n'.repeat(1001) });
      rejects({ ...offer, name: 7 });
    });

    it('takes a type of up to 200 printable ASCII characters', () => {
      accepts({ ...offer, type: '' });
      accepts({ ...offer, type: 't'.repeat(200) });
      rejects({ ...offer, type: 't'.repeat(201) });
      for (const type of ['text/plain\n', 'text/\u0000', 'tëxt/plain', 'text/plain\u007f']) rejects({ ...offer, type });
    });

    it('takes a size that is a safe non-negative integer', () => {
      accepts({ ...offer, size: 0 });
      accepts({ ...offer, size: Number.MAX_SAFE_INTEGER });
      for (const size of [-1, 0.5, Number.MAX_SAFE_INTEGER + 1, '1', null]) rejects({ ...offer, size });
    });

    it('takes a hash of 43 and a signature of 86 base64url characters', () => {
      rejects({ ...offer, hash: KEY + 'k' });
      rejects({ ...offer, sig: SIG.slice(1) });
    });
  });

  it('takes a reaction only with one emoji and a boolean', () => {
    for (const emoji of ['', 'ok', ':+1:', '1', '👍'.repeat(17)]) rejects({ t: 'react', id: ID, emoji, on: true });
    for (const on of [1, 'true', null]) rejects({ t: 'react', id: ID, emoji: '👍', on });
  });

  it('says why in its error: a FrameRejected with the reason and the field', () => {
    let error: unknown;
    try {
      parseFrame(JSON.stringify({ t: 'chat', id: ID, text: 'hi', ts: -1 }));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(FrameRejected);
    expect(error).to.be.instanceOf(Error);
    expect((error as FrameRejected).name).to.equal('FrameRejected');
    expect((error as FrameRejected).reason).to.equal('malformed');
    expect((error as FrameRejected).message).to.equal('malformed: chat: bad ts');
  });

  it('cuts a hostile kind or field name to 20 characters in its error', () => {
    for (const data of [JSON.stringify({ t: 'k'.repeat(1000) }), JSON.stringify({ t: 'ping', ['f'.repeat(1000)]: 1 })]) {
      try {
        parseFrame(data);
      } catch (e) {
        expect((e as Error).message.length).to.be.below(60);
        continue;
      }
      throw new Error('accepted');
    }
  });
});

describe('isEmoji', () => {
  // The examples of docs/protocol.md §7.2.
  it('accepts single emoji with modifiers, joiners, variation selectors and flags', () => {
    for (const e of ['👍', '❤️', '👍🏽', '👨‍👩‍👧', '🇫🇷', '©️', '🏳️‍🌈']) expect(isEmoji(e), e).to.be.true;
  });

  it('rejects text, a lone modifier, a digit and keycaps (no pictographic code point)', () => {
    for (const e of ['', 'a', 'ok', '🏽', '1', '#', '1️⃣', '#️⃣', '\u200d', '\ufe0f', '👍 ', ' 👍', '👍a']) expect(isEmoji(e), JSON.stringify(e)).to.be.false;
  });

  it('accepts at most 32 UTF-16 code units (several emoji pass, as documented)', () => {
    expect(isEmoji('😀'.repeat(16))).to.be.true;
    expect(isEmoji('😀'.repeat(16) + '\ufe0f')).to.be.false;
  });
});
