import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { RTChatRoom } from '../chat-room/chat-room.js';
import { defineElement } from '../internal/define-element.js';
import { chatWidgetStyles } from './chat-widget.styles.js';
import { RTWidgetToggleEvent } from './widget-toggle-event.js';

/** Room attributes the widget hands to its `<rt-chat-room>` unchanged. */
const ROOM_ATTRIBUTES = ['room', 'topic', 'name', 'brokers', 'ice-servers', 'secret', 'auto-accept', 'storage', 'notify'] as const;

/**
 * A floating, collapsible chat for any page: a button in a corner that opens a panel with
 * a complete `<rt-chat-room>`. It is what `rtchat.js?add` puts on a page. While collapsed
 * it counts the messages that arrived and shows the count on the button.
 *
 * @summary A floating chat button and panel around `<rt-chat-room>`.
 * @tagname rt-chat-widget
 *
 * @attr room - Passed to the room (default: one room per page).
 * @attr topic - Passed to the room.
 * @attr name - Passed to the room.
 * @attr brokers - Passed to the room.
 * @attr ice-servers - Passed to the room.
 * @attr secret - Passed to the room.
 * @attr auto-accept - Passed to the room.
 * @attr storage - Passed to the room.
 * @attr notify - Passed to the room.
 *
 * @fires {RTWidgetToggleEvent} widgettoggle - The panel opened or closed (`open` tells which).
 *
 * @csspart toggle - The floating button.
 * @csspart label - The button's text.
 * @csspart unread - The unread count on the button.
 * @csspart panel - The panel holding the room.
 * @csspart room - The `<rt-chat-room>` inside.
 *
 * @cssprop --rt-widget-inset - Distance from the window's corner (default 1rem).
 * @cssprop --rt-widget-width - Panel width (default 26rem).
 * @cssprop --rt-widget-height - Panel height (default 34rem).
 * @cssprop --rt-widget-z-index - Stacking order (default 2147483000).
 */
export class RTChatWidget extends LitElement {
  static override styles = chatWidgetStyles;

  /** Registers `<rt-chat-widget>` (no-op when already defined). Define `<rt-chat-room>` too. */
  static define(tag = 'rt-chat-widget', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Corner: `right` (default) or `left`. */
  @property({ reflect: true }) position: 'right' | 'left' = 'right';

  /** The button's text. */
  @property() label = 'Chat';

  /** Messages that arrived while the panel was closed. */
  @state() unread = 0;

  @query('rt-chat-room') private roomElement?: RTChatRoom;

  /** The room inside (its `client` is the RTChatClient). */
  get room(): RTChatRoom | undefined {
    return this.roomElement;
  }

  /** Opens or closes the panel. */
  toggle(force = !this.open): void {
    this.open = force;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...ROOM_ATTRIBUTES];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if ((ROOM_ATTRIBUTES as readonly string[]).includes(name)) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) this.unread = 0;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && changed.get('open') !== undefined) {
      this.announceToggle();
      if (this.open) this.roomElement?.focusComposer();
    }
  }

  /** Fires `widgettoggle`. (An arrow field: the manifest analyzer would list a dispatch in a method as a second, nameless event.) */
  private readonly announceToggle = (): void => {
    this.dispatchEvent(new RTWidgetToggleEvent(this.open));
  };

  private onMessage = () => {
    if (!this.open) this.unread++;
  };

  private onKeydown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.open && !e.defaultPrevented) {
      this.open = false;
      this.renderRoot.querySelector<HTMLElement>('[part="toggle"]')?.focus();
    }
  };

  override render() {
    const attr = (name: string) => this.getAttribute(name) ?? nothing;
    const unread = this.unread;
    return html`
      <div part="panel" id="panel" ?hidden=${!this.open} @keydown=${this.onKeydown}>
        <rt-chat-room
          part="room"
          room=${attr('room')}
          topic=${attr('topic')}
          name=${attr('name')}
          brokers=${attr('brokers')}
          ice-servers=${attr('ice-servers')}
          secret=${attr('secret')}
          auto-accept=${attr('auto-accept')}
          storage=${attr('storage')}
          ?notify=${this.hasAttribute('notify')}
          @chatmessage=${this.onMessage}
        ></rt-chat-room>
      </div>
      <button
        part="toggle"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${unread ? `${this.label}, ${unread} unread` : this.label}
        @click=${() => this.toggle()}
      >
        <span part="label">${this.open ? '×' : this.label}</span>
        ${unread ? html`<span part="unread" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>
    `;
  }
}
