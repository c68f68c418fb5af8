import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { RTChatRoom } from '../../src/elements/chat-room/chat-room.js';
import '../../src/elements/chat-widget/define.js';
import type { RTChatWidget } from '../../src/elements/chat-widget/chat-widget.js';
import '../../src/elements/define.js';
import { closePeers } from '../harness/peer.js';
import { click, inShadow, until } from './dom.js';
import { waitForPeer } from './local-room.js';
import { openRemoteRoom, remoteSend, remoteUntil, roomAttributes } from './remote-room.js';
import { peerListOf } from './room-view.js';
import { hereFirst } from '../harness/rooms.js';

// The floating widget as a site visitor meets it: Ada has it closed on her page while Newt
// knocks from another browser context. What waits inside shows on the button and in the
// page title, and opening the panel shows the request first, at desktop and phone width.

const TITLE = 'Widget test page';

/** The element at a point, looked for through shadow roots. */
function deepElementFromPoint(x: number, y: number): Element | null {
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

/** What the closed widget's button shows and says. */
const button = (widget: RTChatWidget) => {
  const toggle = inShadow(widget, '[part="toggle"]')!;
  return {
    requests: toggle.querySelector('[part="requests"]')?.textContent ?? null,
    unread: toggle.querySelector('[part="unread"]')?.textContent ?? null,
    label: toggle.getAttribute('aria-label'),
  };
};

/**
 * The open panel shows Newt's request first: under the room's header, above the log, inside
 * the panel, and its Accept button is what a click at its middle reaches.
 */
async function expectRequestFirst(widget: RTChatWidget, room: RTChatRoom): Promise<void> {
  const list = peerListOf(room);
  await list.updateComplete;
  const prompt = inShadow(list, '[part="prompt"]')!;
  const accept = inShadow(list, '[part="accept-button"]')!;
  const panel = inShadow(widget, '[part="panel"]')!.getBoundingClientRect();
  const header = inShadow(room, '[part="header"]')!.getBoundingClientRect();
  const log = inShadow(room, '[part="message-log"]')!.getBoundingClientRect();
  const p = prompt.getBoundingClientRect();
  expect(prompt.querySelector('[part="prompt-text"]')!.textContent).to.equal('Newt wants to join.');
  expect(p.top, 'below the header').to.be.at.least(header.bottom - 1);
  expect(p.bottom, 'above the log').to.be.at.most(log.top + 1);
  expect(p.left >= panel.left - 1 && p.right <= panel.right + 1 && p.bottom <= panel.bottom + 1, 'inside the panel').to.be.true;
  expect(p.bottom <= window.innerHeight && p.right <= window.innerWidth, 'inside the window').to.be.true;
  const a = accept.getBoundingClientRect();
  expect(deepElementFromPoint(a.left + a.width / 2, a.top + a.height / 2), 'nothing covers Accept').to.equal(accept);
}

describe('<rt-chat-widget>', function () {
  this.timeout(60_000);
  let widget: RTChatWidget | undefined;
  let title: string;
  beforeEach(() => {
    title = document.title;
    document.title = TITLE;
  });
  afterEach(async () => {
    widget?.remove();
    widget = undefined;
    await closePeers();
    document.title = title;
    await setViewport({ width: 800, height: 600 });
  });

  it('shows a knock on the closed button and in the title, and the request first when opened, at desktop and phone width', async () => {
    await setViewport({ width: 1100, height: 900 });
    const topic = `widget-${crypto.randomUUID()}`;
    widget = document.createElement('rt-chat-widget');
    for (const [name, value] of Object.entries(roomAttributes(topic, { name: 'Ada' }))) widget.setAttribute(name, value);
    document.body.append(widget);
    await widget.updateComplete;
    const room = widget.room!;
    await room.updateComplete;
    await room.client!.connect();
    await hereFirst(); // Ada was here first: she decides about Newt
    expect(button(widget)).to.deep.equal({ requests: null, unread: null, label: 'Chat' });
    expect(document.title).to.equal(TITLE);

    // Newt knocks while Ada's widget is closed.
    const newt = await openRemoteRoom(roomAttributes(topic, { name: 'Newt' }));
    await until(() => button(widget!).requests, 'the request count on the button');
    expect(button(widget)).to.deep.equal({ requests: '1', unread: null, label: 'Chat: 1 person wants to join' });
    expect(document.title).to.equal(`(1) ${TITLE}`);
    expect(room.pendingRequests).to.equal(1);
    await expect(widget).to.be.accessible();
    await remoteUntil(
      newt,
      `(room) => [...room.shadowRoot.querySelector('rt-peer-list').shadowRoot.querySelectorAll('[part="peer"]')].some((li) => li.dataset.state === 'waiting')`,
    );

    // Ada opens it: the request is the first thing she sees, and the title is hers again.
    const toggle = inShadow(widget, '[part="toggle"]')!;
    await click(toggle);
    await widget.updateComplete;
    await until(() => document.title === TITLE, 'the title restored');
    expect(button(widget)).to.deep.equal({ requests: null, unread: null, label: 'Chat' });
    await expectRequestFirst(widget, room);

    // Closed again with the request still there; then on a phone.
    await click(toggle);
    await until(() => document.title === `(1) ${TITLE}`, 'the count back in the title');
    expect(button(widget).requests).to.equal('1');
    await setViewport({ width: 390, height: 844 });
    await click(inShadow(widget, '[part="toggle"]')!);
    await widget.updateComplete;
    await until(() => document.title === TITLE, 'the title restored');
    await expectRequestFirst(widget, room);

    // One click lets Newt in.
    await click(inShadow(peerListOf(room), '[part="accept-button"]')!);
    await waitForPeer(room, 'Newt');
    expect(room.pendingRequests).to.equal(0);

    // A message while closed: the unread count, told apart from requests.
    await click(inShadow(widget, '[part="toggle"]')!);
    await remoteSend(newt, 'hello Ada');
    await until(() => button(widget!).unread, 'the unread count');
    expect(button(widget)).to.deep.equal({ requests: null, unread: '1', label: 'Chat: 1 unread message' });
    expect(document.title).to.equal(`(1) ${TITLE}`);
    await click(inShadow(widget, '[part="toggle"]')!);
    await until(() => document.title === TITLE, 'the title restored');
    expect(room.unread).to.equal(0);
  });

  it('leaves the page title alone with no-title-badge; the button still counts', async () => {
    const topic = `widget-${crypto.randomUUID()}`;
    widget = document.createElement('rt-chat-widget');
    for (const [name, value] of Object.entries(roomAttributes(topic, { name: 'Ada', 'no-title-badge': '' }))) widget.setAttribute(name, value);
    document.body.append(widget);
    await widget.updateComplete;
    const room = widget.room!;
    await room.updateComplete;
    expect(room.noTitleBadge).to.equal(true);
    await room.client!.connect();
    await hereFirst(); // Ada was here first: she decides about Newt
    await openRemoteRoom(roomAttributes(topic, { name: 'Newt' }));
    await until(() => button(widget!).requests, 'the request count on the button');
    await new Promise((r) => setTimeout(r, 200));
    expect(document.title).to.equal(TITLE);
    // Turned on later: the count shows in the title at once.
    widget.removeAttribute('no-title-badge');
    await until(() => document.title === `(1) ${TITLE}`, 'the count in the title');
  });
});
