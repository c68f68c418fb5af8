import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { RTChatRoom } from '../../src/elements/chat-room/chat-room.js';
import '../../src/elements/chat-widget/define.js';
import type { RTChatWidget } from '../../src/elements/chat-widget/chat-widget.js';
import '../../src/elements/define.js';
import { closePeers, colorScheme } from '../harness/peer.js';
import { click, deepActiveElement, inShadow, press, until } from './dom.js';
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
  const seen = new Set<Element>();
  while (hit?.shadowRoot && !seen.has(hit)) {
    seen.add(hit);
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

/** A widget on the page, closed, its room joining. */
async function addWidget(): Promise<RTChatWidget> {
  const el = document.createElement('rt-chat-widget');
  for (const [name, value] of Object.entries(roomAttributes(`widget-${crypto.randomUUID()}`, { name: 'Ada' }))) el.setAttribute(name, value);
  document.body.append(el);
  await el.updateComplete;
  await el.chatRoom!.updateComplete;
  return el;
}

/** Whether `node` is inside `host`, through shadow roots. */
function composedContains(host: Node, node: Node | null): boolean {
  for (let n = node; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === host) return true;
  return false;
}

/** Every button shown inside `root`, through shadow roots. */
function shownButtons(root: Element | ShadowRoot): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.localName === 'button' && el.checkVisibility()) found.push(el);
    if (el.shadowRoot) found.push(...shownButtons(el.shadowRoot));
  }
  return found;
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
    const room = widget.chatRoom!;
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

    // A message while closed (the phone's panel closes with its own button): the unread count, told apart from requests.
    await click(inShadow(widget, '[part="close-button"]')!);
    await remoteSend(newt, 'hello Ada');
    await until(() => button(widget!).unread, 'the unread count');
    expect(button(widget)).to.deep.equal({ requests: null, unread: '1', label: 'Chat: 1 unread message' });
    expect(document.title).to.equal(`(1) ${TITLE}`);
    await click(inShadow(widget, '[part="toggle"]')!);
    await until(() => document.title === TITLE, 'the title restored');
    expect(room.unread).to.equal(0);
  });

  it('is a labelled, non-modal dialog on a wide screen: the focus goes into it on open and back to the button on close', async () => {
    await setViewport({ width: 1100, height: 900 });
    widget = await addWidget();
    await expect(widget).to.be.accessible();
    const toggle = inShadow<HTMLButtonElement>(widget, '[part="toggle"]')!;
    const panel = inShadow<HTMLDialogElement>(widget, '[part="panel"]')!;
    expect(panel.localName).to.equal('dialog'); // role dialog
    expect(panel.getAttribute('aria-label')).to.equal('Chat');
    expect(toggle.getAttribute('aria-controls')).to.equal(panel.id);

    await click(toggle);
    await widget.updateComplete;
    expect([panel.open, panel.matches(':modal')], 'open, not modal').to.deep.equal([true, false]);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(deepActiveElement(), 'the message field').to.equal(inShadow(inShadow(widget.chatRoom!, 'rt-composer')!, 'textarea'));
    await expect(widget).to.be.accessible();

    // The close button inside the panel.
    await click(inShadow(widget, '[part="close-button"]')!);
    await widget.updateComplete;
    expect([widget.open, panel.open]).to.deep.equal([false, false]);
    expect(deepActiveElement(), 'back on the button').to.equal(toggle);

    // From the keyboard: Enter opens, Escape closes, the focus comes back.
    await sendKeys({ press: 'Enter' });
    await widget.updateComplete;
    expect(widget.open).to.be.true;
    await sendKeys({ press: 'Escape' });
    await widget.updateComplete;
    expect(widget.open).to.be.false;
    expect(deepActiveElement()).to.equal(toggle);

    // Closed by the page while the focus is elsewhere: the focus stays where it is.
    widget.open = true;
    await widget.updateComplete;
    const outside = document.createElement('button');
    outside.textContent = 'page';
    document.body.prepend(outside);
    outside.focus();
    widget.open = false;
    await widget.updateComplete;
    expect(document.activeElement).to.equal(outside);
    outside.remove();
  });

  it('fills a phone screen as a modal dialog: focus on its close button, kept inside, 44 px targets, Escape closes', async () => {
    await setViewport({ width: 390, height: 844 });
    widget = await addWidget();
    const toggle = inShadow<HTMLButtonElement>(widget, '[part="toggle"]')!;
    const t = toggle.getBoundingClientRect();
    expect(
      [t.width, t.height].every((side) => side >= 44),
      'the button: 44 px',
    ).to.be.true;
    await click(toggle);
    await widget.updateComplete;
    const panel = inShadow<HTMLDialogElement>(widget, '[part="panel"]')!;
    expect(panel.matches(':modal')).to.be.true;
    const r = panel.getBoundingClientRect();
    expect([r.left, r.top, r.width, r.height]).to.deep.equal([0, 0, 390, 844]);
    const close = inShadow(widget, '[part="close-button"]')!;
    expect(deepActiveElement(), 'the close button').to.equal(close);
    expect(deepElementFromPoint(t.left + t.width / 2, t.top + t.height / 2), 'the panel covers the button').not.to.equal(toggle);

    // Every button at least 44 px by 44 px.
    await widget.chatRoom!.updateComplete;
    const small = shownButtons(widget.shadowRoot!)
      .map((b) => [b.getAttribute('part') ?? b.className, b.getBoundingClientRect()] as const)
      .filter(([, b]) => b.width < 44 || b.height < 44)
      .map(([name, b]) => `${name} ${b.width}×${b.height}`);
    expect(small).to.deep.equal([]);
    await expect(widget).to.be.accessible();

    // Tab and Shift+Tab stay in the panel, going round to the close button again.
    for (const key of ['Tab', 'Shift+Tab']) {
      let presses = 0;
      do {
        await press(key);
        expect(composedContains(panel, deepActiveElement()), `after ${key}: ${deepActiveElement()?.localName}`).to.be.true;
      } while (deepActiveElement() !== close && ++presses < 30);
      expect(presses, `${key} comes round`).to.be.within(1, 29);
    }

    await sendKeys({ press: 'Escape' });
    await widget.updateComplete;
    expect([widget.open, panel.open]).to.deep.equal([false, false]);
    expect(deepActiveElement()).to.equal(toggle);
  });

  it('passes axe open and closed in the dark scheme too', async () => {
    await colorScheme('dark');
    try {
      widget = await addWidget();
      await expect(widget).to.be.accessible();
      widget.open = true;
      await widget.updateComplete;
      await widget.chatRoom!.updateComplete;
      await expect(widget).to.be.accessible();
    } finally {
      await colorScheme('light');
    }
  });

  it('leaves the page title alone with no-title-badge; the button still counts', async () => {
    const topic = `widget-${crypto.randomUUID()}`;
    widget = document.createElement('rt-chat-widget');
    for (const [name, value] of Object.entries(roomAttributes(topic, { name: 'Ada', 'no-title-badge': '' }))) widget.setAttribute(name, value);
    document.body.append(widget);
    await widget.updateComplete;
    const room = widget.chatRoom!;
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
