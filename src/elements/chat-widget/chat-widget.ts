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

/** Below this width the open panel fills the screen and is modal. */
const PHONE = '(max-width: 479.98px)';

/** A cross, drawn (a letter × sits off-centre in many fonts). */
const closeIcon = svg`<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false"><path d="M3.5 3.5l9 9m0-9l-9 9" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>`;

/** What Tab can reach inside `root`, in order, looking into shadow roots. */
function tabStops(root: Element | ShadowRoot): HTMLElement[] {
  const stops: HTMLElement[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.shadowRoot) stops.push(...tabStops(el.shadowRoot));
    else if (el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.checkVisibility()) stops.push(el);
  }
  return stops;
}

/** The focused element, inside shadow roots too. */
function deepFocus(root: DocumentOrShadowRoot | null | undefined): Element | null {
  let active = root?.activeElement ?? null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

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
 * The panel is a dialog named after `label` ("Chat"), with a close button of its own:
 * - On a wide screen it is non-modal: it floats above the page's corner and the page stays
 *   usable around it (the chat is a companion to the page, not an interruption). Opening it
 *   puts the focus in the message field.
 * - Below 480 px wide it fills the screen (inside the safe-area insets of notched phones) and
 *   is modal: the page behind is inert, Tab stays inside the panel. Opening it puts the focus
 *   on the panel's close button, so the on-screen keyboard does not cover the conversation.
 * - Escape closes it (unless something inside took the key: the composer leaving
 *   direct-message mode), as do its close button and the floating button. When the focus was
 *   inside the panel, it returns to the floating button.
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
 * @csspart panel - The panel holding the room (a `<dialog>`, modal on a phone).
 * @csspart close-button - Closes the panel (top right, over the room's header).
 * @csspart room - The `<rt-chat-room>` inside.
 *
 * @cssprop --rt-widget-inset - Distance from the window's corner (default 1rem).
 * @cssprop --rt-widget-width - Panel width (default 26rem).
 * @cssprop --rt-widget-height - Panel height (default 34rem).
 * @cssprop --rt-widget-z-index - Stacking order (default 2147483000).
 * @cssprop --rt-accent - The floating button.
 * @cssprop --rt-accent-text - Text on the floating button.
 * @cssprop --rt-background - Background of the panel.
 * @cssprop --rt-danger - The unread count.
 * @cssprop --rt-radius - Corner radius of the panel.
 * @cssprop --rt-focus - Focus ring colour.
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
  @query('dialog') private panel?: HTMLDialogElement;
  @query('[part="toggle"]') private toggleButton?: HTMLButtonElement;
  @query('[part="close-button"]') private closeButton?: HTMLButtonElement;

  /** Whether the screen is narrow: the panel then fills it and is modal. */
  private readonly phone = typeof matchMedia === 'function' ? matchMedia(PHONE) : null;

  /** Messages and file offers that arrived unseen (the room's `unread`); shown on the button while closed. */
  get unread(): number {
    return this.roomElement?.unread ?? 0;
  }

  /** Connection requests waiting for you (the room's `pendingRequests`); shown on the button while closed. */
  get pendingRequests(): number {
    return this.roomElement?.pendingRequests ?? 0;
  }

  /**
   * The room inside (its `client` is the RTChatClient). Not named `room`: that is the room
   * name attribute, and React 19 sets a prop as a property when the element has one.
   */
  get chatRoom(): RTChatRoom | undefined {
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

  override connectedCallback(): void {
    super.connectedCallback();
    this.phone?.addEventListener('change', this.onScreenChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.phone?.removeEventListener('change', this.onScreenChange);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    this.showPanel();
    if (changed.get('open') === undefined) return;
    this.announceToggle();
    if (this.open) {
      this.roomElement?.markRead();
      if (this.phone?.matches) this.closeButton?.focus();
      else this.roomElement?.focusComposer();
    }
  }

  /** Opens the dialog as the screen wants it (modal on a phone), or closes it. */
  private showPanel(): void {
    const panel = this.panel;
    if (!panel) return;
    const modal = !!this.phone?.matches;
    if (!this.open) {
      if (!panel.open) return;
      // Only when the focus was in the panel: a page closing it must not move the focus.
      const focusWasInside = panel.contains(this.shadowRoot?.activeElement ?? null);
      panel.close();
      if (focusWasInside) this.toggleButton?.focus();
      return;
    }
    if (panel.open && panel.matches(':modal') === modal) return;
    if (panel.open) panel.close();
    if (modal) panel.showModal();
    else panel.show();
  }

  /** Crossing 480 px with the panel open: modal on a phone, non-modal again on a wide screen. */
  private readonly onScreenChange = (): void => {
    if (!this.open) return;
    const focused = this.shadowRoot?.activeElement as HTMLElement | null;
    this.showPanel();
    if (focused && this.panel?.contains(focused)) focused.focus();
  };

  /** Fires `widgettoggle`. (An arrow field: the manifest analyzer would list a dispatch in a method as a second, nameless event.) */
  private readonly announceToggle = (): void => {
    this.dispatchEvent(new RTWidgetToggleEvent(this.open));
  };

  /** The room's counts changed: the closed button shows them (the open one shows none). */
  private readonly onCounts = () => {
    if (!this.open) this.requestUpdate();
  };

  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || !this.open) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      this.open = false;
    } else if (e.key === 'Tab' && this.panel?.matches(':modal')) {
      this.keepTabInside(e, this.panel);
    }
  };

  /** Modal: Tab from the last stop goes to the first, Shift+Tab from the first to the last (not to the browser's bar). */
  private keepTabInside(e: KeyboardEvent, panel: HTMLDialogElement): void {
    const stops = tabStops(panel);
    const active = deepFocus(this.shadowRoot);
    const [first, last] = [stops[0], stops[stops.length - 1]];
    if (!first) return;
    if (e.shiftKey ? active === first : active === last) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  }

  /** The browser's own close request for a modal dialog (Escape, a phone's back gesture). */
  private readonly onCancel = (e: Event): void => {
    e.preventDefault(); // the widget closes itself, so `open` and the dialog agree
    this.open = false;
  };

  override render() {
    const attr = (name: string) => this.getAttribute(name) ?? nothing;
    const t = withStrings(this.strings);
    const unread = this.open ? 0 : this.unread;
    const requests = this.open ? 0 : this.pendingRequests;
    return html`
      <dialog part="panel" id="panel" ?hidden=${!this.open} aria-label=${t.widgetPanel(this.label)} @keydown=${this.onKeydown} @cancel=${this.onCancel}>
        <button part="close-button" class="close" type="button" aria-label=${t.closeChat} title=${t.closeChat} @click=${() => this.toggle(false)}>${closeIcon}</button>
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
      </dialog>
      <button
        part="toggle"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${t.widgetToggle(this.label, requests, unread)}
        @click=${() => this.toggle()}
      >
        <span part="label">${this.open ? closeIcon : this.label}</span>
        ${requests ? html`<span part="requests" aria-hidden="true">${personIcon}${requests > 99 ? '99+' : requests}</span>` : nothing}
        ${unread ? html`<span part="unread" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>
    `;
  }
}
