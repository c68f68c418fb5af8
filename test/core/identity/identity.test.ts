import { expect } from '@open-wc/testing';
import { Identity, verifySignature } from '../../../src/core/identity/identity.js';
import { deleteKvStore, openKvStore } from '../../../src/core/identity/kv-store.js';
import { fromHex, toBase64Url, utf8 } from '../../../src/core/util/bytes.js';
import { closePeers, openPeer, peerEval } from '../../harness/peer.js';

// Loaded inside peer pages: they only expose the harness, so they import the module themselves.
const IDENTITY_MODULE = '/src/core/identity/identity.ts';

describe('Identity', () => {
  let namespace: string;

  beforeEach(() => {
    namespace = `rtchat-test-${crypto.randomUUID()}:`;
  });
  afterEach(async () => {
    await closePeers();
    await deleteKvStore(`${namespace}store`);
  });

  it('creates a WebCrypto key on first use and loads the same key afterwards', async () => {
    const first = await Identity.load({ namespace });
    const second = await Identity.load({ namespace });
    expect(first.kind).to.equal('webcrypto');
    expect(second.kind).to.equal('webcrypto');
    expect(first.publicKey).to.have.length(32);
    expect(toBase64Url(second.publicKey)).to.equal(toBase64Url(first.publicKey));
    // Another namespace is another profile.
    const other = await Identity.load({ namespace: `${namespace}other:` });
    expect(toBase64Url(other.publicKey)).not.to.equal(toBase64Url(first.publicKey));
    await deleteKvStore(`${namespace}other:store`);
  });

  it('stores a private key that script cannot export', async () => {
    await Identity.load({ namespace });
    const kv = await openKvStore(`${namespace}store`);
    const record = await kv.get<{ privateKey: CryptoKey }>('identity');
    kv.close();
    expect(record!.privateKey.extractable).to.equal(false);
    for (const format of ['pkcs8', 'jwk'] as const) {
      let error: unknown;
      await crypto.subtle.exportKey(format, record!.privateKey).catch((e) => (error = e));
      expect(error, format).to.be.instanceOf(DOMException);
      expect((error as DOMException).name).to.equal('InvalidAccessError');
    }
  });

  it('has the same key in another page of the profile (a reload)', async () => {
    const mine = toBase64Url((await Identity.load({ namespace })).publicKey);
    const peer = await openPeer('same-context');
    const theirs = await peerEval(
      peer,
      async ({ url, namespace }: { url: string; namespace: string }) => {
        const { Identity } = await import(url);
        const me = await Identity.load({ namespace });
        return { kind: me.kind as string, key: Array.from(me.publicKey as Uint8Array) };
      },
      { url: IDENTITY_MODULE, namespace },
    );
    expect(theirs.kind).to.equal('webcrypto');
    expect(toBase64Url(new Uint8Array(theirs.key))).to.equal(mine);
  });

  it('signs with WebCrypto in a way noble verifies, and rejects tampering', async () => {
    const me = await Identity.load({ namespace });
    const message = utf8('hello, verified world');
    const signature = await me.sign(message);
    expect(signature).to.have.length(64);
    expect(await verifySignature(me.publicKey, message, signature)).to.equal(true);
    expect(await verifySignature(me.publicKey, utf8('hello, verified world!'), signature)).to.equal(false);
    const tampered = signature.slice();
    tampered[10] ^= 1;
    expect(await verifySignature(me.publicKey, message, tampered)).to.equal(false);
    const stranger = await Identity.ephemeral();
    expect(await verifySignature(stranger.publicKey, message, signature)).to.equal(false);
  });

  it('falls back to a stored noble seed that signs, verifies and persists', async () => {
    const me = await Identity.load({ namespace, forceFallback: true });
    expect(me.kind).to.equal('noble');
    const again = await Identity.load({ namespace });
    expect(again.kind).to.equal('noble');
    expect(toBase64Url(again.publicKey)).to.equal(toBase64Url(me.publicKey));
    const message = utf8('from noble');
    const signature = await again.sign(message);
    expect(await verifySignature(me.publicKey, message, signature)).to.equal(true);
    expect(await verifySignature(me.publicKey, utf8('from noble?'), signature)).to.equal(false);
  });

  it('gives one key to concurrent first loads in this page', async () => {
    const loaded = await Promise.all([1, 2, 3, 4].map(() => Identity.load({ namespace })));
    expect(new Set(loaded.map((id) => toBase64Url(id.publicKey))).size).to.equal(1);
    // Every copy can sign for that key.
    const message = utf8('any of us');
    for (const id of loaded) expect(await verifySignature(loaded[0].publicKey, message, await id.sign(message))).to.equal(true);
  });

  it('gives one key to two pages loading it at the same moment on first use', async () => {
    const pages = [await openPeer('same-context'), await openPeer('same-context')];
    const channel = `${namespace}go`;
    // Arm both pages, then start them together with one broadcast.
    for (const page of pages) {
      await peerEval(
        page,
        async ({ url, namespace, channel }: { url: string; namespace: string; channel: string }) => {
          const { Identity } = await import(url);
          (window as any).loaded = new Promise((resolve, reject) => {
            new BroadcastChannel(channel).onmessage = () => Identity.load({ namespace }).then((me: any) => resolve(Array.from(me.publicKey as Uint8Array)), reject);
          });
        },
        { url: IDENTITY_MODULE, namespace, channel },
      );
    }
    const go = new BroadcastChannel(channel);
    go.postMessage('go');
    go.close();
    const keys = await Promise.all(pages.map((page) => peerEval(page, () => (window as any).loaded as Promise<number[]>)));
    const mine = await Identity.load({ namespace });
    expect(toBase64Url(new Uint8Array(keys[0]))).to.equal(toBase64Url(mine.publicKey));
    expect(toBase64Url(new Uint8Array(keys[1]))).to.equal(toBase64Url(mine.publicKey));
  });

  it('makes ephemeral identities that are fresh, in memory and usable', async () => {
    const a = await Identity.ephemeral();
    const b = await Identity.ephemeral();
    expect(a.kind).to.equal('noble');
    expect(toBase64Url(a.publicKey)).not.to.equal(toBase64Url(b.publicKey));
    const signature = await a.sign(utf8('incognito'));
    expect(await verifySignature(a.publicKey, utf8('incognito'), signature)).to.equal(true);
  });

  it('does not let a caller change its public key through the returned bytes', async () => {
    const me = await Identity.ephemeral();
    const before = toBase64Url(me.publicKey);
    me.publicKey.fill(0);
    expect(toBase64Url(me.publicKey)).to.equal(before);
  });

  it('refuses to replace an unreadable stored identity', async () => {
    const kv = await openKvStore(`${namespace}store`);
    await kv.set('identity', { kind: 'noble', seed: 'not bytes' });
    let error: unknown;
    await Identity.load({ namespace, kv }).catch((e) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect(await kv.get('identity')).to.deep.equal({ kind: 'noble', seed: 'not bytes' });
    kv.close();
  });

  it('rejects a message that is not bytes', async () => {
    const me = await Identity.ephemeral();
    let error: unknown;
    await me.sign('text' as unknown as Uint8Array).catch((e) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
  });
});

describe('verifySignature', () => {
  // RFC 8032, section 7.1, TEST 2.
  const rfcKey = fromHex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c');
  const rfcMessage = fromHex('72');
  const rfcSignature = fromHex('92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00');

  it('accepts the RFC 8032 test vector and rejects it altered', async () => {
    expect(await verifySignature(rfcKey, rfcMessage, rfcSignature)).to.equal(true);
    expect(await verifySignature(rfcKey, fromHex('73'), rfcSignature)).to.equal(false);
  });

  it('returns false, never throwing, for wrong lengths and types', async () => {
    const cases: [unknown, unknown, unknown][] = [
      [rfcKey.subarray(0, 31), rfcMessage, rfcSignature],
      [new Uint8Array(33), rfcMessage, rfcSignature],
      [rfcKey, rfcMessage, rfcSignature.subarray(0, 63)],
      [rfcKey, rfcMessage, new Uint8Array(65)],
      [rfcKey, rfcMessage, new Uint8Array(0)],
      [Array.from(rfcKey), rfcMessage, rfcSignature],
      [rfcKey, 'r', rfcSignature],
      [rfcKey, rfcMessage, null],
      [new Uint8Array(32).fill(0xff), rfcMessage, rfcSignature], // not a curve point
    ];
    for (const [key, message, signature] of cases) {
      expect(await verifySignature(key as Uint8Array, message as Uint8Array, signature as Uint8Array)).to.equal(false);
    }
  });

  it('rejects a small-order key whose signature would hold for any message', async () => {
    // Public key = the identity point, R = identity, S = 0: lax (ZIP-215) verification accepts this.
    const identityPoint = new Uint8Array(32);
    identityPoint[0] = 1;
    const signature = new Uint8Array(64);
    signature[0] = 1;
    expect(await verifySignature(identityPoint, utf8('anything'), signature)).to.equal(false);
  });
});
