import { expect } from '@open-wc/testing';
import { RoomAttention } from '../../src/elements/chat-room/room-attention.js';
import { TitleBadge } from '../../src/elements/chat-room/title-badge.js';

// The room's attention keeper on its own: a page it believes hidden, a Notification stand-in.

describe('RoomAttention', () => {
  const real = window.Notification;
  const shown: string[] = [];
  class FakeNotification {
    static permission: NotificationPermission = 'granted';
    onclick: (() => void) | null = null;
    constructor(_title: string, options: NotificationOptions) {
      shown.push(options.body ?? '');
    }
    close() {}
  }
  let doc: EventTarget & { visibilityState: DocumentVisibilityState };
  let unread: number[];
  let attention: RoomAttention;
  /** A page of its own for the title (not the test page's). */
  let page: Document;
  let requests: number;
  let rendered: boolean;
  let titleBadge: boolean;

  beforeEach(() => {
    shown.length = 0;
    unread = [];
    requests = 0;
    rendered = true;
    titleBadge = true;
    (window as any).Notification = FakeNotification;
    doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' as DocumentVisibilityState });
    page = document.implementation.createHTMLDocument('Support');
    attention = new RoomAttention(
      { notify: () => true, rendered: () => rendered, unreadChanged: (n) => unread.push(n), requests: () => requests, titleBadge: () => titleBadge },
      doc as unknown as Document,
      new TitleBadge(page),
    );
    attention.connect();
  });
  const show = (visibility: DocumentVisibilityState) => {
    doc.visibilityState = visibility;
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  afterEach(() => {
    attention.disconnect();
    (window as any).Notification = real;
  });

  it('notifies at most once a second in a burst, then shows the latest message', async () => {
    for (let i = 1; i <= 50; i++) attention.arrived('Mallory', `message ${i}`, 'room');
    expect(attention.unread).to.equal(50);
    expect(shown).to.deep.equal(['message 1']);
    await new Promise((r) => setTimeout(r, 1100));
    expect(shown).to.deep.equal(['message 1', 'message 50']);
  });

  it('drops the held notification when the page comes into sight', async () => {
    attention.arrived('Bob', 'one', 'room');
    attention.arrived('Bob', 'two', 'room');
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(attention.unread).to.equal(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(shown).to.deep.equal(['one']);
  });

  it('puts requests and unread messages in the title while the page is hidden, and restores it exactly when seen', () => {
    requests = 1;
    attention.updateTitle();
    expect(page.title).to.equal('(1) Support');
    attention.arrived('Bob', 'one', 'room');
    attention.arrived('Bob', 'two', 'room');
    expect(page.title).to.equal('(3) Support');
    show('visible');
    expect(page.title).to.equal('Support');
    expect(attention.unread).to.equal(0);
    // Seen: a request coming in now is on screen, not in the title.
    requests = 2;
    attention.updateTitle();
    expect(page.title).to.equal('Support');
  });

  it('counts while the room is not rendered (a collapsed widget), even with the page in sight', () => {
    show('visible');
    rendered = false;
    requests = 1;
    attention.updateTitle();
    expect(page.title).to.equal('(1) Support');
    rendered = true;
    attention.refresh(); // the widget opened
    expect(page.title).to.equal('Support');
  });

  it('leaves the title alone with no-title-badge, and takes its count off when it is set', () => {
    requests = 1;
    attention.updateTitle();
    expect(page.title).to.equal('(1) Support');
    titleBadge = false;
    attention.updateTitle();
    expect(page.title).to.equal('Support');
    attention.arrived('Bob', 'one', 'room');
    expect(page.title).to.equal('Support');
    expect(attention.unread).to.equal(1);
  });

  it('takes its count off the title when the room goes away', () => {
    requests = 1;
    attention.updateTitle();
    attention.disconnect();
    expect(page.title).to.equal('Support');
  });
});
