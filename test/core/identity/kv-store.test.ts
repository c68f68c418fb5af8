import { expect } from '@open-wc/testing';
import { deleteKvStore, openKvStore, type KvStore } from '../../../src/core/identity/kv-store.js';

describe('openKvStore', () => {
  let name: string;
  const opened: KvStore[] = [];
  const open = async (options?: Parameters<typeof openKvStore>[1]) => {
    const kv = await openKvStore(name, options);
    opened.push(kv);
    return kv;
  };

  beforeEach(() => {
    name = `rtchat-test-${crypto.randomUUID()}:store`;
  });
  afterEach(async () => {
    opened.splice(0).forEach((kv) => kv.close());
    await deleteKvStore(name);
  });

  it('keeps plain objects, bytes and non-extractable CryptoKeys in IndexedDB across connections', async () => {
    const kv = await open();
    expect(kv.persistent).to.equal(true);
    const { privateKey } = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    await kv.set('object', { text: 'hi', n: 1 });
    await kv.set('bytes', new Uint8Array([1, 2, 3]));
    await kv.set('key', privateKey);
    kv.close();

    const again = await open();
    expect(await again.get('object')).to.deep.equal({ text: 'hi', n: 1 });
    expect(await again.get('bytes')).to.deep.equal(new Uint8Array([1, 2, 3]));
    const key = await again.get<CryptoKey>('key');
    expect(key).to.be.instanceOf(CryptoKey);
    expect(key!.extractable).to.equal(false);
    const signature = await crypto.subtle.sign('Ed25519', key!, new Uint8Array([7]));
    expect(signature.byteLength).to.equal(64);
    expect((await again.keys()).sort()).to.deep.equal(['bytes', 'key', 'object']);
    expect(await again.get('missing')).to.equal(undefined);
  });

  it('add writes only an absent key, so racing creators agree on one value', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const results = await Promise.all([a.add('k', 'from a'), b.add('k', 'from b'), a.add('k', 'again')]);
    expect(results.filter(Boolean)).to.have.length(1);
    const winner = ['from a', 'from b', 'again'][results.indexOf(true)];
    expect(await a.get('k')).to.equal(winner);
    expect(await b.get('k')).to.equal(winner);
    // A failed add leaves the store usable.
    await b.set('other', 1);
    expect(await a.get('other')).to.equal(1);
  });

  it('deletes keys', async () => {
    const kv = await open();
    await kv.set('a', 1);
    await kv.delete('a');
    await kv.delete('never-there');
    expect(await kv.get('a')).to.equal(undefined);
    expect(await kv.keys()).to.deep.equal([]);
  });

  it('falls back to a shared in-memory store, warning once, when IndexedDB refuses to open', async () => {
    const refusing = {
      open: () => {
        throw new DOMException('private mode', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const a = await open({ indexedDB: refusing });
      const b = await open({ indexedDB: null });
      expect(a.persistent).to.equal(false);
      expect(b.persistent).to.equal(false);
      const bytes = new Uint8Array([1, 2]);
      expect(await a.add('k', bytes)).to.equal(true);
      expect(await b.add('k', 'other')).to.equal(false);
      bytes[0] = 9; // the store holds a copy, as IndexedDB would
      expect(await b.get('k')).to.deep.equal(new Uint8Array([1, 2]));
      a.close();
      let error: unknown;
      await a.get('k').catch((e) => (error = e));
      expect(error).to.be.instanceOf(DOMException);
    } finally {
      console.warn = warn;
    }
    // Once per page, however many stores fall back.
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain('memory only');
  });
});
