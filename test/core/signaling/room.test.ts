import { expect } from '@open-wc/testing';
import { SECRET_ITERATIONS, deriveRoom, inboxTopic } from '../../../src/core/signaling/room.js';

// Room derivation against docs/protocol.md (section 3 and the vectors of section 10), and
// against an independent implementation: PBKDF2 and HMAC straight from WebCrypto, HKDF
// written out by hand (RFC 5869), base64url by btoa.

const enc = new TextEncoder();
const b64u = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(text)));

async function hmac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, data as BufferSource));
}

async function pbkdf2(secret: string, salt: Uint8Array, iterations: number, bits: number): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', enc.encode(secret), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, k, bits));
}

/** HKDF-SHA-256 with an empty salt, first 32-byte block: HMAC(HMAC(zeros, ikm), info || 0x01). */
async function hkdfBlock(ikm: Uint8Array, info: string): Promise<Uint8Array> {
  const prk = await hmac(new Uint8Array(32), ikm);
  return hmac(prk, new Uint8Array([...enc.encode(info), 1]));
}

const lobby = { origin: 'https://example.com', path: '/chat', room: 'lobby' };

describe('room derivation', () => {
  it('names a room without a secret by the hash of its material (protocol vector)', async () => {
    const room = await deriveRoom(lobby);
    expect(room).to.deep.equal({ topic: 'rtchat/v1/cHYALsGNzU9XNLD2esVmew', key: null });
    expect((await deriveRoom({ origin: '', path: '', topic: 'my-app/lobby' })).topic).to.equal('rtchat/v1/9thkD7NcJokNVQHPiE_oYA');
  });

  it('names a secret room and its inboxes as the protocol vectors say', async () => {
    const room = await deriveRoom({ ...lobby, secret: 'correct horse battery staple' });
    expect(room.topic).to.equal('rtchat/v1/lR4UOwsCy4O-VxLaGtZkVw');
    expect(inboxTopic(room.topic, 'GX9rI-FshTLGq8g4-1')).to.equal('rtchat/v1/lR4UOwsCy4O-VxLaGtZkVw/5HzrG4Hgqz6cfEBN');
    expect(room.key?.algorithm).to.deep.include({ name: 'AES-GCM', length: 256 });
    expect(room.key?.extractable).to.equal(false);
  });

  it('expands topic and key from one 256-bit PBKDF2 output, so a guess checked against the topic costs a whole join', async () => {
    expect(SECRET_ITERATIONS).to.equal(600_000);
    const secret = 'open sesame';
    const salt = await sha256('rtchat/v1/room\0https://example.com/chat#lobby');
    const seed = await pbkdf2(secret, salt, SECRET_ITERATIONS, 256);
    const room = await deriveRoom({ ...lobby, secret });

    // The topic: the first 16 bytes of HKDF(seed, "rtchat/v1/secret-topic").
    expect(room.topic).to.equal(`rtchat/v1/${b64u((await hkdfBlock(seed, 'rtchat/v1/secret-topic')).subarray(0, 16))}`);

    // The key: HKDF(seed, "rtchat/v1/secret-key"). What the room key seals, that raw key opens.
    const raw = await hkdfBlock(seed, 'rtchat/v1/secret-key');
    const mine = await crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['decrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, room.key!, enc.encode('hello'));
    expect(new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, mine, sealed))).to.equal('hello');

    // Why one block: PBKDF2 computes each 256-bit block on its own, so the first half of a
    // 512-bit output (what named the topic before) costs exactly half of the whole.
    const both = await pbkdf2(secret, salt, SECRET_ITERATIONS, 512);
    expect(both.subarray(0, 32)).to.deep.equal(seed);
  });

  it('gives a different secret, or the same secret in another room, another topic', async () => {
    const a = await deriveRoom({ ...lobby, secret: 'open sesame' });
    const b = await deriveRoom({ ...lobby, secret: 'open says me' });
    const c = await deriveRoom({ ...lobby, room: 'kitchen', secret: 'open sesame' });
    expect(new Set([a.topic, b.topic, c.topic, (await deriveRoom(lobby)).topic]).size).to.equal(4);
  });
});
