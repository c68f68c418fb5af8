import { expect } from '@open-wc/testing';
import { RoomAttention } from '../../src/elements/chat-room/room-attention.js';

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

  beforeEach(() => {
    shown.length = 0;
    unread = [];
    (window as any).Notification = FakeNotification;
    doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' as DocumentVisibilityState });
    attention = new RoomAttention({ notify: () => true, rendered: () => true, unreadChanged: (n) => unread.push(n) }, doc as unknown as Document);
    attention.connect();
  });
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
});
