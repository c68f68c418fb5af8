import { expect } from '@open-wc/testing';
import type { ConnectionRequestEvent, KnockChangeEvent } from '../../src/core/index.js';
import { closePeers } from '../harness/peer.js';
import { allInShadow, click, inShadow, until } from './dom.js';
import { joined, localRoom, newTopic, removeLocalRooms, waitForPeer } from './local-room.js';
import { openRemoteRoom, remoteDo, remoteUntil, roomAttributes } from './remote-room.js';
import { messageLogOf, peerListOf, peerRows, remoteProbe, systemLines } from './room-view.js';
import { hereFirst } from '../harness/rooms.js';

// First contact (issue 14) as people see it: one decision per pair. A member decides about a
// newcomer in her peer list; the newcomer is not asked and sees whom it waits for, then the
// result. Each person is a real <rt-chat-room> in its own browser context (own keys), over the
// real broker and WebRTC; buttons are clicked with the real mouse, or in the other page.

/** Source of `(room) => …` for a remote room: its peer list's shadow root. */
const remoteList = `room.shadowRoot.querySelector('rt-peer-list').shadowRoot`;

/** The remote room's peer rows with their data-state, once `name` shows `state` text. */
const remoteRow = (name: string, state: string) =>
  `(room) => [...${remoteList}.querySelectorAll('[part="peer"]')].map((li) => ({ name: li.querySelector('[part="peer-name"]').textContent, state: li.querySelector('[part="state"]').textContent, data: li.dataset.state, badge: li.querySelector('[part="badge"]')?.textContent ?? null })).find((r) => r.name === ${JSON.stringify(name)} && r.state === ${JSON.stringify(state)})`;

/** Source of `(room) => …`: clicks the remote peer list's first button with `part`; false when there is none. */
const remoteClick = (part: string) => `(room) => { const b = ${remoteList}.querySelector('[part="${part}"]'); if (!b) return false; b.click(); return true; }`;

/** What the remote room re-dispatched of `type`. */
const remoteEvents = (page: string, type: string) =>
  remoteDo<{ peer: string; knock?: string | null }[]>(page, `(room) => window.roomEvents.filter((e) => e.type === ${JSON.stringify(type)})`);

describe('first contact in the elements', function () {
  this.timeout(40_000);
  afterEach(async () => {
    removeLocalRooms();
    await closePeers();
  });

  it('the member decides in her peer list; the newcomer waits for her, unasked, then sees her verified', async () => {
    const topic = newTopic();
    const ada = localRoom(topic, { name: 'Ada' });
    await joined(ada);
    const newt = await openRemoteRoom(roomAttributes(topic, { name: 'Newt' }));
    const list = peerListOf(ada);
    const accept = await until(() => inShadow(list, '[part="accept-button"]'), 'the prompt about Newt');
    expect(inShadow(list, '[part="prompt-text"]')!.textContent).to.equal('Newt wants to join.');
    // Newt sees whom he waits for, and no "Nobody else is here yet."
    const waiting = await remoteUntil<{ data: string; badge: string | null }>(newt, remoteRow('Ada', 'Waiting for Ada to let you in…'));
    expect(waiting).to.include({ data: 'waiting', badge: null });
    expect(await remoteDo(newt, `(room) => ${remoteList}.querySelector('[part="empty"], [part="prompt"]')`)).to.equal(null);

    // One click, Ada's.
    await click(accept);
    await waitForPeer(ada, 'Newt');
    await remoteUntil(newt, remoteProbe.peerInState('Ada', 'verified'));
    expect(await remoteEvents(newt, 'connectionrequest'), 'Newt was asked nothing').to.deep.equal([]);
    expect((await remoteEvents(newt, 'knockchange')).map((e) => [e.peer, e.knock])).to.deep.equal([
      ['Ada', 'waiting'],
      ['Ada', null],
    ]);
    expect(ada.client!.requests).to.have.length(0);
    expect(inShadow(list, '[part="prompt"]')).to.equal(null);
  });

  it('the newcomer in this page sees "Waiting for Ada to let you in…", then Ada verified once she clicks Accept', async () => {
    const topic = newTopic();
    const adaPage = await openRemoteRoom(roomAttributes(topic, { name: 'Ada' }));
    await remoteDo(adaPage, '(room) => room.client.connect().then(() => true)');
    await hereFirst();
    const newt = localRoom(topic, { name: 'Newt' });
    const requests: ConnectionRequestEvent[] = [];
    const knocks: (string | null)[] = [];
    newt.addEventListener('connectionrequest', (e) => requests.push(e));
    newt.addEventListener('knockchange', (e: KnockChangeEvent) => knocks.push(e.knock));
    await newt.updateComplete;
    const list = peerListOf(newt);
    const row = await until(() => allInShadow(list, '[part="peer"]').find((li) => li.dataset.state === 'waiting'), 'the waiting row');
    expect(peerRows(list)).to.deep.equal([{ name: 'Ada', state: 'Waiting for Ada to let you in…', badge: null }]);
    expect(row.querySelector('[part="tab"]'), 'one tab: no tab number').to.equal(null);
    expect(inShadow(list, '[part="empty"]'), 'Ada is here: not "Nobody else is here yet."').to.equal(null);
    expect(inShadow(list, '[part="prompt"]')).to.equal(null);
    await expect(newt).to.be.accessible();

    // Ada clicks Accept in her peer list.
    await remoteUntil(adaPage, `(room) => ${remoteList}.querySelector('[part="prompt-text"]')?.textContent === 'Newt wants to join.'`);
    expect(await remoteDo(adaPage, remoteClick('accept-button'))).to.equal(true);
    await waitForPeer(newt, 'Ada');
    expect(requests, 'Newt was asked nothing').to.have.length(0);
    expect(knocks).to.deep.equal(['waiting', null]);
    expect(peerRows(list)).to.deep.equal([{ name: 'Ada', state: 'verified', badge: 'first meeting' }]);
  });

  it('Not now puts the newcomer in the Not now list and tells him; Let in lets him in later', async () => {
    const topic = newTopic();
    const ada = localRoom(topic, { name: 'Ada' });
    await joined(ada);
    const newt = await openRemoteRoom(roomAttributes(topic, { name: 'Newt' }));
    const list = peerListOf(ada);
    await click(await until(() => inShadow(list, '[part="decline-button"]'), 'the Not now button'));
    const row = await until(() => inShadow(list, '[part="not-now"] [part="not-now-peer"]'), 'Newt in the Not now list');
    expect(inShadow(list, '[part="not-now-label"]')!.textContent).to.equal('Not now');
    expect(row.querySelector('[part="peer-name"]')!.textContent).to.equal('Newt');
    expect(peerRows(list), 'listed once').to.deep.equal([]);
    expect(inShadow(list, '[part="empty"]')).to.equal(null);
    const told = await remoteUntil<{ data: string }>(newt, remoteRow('Ada', 'Ada said not now'));
    expect(told.data).to.equal('not-now');
    await expect(ada).to.be.accessible();

    // Later, Ada changes her mind.
    const letIn = row.querySelector<HTMLButtonElement>('[part="let-in-button"]')!;
    expect(letIn.textContent).to.equal('Let in');
    await click(letIn);
    await waitForPeer(ada, 'Newt');
    await remoteUntil(newt, remoteProbe.peerInState('Ada', 'verified'));
    expect(inShadow(list, '[part="not-now"]')).to.equal(null);
    expect(ada.client!.notNow).to.have.length(0);
    expect(peerRows(list)).to.deep.equal([{ name: 'Newt', state: 'verified', badge: 'first meeting' }]);
    expect(await remoteEvents(newt, 'connectionrequest')).to.deep.equal([]);
  });

  it('our own other tab connects without asking and shows as "You (another tab)", with no badge or safety code', async () => {
    const topic = newTopic();
    const attributes = roomAttributes(topic, { name: 'Me' }); // one storage: one identity
    const first = localRoom(topic, { name: 'Me', storage: attributes.storage });
    await joined(first);
    const requests: ConnectionRequestEvent[] = [];
    first.addEventListener('connectionrequest', (e) => requests.push(e));
    const second = await openRemoteRoom(attributes, 'same-context');
    await waitForPeer(first, 'You (another tab)');
    const list = peerListOf(first);
    expect(peerRows(list)).to.deep.equal([{ name: 'You (another tab)', state: 'verified', badge: null }]);
    const row = inShadow(list, '[part="peer"]')!;
    expect(row.querySelector('[part="tab"]'), 'one other tab of ours: no tab number').to.equal(null);
    expect(row.querySelector('[part="code-button"], [part="trust-button"], [part="message-button"], [part="warning"]')).to.equal(null);
    expect(requests).to.have.length(0);
    expect(first.client!.peers[0].trust).to.equal('self');
    // Not another person: the log says we joined from another tab, the header counts nobody.
    await messageLogOf(first).updateComplete;
    expect(systemLines(messageLogOf(first))).to.deep.equal(['You (another tab) joined.']);
    expect(inShadow(first, '[part="connection-status"]')!.textContent).to.equal('Online · 0 peers');
    // The other tab sees this one the same way.
    await remoteUntil(second, remoteProbe.peerInState('You (another tab)', 'verified'));
    expect(await remoteEvents(second, 'connectionrequest')).to.deep.equal([]);
    expect(await remoteDo(second, `(room) => ${remoteList}.querySelector('[part="badge"], [part="code-button"], [part="prompt"]')`)).to.equal(null);
  });

  it('someone Ada trusted comes back after a reload without asking (the default auto-accept)', async () => {
    const topic = newTopic();
    const ada = localRoom(topic, { name: 'Ada' });
    await joined(ada);
    const attributes = roomAttributes(topic, { name: 'Newt' });
    const newt = await openRemoteRoom(attributes);
    const list = peerListOf(ada);
    await click(await until(() => inShadow(list, '[part="accept-button"]'), 'the prompt'));
    await waitForPeer(ada, 'Newt');
    // Ada compares safety codes and trusts Newt.
    await click(inShadow(list, '[part="code-button"]')!);
    await click(await until(() => inShadow(list, '[part="trust-button"]'), 'the Trust button'));
    await until(() => peerRows(list)[0]?.badge === 'trusted', 'Newt trusted');

    // Newt reloads: a new session of the same key.
    await remoteDo(newt, `async (room) => { room.remove(); await new Promise((r) => setTimeout(r, 100)); document.body.append(room); return true; }`);
    await remoteUntil(newt, remoteProbe.peerInState('Ada', 'verified'));
    await until(() => peerRows(list).some((r) => r.name === 'Newt' && r.state === 'verified' && r.badge === 'trusted'), 'Newt back');
    expect(ada.client!.requests).to.have.length(0);
    expect(inShadow(list, '[part="prompt"]')).to.equal(null);
  });
});
