import { provide } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { RTChatClient } from '../../core/client.js';
import type { ChatMessageEvent, ConnectionRequestEvent, PeerConnectedEvent, PeerDisconnectedEvent, VerificationFailedEvent, VerifiedEvent, BrokerStatusEvent } from '../../core/events.js';
import { clientContext, type ChatClient } from '../context.js';
import { RTBrokerStatusEvent } from '../events/broker-status-event.js';
import { RTChatMessageEvent } from '../events/chat-message-event.js';
import { RTConnectionRequestEvent } from '../events/connection-request-event.js';
import { RTPeerConnectedEvent } from '../events/peer-connected-event.js';
import { RTPeerDisconnectedEvent } from '../events/peer-disconnected-event.js';
import { RTVerificationFailedEvent } from '../events/verification-failed-event.js';
import { RTVerifiedEvent } from '../events/verified-event.js';
import { defineElement } from '../internal/define-element.js';
import { withStrings, type RTChatStrings } from '../strings.js';
import { chatRoomStyles } from './chat-room.styles.js';
import { clientOptions } from './room-options.js';

/** Properties whose change means a new client: the old one leaves, a new one joins. */
const JOIN_KEYS = ['room', 'topic', 'brokers', 'iceServers', 'secret', 'autoAccept', 'storage'] as const;

/** Client events the room re-dispatches or redraws on. */
const CLIENT_EVENTS = ['connectionrequest', 'peerconnected', 'verified', 'verificationfailed', 'peerdisconnected', 'chatmessage', 'brokerstatus', 'namechange'];

/** Parts of the built-in peer list and message log, exported as the room's own. */
const PEER_LIST_PARTS = 'requests, prompt, prompt-text, accept-button, decline-button, list, peer, peer-name, tab, state, badge, code-button, safety-code, empty: peer-list-empty';
const MESSAGE_LOG_PARTS = 'base: log, lines, message, own, other, sender, direct, time, body, delivery, system, empty: message-log-empty';

type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'problem';

/**
 * A chat room: joins the room through MQTT brokers, connects to the peers in it over
 * WebRTC, verifies each one, and provides its client to the `<rt-peer-list>` and
 * `<rt-message-log>` elements below it.
 *
 * With no children it shows a complete chat: a header (room, your editable name,
 * connection status), the peer list, the message log and a composer (Enter sends,
 * Shift+Enter starts a new line; disabled, with the reason shown, while no peer is
 * verified). With children, it shows them instead and the page arranges the pieces; put an
 * `<rt-peer-list>` among them or handle `connectionrequest`, else nobody answers requests.
 *
 * Changing `room`, `topic`, `brokers`, `ice-servers`, `secret`, `auto-accept` or `storage`
 * leaves the room and joins anew; changing `name` renames you in place. Removing the
 * element from the document leaves the room.
 *
 * @tagname rt-chat-room
 * @summary A peer-to-peer, verified chat room: the client, its events, and a default layout.
 *
 * @slot - Your own arrangement of `<rt-peer-list>`, `<rt-message-log>` and markup. Without children, the built-in layout is shown.
 *
 * @fires {RTConnectionRequestEvent} connectionrequest - A peer wants to connect, or we found one. Cancelable: call `preventDefault()` and decide with `event.accept()` / `event.reject()`; otherwise the peer list asks the user. Not fired for peers `auto-accept` admits.
 * @fires {RTPeerConnectedEvent} peerconnected - The channel to a peer opened; its identity proof is under way.
 * @fires {RTVerifiedEvent} verified - A peer proved it holds its key (`trust`, `safetyCode`). Chat with it flows from now on.
 * @fires {RTVerificationFailedEvent} verificationfailed - A peer's proof failed (`reason`); it was disconnected.
 * @fires {RTPeerDisconnectedEvent} peerdisconnected - A peer we agreed to connect to is gone (`reason`).
 * @fires {RTChatMessageEvent} chatmessage - A message from a verified peer (`peer`, `text`, `direct`).
 * @fires {RTBrokerStatusEvent} brokerstatus - A signaling broker's connection state changed.
 *
 * @csspart base - The built-in layout.
 * @csspart header - The header: room name, own name, connection status.
 * @csspart room-name - The room's name.
 * @csspart name-input - The field with your own display name.
 * @csspart connection-status - Online, connecting, offline, or why the room cannot start.
 * @csspart peer-list - The built-in `<rt-peer-list>`.
 * @csspart message-log - The built-in `<rt-message-log>`.
 * @csspart composer - The message form.
 * @csspart input - The message text area.
 * @csspart send-button - The send button.
 * @csspart hint - Why sending is disabled.
 * @csspart requests - (peer list) The pending connection requests.
 * @csspart prompt - (peer list) One connection request.
 * @csspart prompt-text - (peer list) The request's sentence.
 * @csspart accept-button - (peer list) Accepts a request.
 * @csspart decline-button - (peer list) Declines a request.
 * @csspart list - (peer list) The list of peers.
 * @csspart peer - (peer list) One peer.
 * @csspart peer-name - (peer list) A peer's name.
 * @csspart tab - (peer list) A peer's tab number.
 * @csspart state - (peer list) A peer's state.
 * @csspart badge - (peer list) A verified peer's trust badge.
 * @csspart code-button - (peer list) Shows or hides a safety code.
 * @csspart safety-code - (peer list) The safety code.
 * @csspart peer-list-empty - (peer list) The text shown while nobody else is here.
 * @csspart log - (message log) The scrolling log.
 * @csspart lines - (message log) The list of lines.
 * @csspart message - (message log) One chat message (with part `own` or `other`).
 * @csspart own - (message log) Our own message.
 * @csspart other - (message log) A peer's message.
 * @csspart sender - (message log) The sender's name.
 * @csspart direct - (message log) Marks a direct message.
 * @csspart time - (message log) The message's time.
 * @csspart body - (message log) The message text.
 * @csspart delivery - (message log) Delivery of our own message.
 * @csspart system - (message log) A system line.
 * @csspart message-log-empty - (message log) The text shown before the first message.
 *
 * @cssstate default-layout - The room shows its built-in layout (it has no children).
 *
 * @cssprop --rt-accent - Accent colour (send button, own messages).
 * @cssprop --rt-accent-text - Text on the accent colour.
 * @cssprop --rt-background - Background colour.
 * @cssprop --rt-surface - Background of the header, peers and others' messages.
 * @cssprop --rt-text - Text colour.
 * @cssprop --rt-muted - Secondary text.
 * @cssprop --rt-border - Border colour.
 * @cssprop --rt-success - Online status, verified peers.
 * @cssprop --rt-warning - Key-changed warnings.
 * @cssprop --rt-danger - Problems and failed verification.
 * @cssprop --rt-radius - Corner radius.
 * @cssprop --rt-font - Font family.
 * @cssprop --rt-font-size - Base font size.
 * @cssprop --rt-spacing - Base spacing unit.
 * @cssprop --rt-focus - Focus ring colour.
 */
export class RTChatRoom extends LitElement {
  static override styles = chatRoomStyles;

  /**
   * Registers `<rt-chat-room>` (no-op when `tag` is already defined). Its built-in layout
   * uses `<rt-peer-list>` and `<rt-message-log>`: define those too (`define.js` does all).
   * @example RTChatRoom.define();
   */
  static define(tag = 'rt-chat-room', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Room name; the room is this page's origin and path plus this name. Default: one room per page. */
  @property() room: string | null = null;

  /** Explicit room identity instead of origin + path + `room` (to meet across pages or sites). */
  @property() topic: string | null = null;

  /** Your display name; default: the one saved in this browser, else a generated friendly name. */
  @property({ reflect: true }) name: string | null = null;

  /** MQTT-over-WebSocket broker URLs (`ws://` or `wss://`), separated by whitespace. Default: public brokers. */
  @property() brokers: string | null = null;

  /** ICE servers as a JSON array of RTCIceServer; `[]` for host candidates only (LAN). Default: public STUN. */
  @property({ attribute: 'ice-servers' }) iceServers: string | null = null;

  /** Room secret: hides the room and encrypts all signaling. Everyone in the room needs the same one. */
  @property() secret: string | null = null;

  /** Admit peers without asking: `all`, or `trusted` (keys seen before). Absent: ask each time. */
  @property({ attribute: 'auto-accept' }) autoAccept: 'all' | 'trusted' | null = null;

  /** Prefix of this room's storage (identity, name, trusted keys); use one per app to keep identities apart. */
  @property() storage: string | null = null;

  /** Replacement UI strings (see `RTChatStrings`), also used by the built-in peer list and log. */
  @property({ attribute: false }) strings: Partial<RTChatStrings> = {};

  @provide({ context: clientContext })
  @state()
  private provided: ChatClient | undefined;

  /** Why the room cannot start (bad attribute); empty when fine. */
  @state() private problem = '';
  /** Whether the page gave children (then the built-in layout is not shown). */
  @state() private hasContent = false;

  @query('textarea') private input?: HTMLTextAreaElement;

  private readonly internals = this.attachInternals();

  /** The RTChatClient of this room (a new one after each rejoin); undefined while not in the document. */
  get client(): RTChatClient | undefined {
    return this.provided;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.checkContent();
    if (this.hasUpdated) this.requestUpdate(); // rejoin after being moved or re-added
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A microtask later: an element merely moved in the DOM stays in the room.
    queueMicrotask(() => {
      if (!this.isConnected) this.leave();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.internals.states.delete('default-layout');
    if (!this.hasContent) this.internals.states.add('default-layout');
    if (!this.isConnected) return;
    const optionsChanged = JOIN_KEYS.some((k) => changed.has(k));
    if (optionsChanged || (!this.provided && !this.problem)) this.join();
    else if (changed.has('name') && this.provided && this.name) this.rename(this.provided, this.name);
  }

  /** Leaves any current room and joins with the current attributes. */
  private join(): void {
    this.leave();
    this.problem = '';
    let client: RTChatClient;
    try {
      client = new RTChatClient(clientOptions(this));
    } catch (e) {
      this.problem = e instanceof Error ? e.message : String(e);
      return;
    }
    for (const type of CLIENT_EVENTS) client.addEventListener(type, this.onClientEvent);
    this.provided = client;
    const redraw = () => this.provided === client && this.requestUpdate();
    // A failed connect keeps retrying in the background; the status shows where it stands.
    client.connect().then(redraw, redraw);
  }

  private leave(): void {
    const client = this.provided;
    if (!client) return;
    for (const type of CLIENT_EVENTS) client.removeEventListener(type, this.onClientEvent);
    this.provided = undefined;
    void client.disconnect();
  }

  private rename(client: ChatClient, name: string): void {
    client.setName(name).then(
      () => this.requestUpdate(),
      () => {
        this.name = client.name || null; // unusable name (e.g. blank): back to the current one
      },
    );
  }

  /** Re-dispatches the client's events as the room's own (bubbling, composed) DOM events. */
  private readonly onClientEvent = (event: Event): void => {
    switch (event.type) {
      case 'connectionrequest': {
        const e = event as ConnectionRequestEvent;
        const mine = new RTConnectionRequestEvent(e);
        this.dispatchEvent(mine);
        if (mine.defaultPrevented) e.preventDefault(); // the page decides: the peer list does not ask
        break;
      }
      case 'peerconnected':
        this.dispatchEvent(new RTPeerConnectedEvent((event as PeerConnectedEvent).peer));
        break;
      case 'verified': {
        const e = event as VerifiedEvent;
        this.dispatchEvent(new RTVerifiedEvent(e.peer, e.trust, e.safetyCode));
        break;
      }
      case 'verificationfailed': {
        const e = event as VerificationFailedEvent;
        this.dispatchEvent(new RTVerificationFailedEvent(e.peer, e.reason));
        break;
      }
      case 'peerdisconnected': {
        const e = event as PeerDisconnectedEvent;
        this.dispatchEvent(new RTPeerDisconnectedEvent(e.peer, e.reason));
        break;
      }
      case 'chatmessage': {
        const e = event as ChatMessageEvent;
        this.dispatchEvent(new RTChatMessageEvent(e.peer, e.id, e.text, e.sentAt, e.direct));
        break;
      }
      case 'brokerstatus': {
        const e = event as BrokerStatusEvent;
        this.dispatchEvent(new RTBrokerStatusEvent(e.status, e.all));
        break;
      }
    }
    this.requestUpdate();
  };

  private checkContent(): void {
    this.hasContent = [...this.childNodes].some((n) => n.nodeType === Node.ELEMENT_NODE || (n.nodeType === Node.TEXT_NODE && n.textContent?.trim()));
  }

  private get connectionStatus(): ConnectionStatus {
    const client = this.provided;
    if (this.problem || !client) return 'problem';
    const brokers = client.brokers;
    if (brokers.some((b) => b.state === 'connected')) return 'online';
    // Every broker failed at least once: the client keeps retrying in the background.
    if (brokers.length && brokers.every((b) => b.state !== 'connecting')) return 'offline';
    return 'connecting';
  }

  private get canSend(): boolean {
    return !!this.provided?.peers.some((p) => p.verified);
  }

  private send(): void {
    const input = this.input;
    const client = this.provided;
    if (!input || !client || !this.canSend || !input.value.trim()) return;
    try {
      client.broadcast(input.value);
      input.value = '';
      input.focus(); // after a click on Send, typing goes on in the message field
    } catch {
      // Too long: the textarea's maxlength prevents it; keep the text either way.
    }
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.defaultPrevented) return;
    e.preventDefault();
    this.send();
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    this.send();
  }

  private onNameChange(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    if (value.trim()) this.name = value;
    else (e.target as HTMLInputElement).value = this.provided?.name ?? '';
  }

  protected override render() {
    return html`<slot @slotchange=${this.checkContent}></slot>${this.hasContent ? nothing : this.renderLayout(withStrings(this.strings))}`;
  }

  private renderLayout(t: RTChatStrings) {
    const status = this.connectionStatus;
    const verified = this.provided?.peers.filter((p) => p.verified).length ?? 0;
    const statusText =
      status === 'problem'
        ? t.statusProblem(this.problem || '—')
        : status === 'online'
          ? `${t.statusConnected} · ${t.peersOnline(verified)}`
          : status === 'connecting'
            ? t.statusConnecting
            : t.statusOffline;
    const canSend = this.canSend;
    return html`<div part="base" class="base">
      <div part="header" class="header">
        <span part="room-name" class="room-name">${this.room || this.topic || t.thisPage}</span>
        <input part="name-input" class="name-input" aria-label=${t.yourName} .value=${this.provided?.name ?? this.name ?? ''} maxlength="40" autocomplete="nickname" @change=${this.onNameChange} />
        <span part="connection-status" class="status" role="status" data-status=${status}>${statusText}</span>
      </div>
      <rt-peer-list part="peer-list" class="peers" exportparts=${PEER_LIST_PARTS} .strings=${this.strings}></rt-peer-list>
      <rt-message-log part="message-log" class="log" exportparts=${MESSAGE_LOG_PARTS} .strings=${this.strings}></rt-message-log>
      <form part="composer" class="composer" @submit=${this.onSubmit}>
        <textarea
          part="input"
          class="input"
          rows="2"
          maxlength="16384"
          aria-label=${t.messageLabel}
          aria-describedby="send-hint"
          placeholder=${t.messagePlaceholder}
          @keydown=${this.onKeyDown}
        ></textarea>
        <button part="send-button" class="send" type="submit" ?disabled=${!canSend}>${t.send}</button>
        <p part="hint" class="hint" id="send-hint" ?hidden=${canSend}>${t.nobodyVerified}</p>
      </form>
    </div>`;
  }
}
