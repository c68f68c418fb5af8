/**
 * What `<rt-chat-room>` does to get a person's attention: it counts messages that arrive
 * while nobody can see them (the page is hidden, or the room is not rendered, e.g. inside
 * a collapsed widget), puts what waits unseen (connection requests and those messages) in
 * the page title, and, when the page allows it, shows a browser notification for a
 * message that arrives while the page is hidden. Permission is only asked during a user
 * gesture, as browsers require and people prefer.
 */
import { titleBadgeOf, type TitleBadge } from './title-badge.js';

/** What the attention keeper needs from its room. */
export interface AttentionHost {
  /** Whether the room's `notify` attribute is set. */
  notify(): boolean;
  /** Whether the room is rendered (false inside a collapsed, `display: none` container). */
  rendered(): boolean;
  /** The unread count changed. */
  unreadChanged(unread: number): void;
  /** Connection requests waiting for this room's person (0 when none, or no client). */
  requests(): number;
  /** Whether the room may put its count in the page title (its `no-title-badge` is not set). */
  titleBadge(): boolean;
}

/**
 * Notifications at most this often per room: a burst (or a flood) of messages while the page
 * is hidden makes one, then the latest message once the second is up, not one per message.
 */
const NOTIFY_EVERY_MS = 1_000;

/** Notification API, when the browser has one. */
const notifications = (): typeof Notification | undefined => (typeof Notification === 'function' ? Notification : undefined);

export class RoomAttention {
  private count = 0;
  private asked = false;
  private lastNotified = -Infinity;
  /** The latest message held back by NOTIFY_EVERY_MS, shown when its time comes. */
  private held: { title: string; body: string; tag: string } | null = null;
  private heldTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly title: TitleBadge;

  constructor(
    private readonly host: AttentionHost,
    private readonly doc: Document = document,
    title?: TitleBadge,
  ) {
    this.title = title ?? titleBadgeOf(doc);
  }

  /** Messages that arrived unseen since the last `markRead()`. */
  get unread(): number {
    return this.count;
  }

  /** Starts following the page's visibility. */
  connect(): void {
    this.doc.addEventListener('visibilitychange', this.onVisibility);
  }

  disconnect(): void {
    this.doc.removeEventListener('visibilitychange', this.onVisibility);
    this.dropHeld();
    this.title.delete(this);
  }

  /** What waits unseen in the room: its connection requests and unread messages; 0 while seen. */
  get waiting(): number {
    return this.unseen ? this.host.requests() + this.count : 0;
  }

  /**
   * Something changed that the title may show: the requests, whether the room is rendered
   * (e.g. a widget opened), the `no-title-badge` choice. A room that comes into sight has
   * been read.
   */
  refresh(): void {
    if (!this.unseen) this.markRead();
    this.updateTitle();
  }

  /** Puts what waits unseen in the page title (or takes it off); call it when the requests change. */
  updateTitle(): void {
    if (this.host.titleBadge()) this.title.set(this, this.waiting);
    else this.title.delete(this);
  }

  /** Nobody can see the room right now. */
  get unseen(): boolean {
    return this.doc.visibilityState === 'hidden' || !this.host.rendered();
  }

  /**
   * A message (or file offer) arrived: counts it if unseen, and notifies if the page is hidden
   * (at most once a second; the latest message held back is shown when the second is up).
   * @param tag notifications with the same tag replace each other (one per room)
   */
  arrived(title: string, body: string, tag: string): void {
    if (this.unseen) {
      this.count++;
      this.host.unreadChanged(this.count);
      this.updateTitle();
    }
    if (!this.mayNotify()) return;
    const wait = this.lastNotified + NOTIFY_EVERY_MS - performance.now();
    if (wait <= 0) return this.show(title, body, tag);
    if (!this.held) {
      this.heldTimer = setTimeout(() => {
        const held = this.held;
        this.held = null;
        if (held && this.mayNotify()) this.show(held.title, held.body, held.tag);
      }, wait);
    }
    this.held = { title, body, tag };
  }

  private mayNotify(): boolean {
    return this.host.notify() && this.doc.visibilityState === 'hidden' && notifications()?.permission === 'granted';
  }

  private show(title: string, body: string, tag: string): void {
    const N = notifications();
    if (!N) return;
    this.lastNotified = performance.now();
    try {
      const n = new N(title, { body: body.length > 200 ? `${body.slice(0, 199)}…` : body, tag });
      n.onclick = () => {
        globalThis.focus?.();
        n.close();
      };
    } catch {
      // Some browsers only notify from a service worker: the unread count still tells.
    }
  }

  /** Everything was seen: back to 0. */
  markRead(): void {
    if (this.count === 0) return;
    this.count = 0;
    this.host.unreadChanged(0);
    this.updateTitle();
  }

  /** A click or key press in the room: the moment to ask for permission, once. */
  gesture(): void {
    const N = notifications();
    if (!this.host.notify() || this.asked || !N || N.permission !== 'default') return;
    this.asked = true;
    N.requestPermission().catch(() => {});
  }

  private dropHeld(): void {
    clearTimeout(this.heldTimer);
    this.held = null;
  }

  private readonly onVisibility = (): void => {
    if (this.doc.visibilityState !== 'hidden') this.dropHeld(); // the page is in sight: no late notification
    this.refresh();
  };
}
