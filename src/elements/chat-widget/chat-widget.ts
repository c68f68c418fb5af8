import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { RTChatRoom } from '../chat-room/chat-room.js';
import { defineElement } from '../internal/define-element.js';
import { withStrings, type RTChatStrings } from '../strings.js';
import { chatWidgetStyles } from './chat-widget.styles.js';
import { RTWidgetToggleEvent } from './widget-toggle-event.js';

/** Room attributes the widget hands to its `<rt-chat-room>` unchanged. */
const ROOM_ATTRIBUTES = [
  'room',
  'topic',
  'name',
  'brokers',
  'ice-servers',
  'secret',
  'auto-accept',
  'ask-before-joining',
  'storage',
  'history',
  'notify',
  'no-title-badge',
] as const;

/** A person's outline: marks the count of people waiting to be let in, apart from unread messages. */
const personIcon = svg`<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false"><circle cx="8" cy="5" r="3" fill="currentColor"/><path d="M2 15c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5z" fill="currentColor"/></svg>`;

/**
 * A floating, collapsible chat for any page: a button in a corner that opens a panel with
 * a complete `<rt-chat-room>`. It is what `rtchat.js?add` puts on a page. While collapsed
 * the button shows what waits inside: people who want to join (connection requests for you
 * to answer, with a person icon) and unread messages, each with its own count, both said in
 * the button's accessible name ("Chat: 1 person wants to join, 2 unread messages"). Opening
 * the panel shows the requests first, at the top of the room's peer list. The page title
 * carries the same counts while the panel is closed or the page hidden (see
 * `<rt-chat-room>`; `no-title-badge` turns that off).
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
 * @attr ask-before-joining - Passed to the room.
 * @attr storage - Passed to the room.
 * @attr history - Passed to the room: `share` lets people who join later see recent messages.
 * @attr notify - Passed to the room.
 * @attr no-title-badge - Passed to the room: leave the page title alone.
 *
 * @fires {RTWidgetToggleEvent} widgettoggle - The panel opened or closed (`open` tells which).
 *
 * @csspart toggle - The floating button.
 * @csspart label - The button's text.
 * @csspart requests - The count of people waiting to be let in, on the button (with a person icon).
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

  /** Replacement UI strings (see `RTChatStrings`), for the button and the room inside. */
  @property({ attribute: false }) strings: Partial<RTChatStrings> = {};

  @query('rt-chat-room') private roomElement?: RTChatRoom;

  /** Messages and file offers that arrived unseen (the room's `unread`); shown on the button while closed. */
  get unread(): number {
    return this.roomElement?.unread ?? 0;
  }

  /** Connection requests waiting for you (the room's `pendingRequests`); shown on the button while closed. */
  get pendingRequests(): number {
    return this.roomElement?.pendingRequests ?? 0;
  }

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

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && changed.get('open') !== undefined) {
      this.announceToggle();
      if (this.open) {
        this.roomElement?.markRead();
        this.roomElement?.focusComposer();
      }
    }
  }

  /** Fires `widgettoggle`. (An arrow field: the manifest analyzer would list a dispatch in a method as a second, nameless event.) */
  private readonly announceToggle = (): void => {
    this.dispatchEvent(new RTWidgetToggleEvent(this.open));
  };

  /** The room's counts changed: the closed button shows them (the open one shows none). */
  private readonly onCounts = () => {
    if (!this.open) this.requestUpdate();
  };

  private onKeydown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.open && !e.defaultPrevented) {
      this.open = false;
      this.renderRoot.querySelector<HTMLElement>('[part="toggle"]')?.focus();
    }
  };

  override render() {
    const attr = (name: string) => this.getAttribute(name) ?? nothing;
    const t = withStrings(this.strings);
    const unread = this.open ? 0 : this.unread;
    const requests = this.open ? 0 : this.pendingRequests;
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
          ?ask-before-joining=${this.hasAttribute('ask-before-joining')}
          storage=${attr('storage')}
          history=${attr('history')}
          ?notify=${this.hasAttribute('notify')}
          ?no-title-badge=${this.hasAttribute('no-title-badge')}
          .strings=${this.strings}
          @unreadchange=${this.onCounts}
          @connectionrequest=${this.onCounts}
          @requestchange=${this.onCounts}
        ></rt-chat-room>
      </div>
      <button
        part="toggle"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${t.widgetToggle(this.label, requests, unread)}
        @click=${() => this.toggle()}
      >
        <span part="label">${this.open ? '×' : this.label}</span>
        ${requests ? html`<span part="requests" aria-hidden="true">${personIcon}${requests > 99 ? '99+' : requests}</span>` : nothing}
        ${unread ? html`<span part="unread" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>
    `;
  }
}
