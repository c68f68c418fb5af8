import { html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type {
  ChatMessageEvent,
  ChatSentEvent,
  DeliveredEvent,
  PeerConnectedEvent,
  PeerDisconnectedEvent,
  VerificationFailedEvent,
  VerifiedEvent,
} from '../../core/events.js';
import type { Peer } from '../../core/peer/peer.js';
import type { ChatClient } from '../context.js';
import { ClientConsumerElement } from '../internal/client-consumer.js';
import { defineElement } from '../internal/define-element.js';
import { localeOf, timeFormatter } from '../internal/locale.js';
import type { RTChatStrings } from '../strings.js';
import { deliveryOf, MessageHistory, type ChatLine, type SystemLine } from './message-history.js';
import { messageLogStyles } from './message-log.styles.js';

/** How close to the bottom (px) still counts as reading the newest messages. */
const STICK_PX = 24;

/**
 * The conversation of a room: messages with sender, time and delivery, our own set apart
 * from others', and system lines (joined, left, verified, verification failed). Shows the
 * nearest `<rt-chat-room>`'s client, or the one set as its `client` property.
 *
 * Names and messages are shown as text, never interpreted as HTML. Times use `Intl` in the
 * language of the closest `[lang]` ancestor. The log is a polite live region and stays
 * scrolled to the newest message unless the reader scrolled up. Only the last `limit`
 * lines are kept.
 *
 * @tagname rt-message-log
 * @summary A room's messages and events, as an accessible live log.
 *
 * @csspart base - The scrolling log (role="log").
 * @csspart lines - The list of lines.
 * @csspart message - One chat message; also has part `own` (ours) or `other` (a peer's).
 * @csspart own - Our own message.
 * @csspart other - A peer's message.
 * @csspart sender - The sender's name.
 * @csspart direct - Marks a direct (one-to-one) message.
 * @csspart time - When the message was sent or received.
 * @csspart body - The message text.
 * @csspart delivery - Delivery of our own message (sent, delivered).
 * @csspart system - A system line (joined, left, verified, verification failed).
 * @csspart empty - The text shown before the first message.
 *
 * @cssprop --rt-accent - Background of our own messages.
 * @cssprop --rt-accent-text - Text of our own messages.
 * @cssprop --rt-background - Background colour.
 * @cssprop --rt-surface - Background of others' messages.
 * @cssprop --rt-text - Text colour.
 * @cssprop --rt-muted - Secondary text (time, system lines).
 * @cssprop --rt-warning - Key-changed warnings.
 * @cssprop --rt-danger - Verification failures.
 * @cssprop --rt-radius - Corner radius of messages.
 * @cssprop --rt-font - Font family.
 * @cssprop --rt-font-size - Base font size.
 * @cssprop --rt-spacing - Base spacing unit.
 * @cssprop --rt-focus - Focus ring colour.
 */
export class RTMessageLog extends ClientConsumerElement {
  static override styles = messageLogStyles;

  /**
   * Registers the element (no-op when `tag` is already defined).
   * @example RTMessageLog.define(); // <rt-message-log>
   */
  static define(tag = 'rt-message-log', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** The most lines kept and shown; older ones are dropped. */
  @property({ type: Number }) limit = 500;

  private readonly history = new MessageHistory();
  /** Peers announced as joined, so "left" is only said of those. */
  private joined = new WeakSet<Peer>();
  /** Whether the client's stored conversation (earlier visits) is shown. */
  private historyShown = false;
  /** Whether the reader was at the newest line before this update. */
  private stick = true;

  @query('.log') private logElement?: HTMLElement;

  protected override get clientEvents() {
    return ['chatmessage', 'chatsent', 'delivered', 'peerconnected', 'verified', 'verificationfailed', 'peerdisconnected', 'brokerstatus'] as const;
  }

  protected override clientChanged(next: ChatClient, previous: ChatClient | undefined): void {
    this.joined = new WeakSet();
    this.historyShown = false;
    if (previous) this.history.addSystem('rejoined');
    this.showStoredHistory(next);
  }

  /**
   * Shows what the client kept from earlier visits. The client has it once it joined, which
   * no event marks, so this is tried on each event until the client is connected.
   */
  private showStoredHistory(client: ChatClient): void {
    if (this.historyShown) return;
    const records = client.history;
    if (!records.length && client.state !== 'connected') return;
    this.historyShown = true;
    for (const r of records) {
      const own = r.from === null;
      const other = own ? r.to : r.from;
      this.history.addMessage({
        id: r.id,
        own,
        sender: r.from ? labelOf(r.from) : '',
        text: r.text,
        time: r.sentAt,
        direct: r.direct,
        ...(own && other ? { to: labelOf(other) } : {}),
        recipients: r.sentTo.length,
        complete: r.sentTo.every((key) => r.deliveredTo.includes(key)),
      });
    }
  }

  protected override handleClientEvent(event: Event): void {
    const h = this.history;
    if (this.client) this.showStoredHistory(this.client);
    switch (event.type) {
      case 'chatmessage': {
        const e = event as ChatMessageEvent;
        h.addMessage({ id: e.id, own: false, sender: e.peer.label, text: e.text, time: e.sentAt, direct: e.direct, recipients: 0, complete: false });
        break;
      }
      case 'chatsent': {
        const e = event as ChatSentEvent;
        const to = e.to ? { to: e.to.label } : {};
        h.addMessage({ id: e.id, own: true, sender: '', text: e.text, time: e.sentAt, direct: !!e.to, ...to, recipients: e.recipients.length, complete: false });
        break;
      }
      case 'delivered': {
        const e = event as DeliveredEvent;
        if (e.complete) h.markDelivered(e.id);
        break;
      }
      case 'peerconnected': {
        const e = event as PeerConnectedEvent;
        this.joined.add(e.peer);
        h.addSystem('joined', e.peer.label);
        break;
      }
      case 'verified': {
        const e = event as VerifiedEvent;
        h.addSystem(e.trust === 'key-changed' ? 'key-changed' : 'verified', e.peer.label);
        break;
      }
      case 'verificationfailed': {
        const e = event as VerificationFailedEvent;
        this.joined.delete(e.peer); // the failure line says it all
        h.addSystem('verification-failed', e.peer.label, e.reason);
        break;
      }
      case 'peerdisconnected': {
        const e = event as PeerDisconnectedEvent;
        if (this.joined.delete(e.peer)) h.addSystem('left', e.peer.label);
        break;
      }
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('limit')) {
      this.history.limit = this.limit;
      this.history.trim();
    }
    const log = this.logElement;
    this.stick = !log || log.scrollHeight - log.scrollTop - log.clientHeight <= STICK_PX;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const log = this.logElement;
    if (log && this.stick) log.scrollTop = log.scrollHeight;
  }

  protected override render() {
    const t = this.text;
    const time = timeFormatter(localeOf(this));
    const lines = this.history.lines;
    return html`<div part="base" class="log" role="log" aria-live="polite" aria-label=${t.logLabel} tabindex="0">
      ${lines.length
        ? html`<ol part="lines">
            ${repeat(
              lines,
              (line) => line.key,
              (line) => (line.kind === 'message' ? this.renderMessage(line, t, time) : renderSystem(line, t)),
            )}
          </ol>`
        : html`<p part="empty" class="empty">${t.emptyLog}</p>`}
    </div>`;
  }

  private renderMessage(line: ChatLine, t: RTChatStrings, time: Intl.DateTimeFormat) {
    const when = new Date(line.time);
    const delivery = deliveryOf(line);
    return html`<li part="message ${line.own ? 'own' : 'other'}" class="message ${line.own ? 'own' : 'other'}">
      <div class="meta">
        <span part="sender" class="sender">${line.own ? t.you : line.sender}</span>
        ${line.direct ? html`<span part="direct" class="direct">${line.own ? t.toPeer(line.to ?? '') : t.toYouOnly}</span>` : nothing}
        <time part="time" class="time" datetime=${when.toISOString()}>${time.format(when)}</time>
      </div>
      <p part="body" class="body">${line.text}</p>
      ${line.own
        ? html`<div class="meta">
            <span part="delivery" class="status" data-delivery=${delivery}>
              ${delivery === 'delivered' ? t.statusDelivered : delivery === 'sent' ? t.statusSent : t.statusNobody}
            </span>
          </div>`
        : nothing}
    </li>`;
  }
}

/** "Alice", or "Alice (2)" for a second tab (as Peer.label). */
const labelOf = (who: { name: string; tab: number }) => (who.tab > 1 ? `${who.name} (${who.tab})` : who.name);

function renderSystem(line: SystemLine, t: RTChatStrings) {
  const tone = line.what === 'key-changed' ? 'warning' : line.what === 'verification-failed' ? 'danger' : 'info';
  return html`<li part="system" class="system ${tone}" data-what=${line.what}>${systemText(line, t)}</li>`;
}

function systemText(line: SystemLine, t: RTChatStrings): string {
  switch (line.what) {
    case 'joined':
      return t.joined(line.name);
    case 'left':
      return t.left(line.name);
    case 'verified':
      return t.verified(line.name);
    case 'key-changed':
      return t.keyChanged(line.name);
    case 'verification-failed':
      return t.verificationFailed(line.name, line.reason ?? '');
    case 'rejoined':
      return t.rejoined;
  }
}
