/** `<rt-chat-widget>` opened or closed its panel. */
export class RTWidgetToggleEvent extends Event {
  static readonly type = 'widgettoggle';
  constructor(
    /** Whether the panel is now open. */
    readonly open: boolean,
  ) {
    super(RTWidgetToggleEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    widgettoggle: RTWidgetToggleEvent;
  }
}
