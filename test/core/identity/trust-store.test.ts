import { expect } from '@open-wc/testing';
import { deleteKvStore, openKvStore, type KvStore } from '../../../src/core/identity/kv-store.js';
import { TrustStore } from '../../../src/core/identity/trust-store.js';
import { randomBytes, toBase64Url } from '../../../src/core/util/bytes.js';
import { closePeers, openPeer, peerEval } from '../../harness/peer.js';

const TRUST_MODULE = '/src/core/identity/trust-store.ts';

describe('TrustStore', () => {
  let namespace: string;
  let stores: TrustStore[];
  const open = async () => {
    const store = await TrustStore.open({ namespace });
    stores.push(store);
    return store;
  };
  const alice = randomBytes(32);
  const mallory = randomBytes(32);
  const bob = randomBytes(32);

  beforeEach(() => {
    namespace = `rtchat-test-${crypto.randomUUID()}:`;
    stores = [];
  });
  afterEach(async () => {
    stores.forEach((s) => s.close());
    await closePeers();
    await deleteKvStore(`${namespace}store`);
  });

  it('calls an unknown key with an unknown name new, and seen (not trusted) once pinned', async () => {
    const trust = await open();
    expect(trust.assess(alice, 'Alice')).to.deep.equal({ status: 'new', warning: null, pin: true });
    expect(trust.known(alice)).to.equal(false);
    const before = Date.now();
    const entry = await trust.pin(alice, '  Alice ');
    expect(entry).to.include({ publicKey: toBase64Url(alice), name: 'Alice', source: 'tofu' });
    expect(entry.firstSeen).to.be.within(before, Date.now());
    expect(trust.known(alice)).to.equal(true);
    expect(trust.known(toBase64Url(alice))).to.equal(true);
    // Seen once is not trusted: only the person or the app can say that.
    expect(trust.trusted(alice)).to.equal(false);
    expect(trust.get(alice)).to.deep.equal(entry);
    expect(trust.assess(alice, 'Alice')).to.deep.equal({ status: 'seen', warning: null, entry, pin: false });
  });

  it('reports a known name with another key as key-changed and does not re-pin it', async () => {
    const trust = await open();
    await trust.pin(alice, 'Alice');
    for (const lookalike of ['Alice', 'ALICE', ' alice ', 'Ali\u200Bce', 'Alice\u202E']) {
      const verdict = trust.assess(mallory, lookalike);
      expect(verdict.status, lookalike).to.equal('key-changed');
      expect(verdict.pinnedKeys).to.deep.equal([toBase64Url(alice)]);
      expect(verdict.holders?.map((h) => h.publicKey)).to.deep.equal([toBase64Url(alice)]);
    }
    expect(trust.known(mallory)).to.equal(false);
    expect(trust.assess(bob, 'Bob').status).to.equal('new');
    // A pin on first use does not settle it: the name is still held by the older key.
    await trust.pin(mallory, 'Alice');
    expect(trust.assess(mallory, 'Alice').status).to.equal('key-changed');
    // The user vouches for the new key (a new device): trusted under the name from now on.
    await trust.register(mallory, 'Alice');
    expect(trust.assess(mallory, 'Alice')).to.include({ status: 'trusted', warning: null });
    expect(trust.assess(bob, 'alice').pinnedKeys).to.have.members([toBase64Url(alice), toBase64Url(mallory)]);
  });

  it('registers keys learned out of band, and a later pin keeps them registered', async () => {
    const trust = await open();
    const pinned = await trust.pin(bob, 'Bob');
    const registered = await trust.register(bob, 'Bobby');
    expect(registered).to.deep.equal({ ...pinned, name: 'Bobby', source: 'registered' });
    // The key stays trusted under a new name that nobody else holds.
    expect(trust.assess(bob, 'anything').status).to.equal('trusted');
    await trust.pin(bob, 'Bob');
    expect(trust.get(bob)).to.include({ source: 'registered', name: 'Bob', firstSeen: pinned.firstSeen });
  });

  it('reports a known key under a name pinned to another key, however it was pinned', async () => {
    const trust = await open();
    await trust.register(alice, 'Alice');
    await trust.pin(mallory, 'Mallory');
    // Mallory's key is known, but "Alice" is Alice's: the name decides the warning.
    expect(trust.assess(mallory, 'Alice')).to.include({ status: 'key-changed', warning: 'key-changed', pin: false });
    expect(trust.assess(mallory, 'Mallory')).to.include({ status: 'seen', warning: null });
    // A trusted key under someone else's name is not trusted either.
    await trust.pin(bob, 'Bob');
    expect(trust.assess(alice, 'Bob')).to.include({ status: 'key-changed', warning: 'key-changed' });
  });

  it('flags a name that imitates a second tab of a pinned name ("Alice (2)")', async () => {
    const trust = await open();
    await trust.pin(alice, 'Alice');
    expect(trust.assess(mallory, 'Alice (2)')).to.include({ status: 'key-changed', warning: 'look-alike' });
    expect(trust.assess(mallory, 'Ali\u0307ce')).to.include({ status: 'key-changed', warning: 'look-alike' });
  });

  it('tells the app when an entry changes', async () => {
    const trust = await open();
    let changes = 0;
    trust.addEventListener('change', () => changes++);
    await trust.pin(alice, 'Alice');
    await trust.register(alice, 'Alice');
    await trust.forget(alice);
    expect(changes).to.equal(3);
  });

  it('forgets a key', async () => {
    const trust = await open();
    await trust.pin(alice, 'Alice');
    expect(await trust.forget(alice)).to.equal(true);
    expect(await trust.forget(alice)).to.equal(false);
    expect(trust.known(alice)).to.equal(false);
    expect(trust.assess(mallory, 'Alice').status).to.equal('new');
    expect(trust.entries()).to.deep.equal([]);
  });

  it('keeps its entries across open()', async () => {
    const trust = await open();
    await trust.pin(alice, 'Alice');
    await trust.register(bob, 'Bob');
    await trust.pin(mallory, 'Mallory');
    await trust.forget(mallory);
    const entries = trust.entries();
    trust.close();
    const reopened = await open();
    expect(reopened.entries()).to.deep.equal(entries);
    expect(entries.map((e) => e.name)).to.have.members(['Alice', 'Bob']);
    expect(reopened.assess(mallory, 'alice').status).to.equal('key-changed');
  });

  it('sees what another tab of the profile pins or forgets', async () => {
    const trust = await open();
    const peer = await openPeer('same-context');
    const pinInPeer = (forget: boolean) =>
      peerEval(
        peer,
        async ({ url, namespace, key, forget }: { url: string; namespace: string; key: string; forget: boolean }) => {
          const { TrustStore } = await import(url);
          const theirs = await TrustStore.open({ namespace });
          if (forget) await theirs.forget(key);
          else await theirs.pin(key, 'Alice');
          theirs.close();
        },
        { url: TRUST_MODULE, namespace, key: toBase64Url(alice), forget },
      );
    await pinInPeer(false);
    await until(() => trust.known(alice));
    expect(trust.assess(mallory, 'Alice').status).to.equal('key-changed');
    await pinInPeer(true);
    await until(() => !trust.known(alice));
  });

  it('rejects malformed keys and empty names', async () => {
    const trust = await open();
    expect(() => trust.trusted(randomBytes(31))).to.throw(RangeError);
    expect(() => trust.trusted(42 as unknown as string)).to.throw(TypeError);
    expect(() => trust.trusted('not base64url!')).to.throw(TypeError);
    // Same bytes, different spelling (unused low bits set): one key has one name.
    const id = toBase64Url(alice);
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(id.at(-1)!);
    expect(() => trust.trusted(id.slice(0, -1) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[last ^ 1])).to.throw(TypeError);
    let error: unknown;
    await trust.pin(alice, ' \u202E ').catch((e) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
    expect(trust.known(alice)).to.equal(false);
  });

  it('undoes a pin that storage refused', async () => {
    const kv = await openKvStore(`${namespace}store`);
    const failing: KvStore = {
      ...kv,
      keys: () => kv.keys(),
      get: (k) => kv.get(k),
      set: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
      close: () => kv.close(),
    };
    const trust = await TrustStore.open({ namespace, kv: failing });
    stores.push(trust);
    let error: unknown;
    await trust.pin(alice, 'Alice').catch((e) => (error = e));
    expect((error as DOMException).name).to.equal('QuotaExceededError');
    expect(trust.known(alice)).to.equal(false);
    kv.close();
  });
});

async function until(condition: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}
