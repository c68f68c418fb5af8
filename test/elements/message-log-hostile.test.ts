import { expect } from '@open-wc/testing';
import type { FileReceivedEvent } from '../../src/core/index.js';
import { closePeers, openPeer, peerEval } from '../harness/peer.js';
import { remoteDo, remoteUntil, startRemote, testOptions } from '../harness/rooms.js';
import { click, inShadow, until } from './dom.js';
import { localRoom, newTopic, removeLocalRooms, waitForPeer } from './local-room.js';
import { fileLines, messageLogOf, messages } from './room-view.js';

// A verified peer turned hostile, against what the log shows. The room is in this page;
// the other peers are real clients in their own browser contexts.

describe('<rt-message-log> against a hostile peer', function () {
  this.timeout(60_000);
  afterEach(async () => {
    removeLocalRooms();
    await closePeers();
  });

  it('shows both messages when a peer reuses the id of another peer’s message', async () => {
    const topic = newTopic();
    const room = localRoom(topic, { name: 'Victim', 'auto-accept': 'all' });
    const alicePage = await openPeer('new-context');
    const mallory = await openPeer('new-context');
    await startRemote(alicePage, testOptions(topic, { name: 'Alice' }));
    await startRemote(mallory, testOptions(topic, { name: 'Mallory' }));
    await waitForPeer(room, 'Alice');
    await waitForPeer(room, 'Mallory');
    await remoteUntil(mallory, `(s) => s.filter((x) => x.type === 'verified').length === 2`);
    // broadcast() reaches only the peers Alice has verified at that moment: both, first.
    await remoteUntil(alicePage, `(s) => s.filter((x) => x.type === 'verified').length === 2`);

    await remoteDo(alicePage, `(client) => client.broadcast('hello from Alice')`);
    const log = messageLogOf(room);
    await until(() => messages(log).length === 1, "Alice's message");
    // Mallory got it too: it writes a message of its own under the same id, straight into the channel.
    await remoteUntil(mallory, `(s) => s.some((x) => x.type === 'chatmessage')`);
    await peerEval(mallory, () => {
      const client = (window as any).harness.clients.r.client;
      const id = client.history.find((r: { text: string }) => r.text === 'hello from Alice').id;
      const victim = client.peers.find((p: { name: string }) => p.name === 'Victim');
      (window as any).harness.internals(client).link(victim).write({ t: 'chat', id, text: 'not from Alice', ts: Date.now() });
    });
    await until(() => messages(log).length === 2, "Mallory's message too");
    expect(messages(log).map((m) => [m.sender, m.text])).to.deep.equal([
      ['Alice', 'hello from Alice'],
      ['Mallory', 'not from Alice'],
    ]);
  });

  it('saves a received x.html under a name that will not open as a page, and shows its own name', async () => {
    const topic = newTopic();
    const room = localRoom(topic, { name: 'Victim', 'auto-accept': 'all' });
    const received: FileReceivedEvent[] = [];
    room.addEventListener('filereceived', (e) => received.push(e));
    const page = await openPeer('new-context');
    await startRemote(page, testOptions(topic, { name: 'Mallory' }));
    await waitForPeer(room, 'Mallory');
    await remoteUntil(page, `(s) => s.some((x) => x.type === 'verified')`);
    await remoteDo(page, `(client) => client.sendFile(new File(['<script>alert(document.cookie)</script>'], 'x.html', { type: 'text/html' })).then(() => true)`);

    const log = messageLogOf(room);
    await until(() => fileLines(log).length === 1, 'the offer');
    expect(fileLines(log)[0].name).to.equal('x.html (39 bytes)');
    await click(inShadow(log, '[part="accept-button"]')!);
    const link = await until(() => inShadow<HTMLAnchorElement>(log, '[part="download"]'), 'the download link', 30_000);
    expect(link.download).to.equal('x.html.bin');
    expect(link.textContent).to.equal('Save x.html');
    expect([received[0].file.name, received[0].file.type, received[0].transfer.name]).to.deep.equal(['x.html.bin', 'application/octet-stream', 'x.html']);
  });
});
