/**
 * `unreadchange`: the room's count of unseen messages changed (`unread`; 0 when they were
 * read). A collapsed widget shows it as a badge.
 */
export class RTUnreadChangeEvent extends Event {
  static readonly type = 'unreadchange';
  constructor(readonly unread: number) {
    super(RTUnreadChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    unreadchange: RTUnreadChangeEvent;
  }
}
