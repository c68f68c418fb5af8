import { expect } from '@open-wc/testing';
import type { RTChatRoom } from '../../src/elements/chat-room/chat-room.js';
import type { RTMessageLog } from '../../src/elements/message-log/message-log.js';
import type { RTPeerList } from '../../src/elements/peer-list/peer-list.js';
import { closePeers } from '../harness/peer.js';
import { inShadow, until } from './dom.js';
import { FakeClient } from './fake-client.js';
import { openRemoteRoom, remoteSend, roomAttributes } from './remote-room.js';
import { messages, peerRows } from './room-view.js';

// This file registers the elements itself, in the awkward order: the page's markup is
// there first, the consumers are defined next, the room last. Nothing is imported for its
// side effects at the top.

describe('a room arranged by the page, with consumers defined before the room', function () {
  this.timeout(40_000);
  const topic = `order-${crypto.randomUUID()}`;
  let container: HTMLElement;
  let room: RTChatRoom;
  let list: RTPeerList;
  let log: RTMessageLog;

  before(async () => {
    container = document.createElement('div');
    const attributes = Object.entries(roomAttributes(topic, { name: 'Alice', 'auto-accept': 'all' }))
      .map(([name, value]) => `${name}="${value}"`)
      .join(' ');
    container.innerHTML = `<rt-chat-room ${attributes}>
        <h2>Our room</h2>
        <aside><rt-peer-list></rt-peer-list></aside>
        <main><rt-message-log></rt-message-log></main>
      </rt-chat-room>`;
    document.body.append(container);
    room = container.querySelector('rt-chat-room')!;
    list = container.querySelector('rt-peer-list')!;
    log = container.querySelector('rt-message-log')!;
  });

  after(async () => {
    container.remove();
    await closePeers();
  });

  it('the consumers upgrade first and find no client yet', async () => {
    await import('../../src/elements/peer-list/define.js');
    await import('../../src/elements/message-log/define.js');
    expect(customElements.get('rt-peer-list')).to.exist;
    expect(customElements.get('rt-chat-room')).to.equal(undefined);
    expect(list.client === undefined, 'list.client === undefined').to.be.true;
    expect(log.client === undefined, 'log.client === undefined').to.be.true;
  });

  it('once the room is defined, they show its client', async () => {
    await import('../../src/elements/chat-room/define.js');
    await room.updateComplete;
    expect(room.client).to.exist;
    expect(list.client === room.client, 'list.client === room.client').to.be.true;
    expect(log.client === room.client, 'log.client === room.client').to.be.true;
    // The page arranges things: no built-in layout.
    expect(inShadow(room, '[part="base"]')).to.equal(null);
    await expect(room).to.be.accessible();
  });

  it('they show a real peer and its messages', async () => {
    const page = await openRemoteRoom(roomAttributes(topic, { name: 'Bob', 'auto-accept': 'all' }));
    await until(() => peerRows(list).some((r) => r.name === 'Bob' && r.state === 'verified'), 'Bob verified');
    await remoteSend(page, 'hello arranged room');
    await until(() => messages(log).some((m) => m.text === 'hello arranged room' && m.sender === 'Bob'), 'the message');
    await expect(list).to.be.accessible();
    await expect(log).to.be.accessible();
  });

  it('they follow the room when it rejoins', async () => {
    const before = room.client;
    room.topic = `order-${crypto.randomUUID()}`;
    await room.updateComplete;
    expect(room.client !== before, 'room.client !== before').to.be.true;
    expect(list.client === room.client, 'list.client === room.client').to.be.true;
    expect(log.client === room.client, 'log.client === room.client').to.be.true;
    await until(() => peerRows(list).length === 0, 'Bob gone');
  });

  it('a client set directly wins over the room', async () => {
    const own = new FakeClient();
    list.client = own.asClient;
    expect(list.client === own.asClient, 'list.client is the one set').to.be.true;
    list.client = undefined;
    expect(list.client === room.client, 'list.client === room.client').to.be.true;
  });
});
