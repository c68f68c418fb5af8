/**
 * What `<rt-chat-room>` does to get a person's attention: it counts messages that arrive
 * while nobody can see them (the page is hidden, or the room is not rendered, e.g. inside
 * a collapsed widget) and, when the page allows it, shows a browser notification for a
 * message that arrives while the page is hidden. Permission is only asked during a user
 * gesture, as browsers require and people prefer.
 */

/** What the attention keeper needs from its room. */
export interface AttentionHost {
  /** Whether the room's `notify` attribute is set. */
  notify(): boolean;
  /** Whether the room is rendered (false inside a collapsed, `display: none` container). */
  rendered(): boolean;
  /** The unread count changed. */
  unreadChanged(unread: number): void;
}

/** Notification API, when the browser has one. */
const notifications = (): typeof Notification | undefined => (typeof Notification === 'function' ? Notification : undefined);

export class RoomAttention {
  private count = 0;
  private asked = false;

  constructor(
    private readonly host: AttentionHost,
    private readonly doc: Document = document,
  ) {}

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
  }

  /** Nobody can see the room right now. */
  get unseen(): boolean {
    return this.doc.visibilityState === 'hidden' || !this.host.rendered();
  }

  /**
   * A message (or file offer) arrived: counts it if unseen, and notifies if the page is hidden.
   * @param tag notifications with the same tag replace each other (one per room)
   */
  arrived(title: string, body: string, tag: string): void {
    if (this.unseen) {
      this.count++;
      this.host.unreadChanged(this.count);
    }
    const N = notifications();
    if (!this.host.notify() || this.doc.visibilityState !== 'hidden' || N?.permission !== 'granted') return;
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
  }

  /** A click or key press in the room: the moment to ask for permission, once. */
  gesture(): void {
    const N = notifications();
    if (!this.host.notify() || this.asked || !N || N.permission !== 'default') return;
    this.asked = true;
    N.requestPermission().catch(() => {});
  }

  private readonly onVisibility = (): void => {
    if (!this.unseen) this.markRead();
  };
}
