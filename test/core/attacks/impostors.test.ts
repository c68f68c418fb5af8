import { expect, fixture, html } from '@open-wc/testing';
import type { RTChatClient } from '../../../src/core/client.js';
import '../../../src/elements/message-log/define.js';
import '../../../src/elements/peer-list/define.js';
import type { RTMessageLog } from '../../../src/elements/message-log/message-log.js';
import type { RTPeerList } from '../../../src/elements/peer-list/peer-list.js';
import { TrustStore, fromBase64Url } from '../../../src/index.js';
import { closePeers, openPeer } from '../../harness/peer.js';
import { count, localClients } from '../../harness/recorder.js';
import { hereFirst, remoteDo, remoteUntil, startRemote, testOptions as opts } from '../../harness/rooms.js';

// Issue 11: people who try to be shown as someone the victim knows. Each hostile side is a
// real client in its own browser context (its own keys), speaking our protocol through the
// real broker; the victim is a real client with the real peer list and log bound to it.

/** What the victim's peer list shows: each verified row's name and badge. */
async function shownRows(list: RTPeerList) {
  await list.updateComplete;
  return [...list.shadowRoot!.querySelectorAll<HTMLElement>('[part="peer"]')]
    .filter((li) => li.dataset.state === 'verified')
    .map((li) => ({ name: li.querySelector('[part="peer-name"]')!.textContent, badge: li.querySelector<HTMLElement>('[part~="badge"]')?.dataset.trust ?? null }));
}

/** The system lines the victim's log shows. */
async function systemLines(log: RTMessageLog) {
  await log.updateComplete;
  return [...log.shadowRoot!.querySelectorAll<HTMLElement>('[part~="system"]')].map((li) => ({ what: li.dataset.what, text: li.textContent!.trim() }));
}

const views = async (client: RTChatClient) => ({
  list: await fixture<RTPeerList>(html`<rt-peer-list .client=${client}></rt-peer-list>`),
  log: await fixture<RTMessageLog>(html`<rt-message-log .client=${client}></rt-message-log>`),
});

describe('attack: impostors (a name shown for the wrong key)', function () {
  this.timeout(60_000);
  const clients = localClients();
  const local = clients.start;
  afterEach(async () => {
    await clients.disconnectAll();
    await closePeers();
  });

  it('a known key that returns under a name pinned to another key is flagged, never trusted', async () => {
    const topic = `known-key-${crypto.randomUUID()}`;
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    const victim = await local(opts(topic, { name: 'Victor', storage }));
    const { list, log } = await views(victim.client);
    const alice = await startRemote(await openPeer('new-context'), opts(topic, { name: 'Alice' }));
    const malloryPage = await openPeer('new-context');
    const malloryStorage = `rtchat-test-${crypto.randomUUID()}:`;
    const mallory = await startRemote(malloryPage, opts(topic, { name: 'Mallory', storage: malloryStorage }));
    await victim.until((s) => count(s, 'verified', alice.id) === 1 && count(s, 'verified', mallory.id) === 1);

    // Mallory leaves and comes back with the same key, now calling herself Alice.
    await remoteDo(malloryPage, `(c) => c.disconnect()`);
    const back = await startRemote(malloryPage, opts(topic, { name: 'Alice', storage: malloryStorage }), { key: 'again' });
    expect(back.key).to.equal(mallory.key);
    await victim.until((s) => count(s, 'verified', back.id) === 2);
    const verdict = victim.seen.filter((s) => s.type === 'verified' && s.peer === back.id).at(-1)!;
    expect(verdict).to.include({ name: 'Alice', trust: 'key-changed' });
    expect(victim.client.getPeer(back.id)!.nameWarning).to.equal('key-changed');
    // Two people called Alice: the real one plainly, the other one with the warning.
    expect(await shownRows(list)).to.have.deep.members([
      { name: 'Alice', badge: 'new-key' },
      { name: 'Alice', badge: 'key-changed' },
    ]);
    expect((await systemLines(log)).filter((l) => l.what === 'key-changed').map((l) => l.text)).to.deep.equal([
      'Warning: Alice has a different key than before. Compare safety codes.',
    ]);
    // The store still calls her key Mallory: the name "Alice" stays with Alice's key.
    expect(victim.client.trust!.get(fromBase64Url(mallory.key))!.name).to.equal('Mallory');

    // A strict page of the same profile refuses her outright.
    const strict = await local(opts(topic, { name: 'Strict', storage, keyChange: 'reject' }));
    const failed = await strict.until((s) => s.some((x) => x.type === 'verificationfailed' && x.peer === back.id));
    expect(failed.find((x) => x.type === 'verificationfailed')!.reason).to.equal('key-changed');
    expect(count(strict.seen, 'verified', back.id)).to.equal(0);
  });

  it('a signed announce renaming a peer while its proof is checked does not change the name it verifies under', async () => {
    const topic = `rename-race-${crypto.randomUUID()}`;
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    const victim = await local(opts(topic, { name: 'Victor', storage }));
    const { list } = await views(victim.client);
    const alice = await startRemote(await openPeer('new-context'), opts(topic, { name: 'Alice' }));
    await victim.until((s) => count(s, 'verified', alice.id) === 1);

    // The hostile client: ours, plus a loop that publishes our own signed announces named
    // "Alice" from the moment the channel opens until well after both proofs (every 5 ms).
    const page = await openPeer('new-context');
    const hostile = await startRemote(page, opts(topic, { name: 'Harmless', autoAccept: 'all' }), { key: 'h' });
    const loop = remoteDo(
      page,
      `async (c) => {
        const s = window.harness.internals(c).session();
        const end = performance.now() + 1500;
        while (performance.now() < end) {
          s.transport.publish(s.roomTopic, await s.writer.announce({ ...s.self, name: 'Alice' }));
          await new Promise((r) => setTimeout(r, 5));
        }
      }`,
      'h',
    );
    await victim.until((s) => count(s, 'verified', hostile.id) === 1);
    await loop; // the announces are all out
    const peer = victim.client.getPeer(hostile.id)!;
    const verdict = victim.seen.find((s) => s.type === 'verified' && s.peer === hostile.id)!;
    // Either it verified as Harmless (the announces came too late to matter), or as Alice
    // with the warning; never as Alice without one, now or later.
    if (verdict.name === 'Alice') expect(verdict.trust).to.equal('key-changed');
    else expect(verdict).to.include({ name: 'Harmless', trust: 'pinned' });
    if (peer.name === 'Alice') expect(peer.nameWarning).to.equal('key-changed');
    const rows = await shownRows(list);
    for (const row of rows.filter((r) => r.name === 'Alice')) expect(row.badge === 'new-key' || row.badge === 'key-changed').to.be.true;
    expect(rows.filter((r) => r.name === 'Alice' && r.badge !== 'key-changed')).to.have.length(1); // the real Alice
    // What got pinned is the name it verified under, never the one it raced in.
    expect(victim.client.trust!.get(fromBase64Url(hostile.key))?.name ?? 'not pinned').to.not.equal('Alice');
  });

  it('a look-alike of a pinned name (Cyrillic А) is flagged as a look-alike', async () => {
    const topic = `look-alike-${crypto.randomUUID()}`;
    const victim = await local(opts(topic, { name: 'Victor' }));
    const { list, log } = await views(victim.client);
    const alice = await startRemote(await openPeer('new-context'), opts(topic, { name: 'Alice' }));
    await victim.until((s) => count(s, 'verified', alice.id) === 1);
    const fakePage = await openPeer('new-context');
    const fake = await startRemote(fakePage, opts(topic, { name: '\u0410lice' }));
    const seen = await victim.until((s) => count(s, 'verified', fake.id) === 1);
    expect(seen.find((s) => s.type === 'verified' && s.peer === fake.id)!.trust).to.equal('key-changed');
    expect(victim.client.getPeer(fake.id)!.nameWarning).to.equal('look-alike');
    expect(await shownRows(list)).to.have.deep.members([
      { name: 'Alice', badge: 'new-key' },
      { name: '\u0410lice', badge: 'look-alike' },
    ]);
    expect((await systemLines(log)).some((l) => l.what === 'look-alike' && l.text.includes('\u0410lice'))).to.be.true;
    // Its messages carry the warning beside the name (sent once it has verified us too: it also
    // meets the real Alice, and broadcast() reaches only peers verified at that moment).
    await remoteUntil(fakePage, `(s) => s.some((x) => x.type === 'verified' && x.peer === ${JSON.stringify(victim.client.id)})`);
    await remoteDo(fakePage, `(c) => c.broadcast('it is me, Alice')`);
    await victim.until((s) => count(s, 'chatmessage', fake.id) === 1);
    await log.updateComplete;
    const line = [...log.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]')].find((li) => li.textContent!.includes('it is me'))!;
    expect(line.querySelector<HTMLElement>('[part="name-warning"]')?.dataset.warning).to.equal('look-alike');
  });

  it('a key seen in a public lobby is not "trusted" elsewhere; a key the person trusted is', async () => {
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    const lobby = `lobby-${crypto.randomUUID()}`;
    const owners = `owners-${crypto.randomUUID()}`;
    const malloryStorage = `rtchat-test-${crypto.randomUUID()}:`;
    const carolStorage = `rtchat-test-${crypto.randomUUID()}:`;
    // In a public lobby that admits everyone, Mallory and Carol are met (and pinned on first use).
    const inLobby = await local(opts(lobby, { name: 'Owner', storage, autoAccept: 'all' }));
    const { list } = await views(inLobby.client);
    const malloryPage = await openPeer('new-context');
    const carolPage = await openPeer('new-context');
    const m = await startRemote(malloryPage, opts(lobby, { name: 'Mallory', storage: malloryStorage }));
    const c = await startRemote(carolPage, opts(lobby, { name: 'Carol', storage: carolStorage }));
    await inLobby.until((s) => count(s, 'verified', m.id) === 1 && count(s, 'verified', c.id) === 1);
    expect(inLobby.client.trust!.known(fromBase64Url(m.key))).to.be.true;
    expect(inLobby.client.trust!.trusted(fromBase64Url(m.key))).to.be.false;
    // The owner compares safety codes with Carol and presses Trust.
    const carolRow = [...list.shadowRoot!.querySelectorAll<HTMLElement>('[part="peer"]')].find((li) => li.textContent!.includes('Carol'))!;
    carolRow.querySelector<HTMLButtonElement>('[part="code-button"]')!.click();
    await list.updateComplete;
    carolRow.querySelector<HTMLButtonElement>('[part="trust-button"]')!.click();
    await waitFor(() => inLobby.client.getPeer(c.id)!.trust === 'trusted');
    expect(await shownRows(list)).to.deep.include({ name: 'Carol', badge: 'trusted' });
    await remoteDo(malloryPage, `(c) => c.disconnect()`);
    await remoteDo(carolPage, `(c) => c.disconnect()`);
    await inLobby.client.disconnect();

    // The owner's own room admits only trusted keys: Carol walks in, Mallory is asked about.
    const room = await local(opts(owners, { name: 'Owner', storage, autoAccept: 'trusted' }), 'ignore');
    await hereFirst(); // the owner was here first: she decides about the others
    const m2 = await startRemote(malloryPage, opts(owners, { name: 'Mallory', storage: malloryStorage }), { key: 'r2' });
    const c2 = await startRemote(carolPage, opts(owners, { name: 'Carol', storage: carolStorage }), { key: 'r2' });
    await room.until((s) => count(s, 'verified', c2.id) === 1 && count(s, 'connectionrequest', m2.id) === 1);
    expect(count(room.seen, 'connectionrequest', c2.id)).to.equal(0);
    expect(room.seen.find((s) => s.type === 'verified' && s.peer === c2.id)!.trust).to.equal('trusted');
    expect(count(room.seen, 'verified', m2.id)).to.equal(0);
    expect(room.client.requests.map((r) => [r.peer.id, r.trusted])).to.deep.equal([[m2.id, false]]);
  });

  it('a key registered by the app is trusted; the same key under another pinned name is not', async () => {
    const topic = `registered-${crypto.randomUUID()}`;
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    const bobPage = await openPeer('new-context');
    const bob = await startRemote(bobPage, opts(topic, { name: 'Bob' }));
    const store = await TrustStore.open({ namespace: storage });
    await store.register(fromBase64Url(bob.key), 'Bob');
    store.close();
    const victim = await local(opts(topic, { name: 'Victor', storage }));
    await victim.until((s) => count(s, 'verified', bob.id) === 1);
    expect(victim.client.getPeer(bob.id)!.trust).to.equal('trusted');
    // Bob, over his verified channel, takes a name pinned to someone else's key.
    const dave = await startRemote(await openPeer('new-context'), opts(topic, { name: 'Dave' }));
    await victim.until((s) => count(s, 'verified', dave.id) === 1);
    await remoteDo(bobPage, `(c) => c.setName('Dave')`);
    await waitFor(() => victim.client.getPeer(bob.id)!.name === 'Dave');
    expect(victim.client.getPeer(bob.id)).to.include({ trust: 'key-changed', nameWarning: 'key-changed' });
    // And back: trusted again.
    await remoteDo(bobPage, `(c) => c.setName('Bob')`);
    await waitFor(() => victim.client.getPeer(bob.id)!.name === 'Bob');
    expect(victim.client.getPeer(bob.id)).to.include({ trust: 'trusted', nameWarning: null });
  });
});

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
