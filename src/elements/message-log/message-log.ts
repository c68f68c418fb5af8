import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import {
  toBase64Url,
  type ChatMessageEvent,
  type ChatSentEvent,
  type DeliveredEvent,
  type FileEndEvent,
  type FileOfferEvent,
  type FileProgressEvent,
  type FileReceivedEvent,
  type FileSentEvent,
  type HistoryMessageEvent,
  type NameWarning,
  type Peer,
  type PeerConnectedEvent,
  type PeerDisconnectedEvent,
  type ReactionEvent,
  type TrustChangeEvent,
  type TypingEvent,
  type VerificationFailedEvent,
  type VerifiedEvent,
} from '../../core/index.js';
import type { ChatClient } from '../context.js';
import { ClientController } from '../internal/client-controller.js';
import { defineElement } from '../internal/define-element.js';
import { localeOf, timeFormatter } from '../internal/locale.js';
import { nextFrame } from '../internal/next-frame.js';
import { shownName } from '../internal/shown-name.js';
import { earlierLine, storedEarlier } from './earlier.js';
import { withStrings, type RTChatStrings } from '../strings.js';
import { avatarColour, initialsOf } from './avatar.js';
import { clipText } from './clip.js';
import { dayLabel, dayOf } from './days.js';
import { layoutOf, type Row } from './layout.js';
import { LineWindow } from './line-window.js';
import { renderFileLine, type FileViewContext } from './file-view.js';
import { deliveryOf, MessageHistory, type ChatLine, type FileLine, type LogLine, type SystemLine } from './message-history.js';
import { messageLogStyles } from './message-log.styles.js';
import { splitLinks } from './links.js';
import { RovingItems } from './roving-items.js';
import { renderReactions } from './reactions-view.js';
import { TypingPeople } from './typing-people.js';

/** How close to the bottom (px) still counts as reading the newest messages. */
const STICK_PX = 24;
/** How close to an edge of the rendered rows (px) the reader scrolls before more are rendered there. */
const EDGE_PX = 800;
/** The most new lines read out at once: a burst (a flood, a reconnect) is not read line by line. */
const ANNOUNCE_MAX = 3;

/**
 * The conversation of a room: messages with sender, time and delivery, our own set apart
 * from others', direct messages marked with who they were for, reactions, files, and system
 * lines (joined, left, verified, verification failed). Below the log, who is typing. Shows
 * the nearest `<rt-chat-room>`'s client, or the one set as its `client` property.
 *
 * Names, messages and file names are shown as text, never interpreted as HTML. Times use
 * `Intl` in the language of the closest `[lang]` ancestor. New lines from others are read
 * out by a polite live region of their own (the three newest of a burst), and the log stays
 * scrolled to the newest message unless the reader scrolled up. Only the last `limit` lines
 * are kept, and of those only a window of a few hundred around what the reader looks at is
 * in the document (more render as they scroll or key towards them: see line-window.ts), a long message shows its first 1,000 characters (or 15 lines)
 * with "Show more", and the log draws at most once per frame however many messages arrive:
 * a peer that floods the room cannot make the page stop answering.
 *
 * Files: a peer's offer shows its name and size with Accept / Decline; a transfer shows a
 * progress bar and Cancel on both sides; a received file gets a link that saves it (and a
 * small preview for images) under a name whose extension matches its type, so the system
 * never opens it as something that runs (`x.html` saves as `x.html.bin`). Object URLs are revoked when their line is dropped or the log
 * leaves the document.
 *
 * Messages of one sender within a minute form a group: the name, avatar and time are shown
 * once. Each day starts with a separator. http(s) addresses in messages are links that open
 * in a new tab (`rel="noopener noreferrer"`); no other scheme becomes a link.
 *
 * Keyboard: the log is one Tab stop. Up / Down move between lines, Home / End to the first
 * and last; Enter (or F2) on a line lets Tab reach its buttons and links, Escape goes back to
 * the line. If the reader scrolled up when messages arrive, "New messages ↓" takes them to
 * the newest; their own messages and files are always brought into view.
 *
 * Reactions: each message has a button that opens quick emoji (👍 ❤️ 😂 😮 😢 🎉) and a field
 * for any other; each emoji given shows with its count and, as its name, who gave it.
 * Pressing your own reaction again takes it back.
 *
 * @tagname rt-message-log
 * @summary A room's messages, files, reactions and events, as an accessible live log.
 *
 * @csspart base - The scrolling log (role="log").
 * @csspart lines - The list of lines.
 * @csspart message - One chat message; also has part `own` (ours) or `other` (a peer's), and `continued` when it follows a message of the same sender in the same minute (no name, avatar or time).
 * @csspart avatar - A sender's picture, once per group of messages: the initials on a colour that comes from their key, or the `<img>` from `avatarFor`.
 * @csspart date-separator - Before the first line of each day: "Today", "Yesterday" or the date.
 * @csspart link - An http(s) address in a message, opened in a new tab.
 * @csspart new-messages - The "New messages ↓" button shown when messages arrive while the reader is scrolled up; it scrolls to the newest.
 * @csspart own - Our own message or file.
 * @csspart other - A peer's message or file.
 * @csspart sender - The sender's name.
 * @csspart name-warning - Beside a sender's name when it may mislead (pinned to another key, a look-alike, mixed alphabets); `data-warning` says which.
 * @csspart direct - Marks a direct (one-to-one) message: "to you only", or "to Alice only" on ours.
 * @csspart time - When the message was sent or received.
 * @csspart body - The message text.
 * @csspart show-more - Under a long message: shows all of it, or its start again (`aria-expanded`).
 * @csspart delivery - Delivery of our own message: ✓ sent, ✓✓ delivered (named for screen readers), or "not sent".
 * @csspart reactions - The reactions row of a message.
 * @csspart reaction - One emoji given, with its count (`aria-pressed` when it includes ours).
 * @csspart react-button - Opens the reaction picker; shown while the message is hovered or has the focus (always on touch screens).
 * @csspart reaction-picker - The quick emoji and the field for any other.
 * @csspart quick-reaction - One quick emoji in the picker.
 * @csspart emoji-input - The field for any other emoji.
 * @csspart emoji-submit - Adds the emoji typed in that field.
 * @csspart file - One file line; also has part `own` or `other`.
 * @csspart file-name - The file's name and size.
 * @csspart transfer - The transfer to or from one peer.
 * @csspart transfer-peer - Who our file goes to.
 * @csspart file-status - The transfer's state (waiting, sending, received…).
 * @csspart progress - The transfer's progress bar.
 * @csspart accept-button - Accepts a file offer.
 * @csspart decline-button - Declines a file offer.
 * @csspart cancel-button - Cancels a transfer.
 * @csspart download - The link that saves a received file.
 * @csspart preview - A received image, small.
 * @csspart system - A system line (joined, left, verified, verification failed).
 * @csspart empty - The text shown before the first message.
 * @csspart typing - Who is typing, below the log (empty while nobody types).
 *
 * @cssprop --rt-accent - Background of our own messages; outline of our own files.
 * @cssprop --rt-accent-text - Text of our own messages.
 * @cssprop --rt-background - Background colour.
 * @cssprop --rt-surface - Background of others' messages, files and reactions.
 * @cssprop --rt-text - Text colour.
 * @cssprop --rt-muted - Secondary text (time, system lines, typing, file states).
 * @cssprop --rt-border - Border of reactions and buttons.
 * @cssprop --rt-success - A file sent or received.
 * @cssprop --rt-warning - Key-changed warnings.
 * @cssprop --rt-danger - Verification failures, failed transfers.
 * @cssprop --rt-radius - Corner radius of messages.
 * @cssprop --rt-font - Font family.
 * @cssprop --rt-font-size - Base font size.
 * @cssprop --rt-spacing - Base spacing unit.
 * @cssprop --rt-focus - Focus ring colour.
 * @cssprop --rt-avatar-size - Size of the avatars (default 2rem).
 * @cssprop --rt-avatar-text - Colour of the initials (default white: every avatar colour keeps 4.5:1 with it).
 */
export class RTMessageLog extends LitElement {
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

  /**
   * A picture for a sender, instead of their initials: called with the sender's identity key
   * (base64url) and label; return an image URL, or null for the initials. The image is
   * decorative (`alt=""`): the name is beside it.
   */
  @property({ attribute: false }) avatarFor: ((key: string, name: string) => string | null) | undefined;

  private readonly history = new MessageHistory(500, (line) => this.dropped(line));
  /** Peers announced as joined, so "left" is only said of those. */
  private joined = new WeakSet<Peer>();
  /** Whether the client's stored conversation (earlier visits) is shown. */
  private historyShown = false;
  /** When the shown client joined: shared history goes above this (the presence line). */
  private presenceSince = 0;
  /** Whether the reader was at the newest line before this update. */
  private stick = true;
  /** Where the log was scrolled when we last knew: its last scroll event, or our own scrolling. */
  private knownScrollTop = 0;
  /** Object URLs of received files, by line key. */
  private readonly urls = new Map<string, string>();
  /** Display labels by identity key (base64url), for "who reacted". */
  private names = new Map<string, string>();
  /** Counts changes of `names`: a message line is drawn again only when what it shows changed. */
  private namesChanged = 0;
  private readonly typing = new TypingPeople();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Keeps the newest line in view when the log's box changes (e.g. the composer grows). */
  private readonly resizes = new ResizeObserver(() => this.scrollIfStuck());
  /** The line (key) whose reaction picker is open: two messages may share an id. */
  @state() private picker: string | null = null;
  /** Long messages the reader opened with "Show more", by line key. */
  private readonly expanded = new Set<string>();
  /** The shown start of each long message (null: short enough to show whole); a line's text never changes. */
  private readonly clips = new WeakMap<ChatLine, string | null>();

  @query('.log') private logElement?: HTMLElement;
  /** Messages arrived below while the reader was scrolled up. */
  @state() private unseen = false;
  /** The key of the newest line drawn, to tell which lines are new. */
  private newestKey: string | null = null;
  /** One Tab stop for all lines; arrows move between them. */
  private readonly roving = new RovingItems(this);
  /** Which rows are in the document: a few hundred of up to `limit`. */
  private readonly rowWindow = new LineWindow();
  /** The rows of the last render, all of them (the window is a part). */
  private rows: Row[] = [];
  /** A line in view and its distance from the log's top, kept in place while rows come and go around it. */
  private anchor: { key: string; top: number } | null = null;
  /** What the live region says: the newest lines from others, at most ANNOUNCE_MAX. */
  private announced: { key: string; text: string }[] = [];

  private readonly clients = new ClientController(this, {
    events: [
      'chatmessage',
      'historymessage',
      'chatsent',
      'delivered',
      'peerconnected',
      'verified',
      'trustchange',
      'verificationfailed',
      'peerdisconnected',
      'joined',
      'fileoffer',
      'filesent',
      'fileprogress',
      'filereceived',
      'fileend',
      'typing',
      'reaction',
    ],
    onEvent: (event) => this.handleClientEvent(event),
    onClientChange: (next, previous) => this.clientChanged(next, previous),
  });

  /** Replacement UI strings (see `RTChatStrings`); entries left out stay English. */
  @property({ attribute: false }) strings: Partial<RTChatStrings> = {};

  /**
   * The RTChatClient to show. By default the client of the nearest `<rt-chat-room>` above
   * this element (slotted or nested, even in shadow roots); set it to use a client directly.
   */
  @property({ attribute: false })
  get client(): ChatClient | undefined {
    return this.clients.client;
  }
  set client(value: ChatClient | undefined) {
    this.clients.client = value;
  }

  /** The strings in effect: the defaults with `strings` applied. */
  private get text(): RTChatStrings {
    return withStrings(this.strings);
  }

  private clientChanged(next: ChatClient, previous: ChatClient | undefined): void {
    this.joined = new WeakSet();
    this.names = new Map();
    this.typing.clear();
    this.picker = null;
    this.historyShown = false;
    if (previous) this.history.addSystem('rejoined');
    this.showStoredHistory(next);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.logElement) this.resizes.observe(this.logElement);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizes.disconnect();
    clearTimeout(this.typingTimer);
    // Links are made again when the log is back in a document; none outlive it.
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
  }

  /**
   * Shows what the client kept from earlier visits. The client has it once it joined, which
   * it says with `joined` (`id` set from then on).
   */
  private showStoredHistory(client: ChatClient): void {
    if (this.historyShown || !client.id) return;
    const records = client.history;
    this.historyShown = true;
    this.presenceSince = Date.now();
    for (const r of records) {
      const own = r.from === null;
      const other = own ? r.to : r.from;
      if (other) this.names.set(other.key, labelOf(other));
      this.namesChanged++;
      this.history.addMessage({
        id: r.id,
        from: r.from?.key ?? null,
        own,
        sender: r.from ? labelOf(r.from) : '',
        text: r.text,
        time: r.sentAt,
        direct: r.direct,
        ...(own && other ? { to: labelOf(other) } : {}),
        recipients: r.sentTo.length,
        complete: r.sentTo.every((key) => r.deliveredTo.includes(key)),
        ...(r.reactions ? { reactions: r.reactions } : {}),
        ...storedEarlier(r, client.trust),
      });
    }
  }

  private handleClientEvent(event: Event): void {
    const h = this.history;
    const peer = (event as Event & { peer?: Peer | null }).peer;
    if (peer && this.names.get(peer.key) !== this.shown(peer)) {
      this.names.set(peer.key, this.shown(peer));
      this.namesChanged++;
    }
    switch (event.type) {
      case 'chatmessage': {
        const e = event as ChatMessageEvent;
        this.typing.stop(e.peer.id); // the message they were typing is here
        const warning = e.peer.nameWarning ?? (e.peer.trust === 'key-changed' ? 'key-changed' : null);
        h.addMessage({
          id: e.id,
          from: e.peer.key,
          own: false,
          sender: this.shown(e.peer, false),
          ...(warning ? { warning } : {}),
          text: e.text,
          time: e.sentAt,
          direct: e.direct,
          recipients: 0,
          complete: false,
        });
        break;
      }
      case 'historymessage':
        h.addEarlier(earlierLine(event as HistoryMessageEvent), this.presenceSince);
        break;
      case 'chatsent': {
        const e = event as ChatSentEvent;
        const to = e.to ? { to: this.shown(e.to) } : {};
        h.addMessage({ id: e.id, from: null, own: true, sender: '', text: e.text, time: e.sentAt, direct: !!e.to, ...to, recipients: e.recipients.length, complete: false });
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
        h.addSystem('joined', this.shown(e.peer));
        break;
      }
      case 'verified': {
        const e = event as VerifiedEvent;
        if (e.peer.ownTab) break; // "You (another tab) joined." says it: there is nothing to verify about ourselves
        h.addSystem(warningLine(e.peer.nameWarning) ?? (e.trust === 'key-changed' ? 'key-changed' : 'verified'), this.shown(e.peer, false));
        break;
      }
      case 'trustchange': {
        const e = event as TrustChangeEvent;
        // Said once per change: a name that now misleads, or a key the user now trusts.
        const warned = warningLine(e.warning);
        if (warned && e.warning !== e.previousWarning) h.addSystem(warned, this.shown(e.peer, false));
        else if (e.trust === 'trusted' && e.previousTrust !== 'trusted') h.addSystem('trusted', this.shown(e.peer, false));
        break;
      }
      case 'verificationfailed': {
        const e = event as VerificationFailedEvent;
        this.joined.delete(e.peer); // the failure line says it all
        h.addSystem('verification-failed', this.shown(e.peer), e.reason);
        break;
      }
      case 'peerdisconnected': {
        const e = event as PeerDisconnectedEvent;
        this.typing.stop(e.peer.id);
        if (this.joined.delete(e.peer)) h.addSystem('left', this.shown(e.peer));
        break;
      }
      case 'joined':
        if (this.client) this.showStoredHistory(this.client);
        break;
      case 'fileoffer':
      case 'fileprogress':
      case 'filereceived': // the end of an incoming transfer that succeeded
      case 'fileend': {
        const e = event as FileOfferEvent | FileProgressEvent | FileReceivedEvent | FileEndEvent;
        h.addTransfer(e.transfer, this.shown(e.peer));
        break;
      }
      case 'filesent': {
        const e = event as FileSentEvent;
        for (const t of e.transfers) {
          const to = this.client?.getPeer(t.peerId);
          h.addTransfer(t, to ? this.shown(to) : '', e.to ? this.shown(e.to) : undefined);
        }
        break;
      }
      case 'typing': {
        const e = event as TypingEvent;
        // The client only hears typing from verified peers; checked again all the same.
        if (e.peer.verified) this.typing.see(e.peer.id, this.shown(e.peer));
        this.scheduleTypingCheck();
        break;
      }
      case 'reaction': {
        const e = event as ReactionEvent;
        const who = e.peer ? e.peer.key : this.ownKey;
        if (who) h.react(e.messageId, who, e.emoji, e.on);
        break;
      }
    }
  }

  /**
   * A peer's name in a line: "You (another tab)" for our own other tab, else its name, with
   * its tab number only while the same person is here in another tab too (as the peer
   * list shows it), marked when the name may mislead (`marked`; the warning lines say it
   * themselves).
   */
  private shown(peer: Peer, marked = true): string {
    if (peer.ownTab) return this.text.ownTab;
    const twoTabs = this.client?.peers.some((p) => p !== peer && p.key === peer.key && p.state !== 'closed') ?? false;
    const label = twoTabs ? peer.label : peer.name;
    return marked ? shownName({ label, nameWarning: peer.nameWarning, trust: peer.trust }) : label;
  }

  /** Our identity key (base64url), once the client has joined. */
  private get ownKey(): string | null {
    const key = this.client?.publicKey;
    return key ? toBase64Url(key) : null;
  }

  private nameOf(key: string): string {
    if (key === this.ownKey) return this.text.you;
    const peer = this.client?.peers.find((p) => p.key === key);
    return this.names.get(key) ?? (peer ? this.shown(peer) : this.text.someone);
  }

  /** Redraws when the next typist stops counting as typing. */
  private scheduleTypingCheck(): void {
    clearTimeout(this.typingTimer);
    const wait = this.typing.nextChange();
    if (wait !== null && this.isConnected) this.typingTimer = setTimeout(() => (this.requestUpdate(), this.scheduleTypingCheck()), wait + 20);
  }

  private dropped(line: LogLine): void {
    if (this.picker === line.key) this.picker = null;
    this.expanded.delete(line.key);
    const url = this.urls.get(line.key);
    if (url) URL.revokeObjectURL(url);
    this.urls.delete(line.key);
  }

  private urlFor(line: FileLine, file: File): string {
    let url = this.urls.get(line.key);
    if (!url) this.urls.set(line.key, (url = URL.createObjectURL(file)));
    return url;
  }

  private react(id: string, emoji: string, on: boolean): boolean {
    try {
      this.client?.react(id, emoji, on);
      return true;
    } catch {
      return false; // not one emoji: the client refuses it, and nothing is shown
    }
  }

  private async focusReactButton(line: ChatLine): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-key="${line.key}"] .react-button`)?.focus();
  }

  private async togglePicker(line: ChatLine): Promise<void> {
    this.picker = this.picker === line.key ? null : line.key;
    if (this.picker === null) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-key="${line.key}"] .quick`)?.focus();
  }

  private closePicker(line: ChatLine): void {
    this.picker = null;
    void this.focusReactButton(line);
  }

  private renderReactionsOf(line: ChatLine, t: RTChatStrings) {
    return renderReactions(line, {
      t,
      ownKey: this.ownKey,
      open: this.picker === line.key,
      nameOf: (key) => this.nameOf(key),
      react: (emoji, on) => this.react(line.id, emoji, on),
      togglePicker: () => void this.togglePicker(line),
      pick: (emoji) => {
        this.react(line.id, emoji, true);
        this.closePicker(line);
      },
      submitOther: (e) => {
        e.preventDefault();
        const input = (e.target as HTMLFormElement).querySelector('input');
        if (!input) return;
        const value = input.value.trim();
        if (value && this.react(line.id, value, true)) this.closePicker(line);
        else input.setAttribute('aria-invalid', 'true');
      },
      pickerKey: (e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        this.closePicker(line);
      },
    });
  }

  /**
   * Renders at the next frame: a burst of events (a flood, a pasted list, a reconnect's
   * outbox) becomes one render and one layout per frame, not one per message.
   */
  protected override async scheduleUpdate(): Promise<void> {
    await nextFrame();
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('limit')) {
      this.history.limit = this.limit;
      this.history.trim();
    }
    const log = this.logElement;
    this.stick = !log || (this.rowWindow.atNewest && log.scrollHeight - log.scrollTop - log.clientHeight <= STICK_PX);
    const added = this.newLines();
    // Our own message or file is always brought into view; others' only if we were there.
    if (added.some((line) => line.kind !== 'system' && line.own)) {
      this.stick = true;
      this.knownScrollTop = 0; // brought into view wherever the reader was
      this.rowWindow.toNewest(this.rows);
    }
    if (this.stick) this.unseen = false;
    else if (added.some((line) => line.kind !== 'system')) this.unseen = true;
    this.anchor = this.stick ? null : this.lineInView();
    this.announce(added);
  }

  /**
   * The live region's text: the newest lines from others (ours are not read back to us).
   * The log itself is not a live region: rows that enter it as the reader scrolls are old.
   */
  private announce(added: LogLine[]): void {
    const t = this.text;
    const said = added.filter((line) => !(line.kind !== 'system' && line.own)).slice(-ANNOUNCE_MAX);
    if (!said.length) return;
    const texts = said.map((line) => ({
      key: line.key,
      text: line.kind === 'system' ? systemText(line, t) : line.kind === 'message' ? `${line.sender}: ${clipText(line.text) ?? line.text}` : `${line.sender}: ${line.name}`,
    }));
    this.announced = [...this.announced, ...texts].slice(-ANNOUNCE_MAX);
  }

  /** The first line whose bottom is below the log's top, and how far its top is from it. */
  private lineInView(): { key: string; top: number } | null {
    const log = this.logElement;
    if (!log) return null;
    const top = log.getBoundingClientRect().top;
    for (const li of this.renderRoot.querySelectorAll<HTMLElement>('li[data-key]')) {
      const box = li.getBoundingClientRect();
      if (box.bottom > top) return { key: li.dataset.key ?? '', top: box.top - top };
    }
    return null;
  }

  /** Puts the anchor line back where it was after rows came or went above it. */
  private holdAnchor(): void {
    const log = this.logElement;
    const anchor = this.anchor;
    this.anchor = null;
    if (!log || !anchor) return;
    const li = this.renderRoot.querySelector<HTMLElement>(`li[data-key="${CSS.escape(anchor.key)}"]`);
    if (!li) return;
    const moved = li.getBoundingClientRect().top - log.getBoundingClientRect().top - anchor.top;
    if (Math.abs(moved) >= 1) log.scrollTop += moved;
  }

  /** Lines added since the last render (newest last). */
  private newLines(): LogLine[] {
    const lines = this.history.lines;
    const newest = lines.at(-1)?.key ?? null;
    if (newest === this.newestKey) return [];
    let i = lines.length;
    while (i > 0 && lines[i - 1].key !== this.newestKey) i--;
    const previous = this.newestKey;
    this.newestKey = newest;
    return previous === null || i === 0 ? [...lines] : lines.slice(i);
  }

  protected override firstUpdated(): void {
    if (this.logElement) this.resizes.observe(this.logElement);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.roving.sync();
    if (!this.stick) this.holdAnchor();
    this.scrollIfStuck();
  }

  /**
   * The reader scrolled: whether they are at the newest line decides if the log follows;
   * near an edge of the rendered rows, more are rendered there.
   */
  private onScroll(): void {
    const log = this.logElement;
    if (!log) return;
    this.knownScrollTop = log.scrollTop;
    const below = log.scrollHeight - log.scrollTop - log.clientHeight;
    this.stick = this.rowWindow.atNewest && below <= STICK_PX;
    if (this.stick && this.unseen) this.unseen = false;
    if (log.scrollTop < EDGE_PX && this.rowWindow.earlier(this.rows)) this.requestUpdate();
    else if (below < EDGE_PX && this.rowWindow.later(this.rows)) this.requestUpdate();
  }

  /** "New messages ↓": to the newest line, and follow from there. */
  private showNewest(): void {
    this.stick = true;
    this.unseen = false;
    if (!this.rowWindow.atNewest) {
      this.rowWindow.toNewest(this.rows);
      this.requestUpdate();
    }
    this.scrollIfStuck();
  }

  /**
   * Keys that go past the rendered rows: Up on the first one or Home render earlier rows,
   * Down on the last one or End later ones, then the focus moves as it would have.
   */
  private onLogKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    const w = this.rowWindow;
    if (!e.defaultPrevented && !e.altKey && !e.ctrlKey && !e.metaKey && target.matches('li[data-key]')) {
      const items = [...this.renderRoot.querySelectorAll<HTMLElement>('li[data-key]')];
      const at = items.indexOf(target);
      const key = target.dataset.key ?? '';
      let go: (() => boolean) | null = null;
      let then: (keys: HTMLElement[]) => HTMLElement | undefined = () => undefined;
      if (e.key === 'Home' && w.hiddenBefore > 0) {
        go = () => (w.toOldest(this.rows), true);
        then = (all) => all[0];
      } else if (e.key === 'End' && !w.atNewest) {
        go = () => (w.toNewest(this.rows), (this.stick = true));
        then = (all) => all.at(-1);
      } else if (e.key === 'ArrowUp' && at === 0 && w.hiddenBefore > 0) {
        go = () => w.earlier(this.rows);
        then = (all) => all[all.findIndex((li) => li.dataset.key === key) - 1];
      } else if (e.key === 'ArrowDown' && at === items.length - 1 && w.hiddenAfter > 0) {
        go = () => w.later(this.rows);
        then = (all) => all[all.findIndex((li) => li.dataset.key === key) + 1];
      }
      if (go?.()) {
        e.preventDefault();
        this.requestUpdate();
        void this.updateComplete.then(() => this.roving.focusItem(then([...this.renderRoot.querySelectorAll<HTMLElement>('li[data-key]')])));
        return;
      }
    }
    this.roving.keydown(e);
  }

  private scrollIfStuck(): void {
    const log = this.logElement;
    if (!log || !this.stick) return;
    // The reader scrolled up and the scroll event is still to come: Firefox runs resize
    // observers (and so this) before it. Where they are counts, not `stick` from before:
    // else the log would pull them back to the newest line.
    if (log.scrollTop < this.knownScrollTop - 1 && log.scrollHeight - log.scrollTop - log.clientHeight > STICK_PX) {
      this.onScroll();
      return;
    }
    log.scrollTop = log.scrollHeight;
    this.knownScrollTop = log.scrollTop;
  }

  protected override render() {
    const t = this.text;
    const locale = localeOf(this);
    const time = timeFormatter(locale);
    const lines = this.history.lines;
    const files: FileViewContext = {
      t,
      time,
      locale,
      urlFor: (line, file) => this.urlFor(line, file),
      changed: () => this.requestUpdate(),
      imageLoaded: () => this.scrollIfStuck(),
    };
    const typing = this.typing.names();
    const ownKey = this.ownKey;
    const now = Date.now();
    const today = dayOf(now);
    const rows = (this.rows = layoutOf(lines));
    const [from, to] = this.rowWindow.range(rows, this.stick);
    // Empty, the log itself is the one Tab stop; with lines, the current line is, and the log
    // is taken out of the Tab order (Firefox would make a scrolling log a stop of its own).
    return html`<div class="frame">
        <div
          part="base"
          class="log"
          role="log"
          aria-live="off"
          aria-label=${t.logLabel}
          tabindex=${lines.length ? '-1' : '0'}
          @scroll=${this.onScroll}
          @keydown=${(e: KeyboardEvent) => this.onLogKey(e)}
          @focusin=${(e: FocusEvent) => this.roving.focusin(e)}
          @focusout=${(e: FocusEvent) => this.roving.focusout(e)}
        >
          ${
            lines.length
              ? html`<ol part="lines">
                ${repeat(
                  to - from === rows.length ? rows : rows.slice(from, to),
                  (row) => row.key,
                  (row) => {
                    if (row.kind === 'day')
                      return guard([row.day, today, this.strings, locale], () => html`<li part="date-separator" class="day">${dayLabel(row.time, now, locale, t)}</li>`);
                    const line = row.line;
                    // Drawn again only when something it shows changed: a frame's work grows with
                    // the lines that changed, not with the 500 kept. File lines follow live transfers.
                    if (line.kind === 'file') return renderFileLine(line, files);
                    if (line.kind === 'system') return guard([line, this.strings], () => renderSystem(line, t));
                    const shows = [
                      line,
                      row.head,
                      line.complete,
                      line.reactions,
                      this.picker === line.key,
                      this.expanded.has(line.key),
                      this.strings,
                      locale,
                      ownKey,
                      this.namesChanged,
                      this.avatarFor,
                    ];
                    return guard(shows, () => this.renderMessage(line, row.head, t, time));
                  },
                )}
              </ol>`
              : html`<p part="empty" class="empty">${t.emptyLog}</p>`
          }
        </div>
        ${this.unseen ? html`<button part="new-messages" class="new-messages" @click=${this.showNewest}>${t.newMessages}</button>` : nothing}
      </div>
      <div class="visually-hidden" aria-live="polite" data-announcer>${repeat(
        this.announced,
        (a) => a.key,
        (a) => html`<p>${a.text}</p>`,
      )}</div>
      <p part="typing" class="typing" role="status">${typing.length ? t.typing(typing) : ''}</p>`;
  }

  private toggleExpanded(line: ChatLine): void {
    if (!this.expanded.delete(line.key)) this.expanded.add(line.key);
    this.requestUpdate();
  }

  private renderAvatar(line: ChatLine) {
    if (line.own || !line.from) return nothing;
    const url = this.avatarFor?.(line.from, line.sender) ?? null;
    if (url) return html`<img part="avatar" class="avatar" src=${url} alt="" />`;
    return html`<span part="avatar" class="avatar" aria-hidden="true" style=${styleMap({ '--_avatar-colour': avatarColour(line.from) })}>${initialsOf(line.sender)}</span>`;
  }

  private renderMessage(line: ChatLine, head: boolean, t: RTChatStrings, time: Intl.DateTimeFormat) {
    const when = new Date(line.time);
    const delivery = deliveryOf(line);
    const expanded = this.expanded.has(line.key);
    let clipped = this.clips.get(line);
    if (clipped === undefined) this.clips.set(line, (clipped = clipText(line.text)));
    const side = line.own ? 'own' : 'other';
    return html`<li part="message ${side}${head ? '' : ' continued'}" class="message ${side}${head ? ' head' : ' continued'}" tabindex="-1" data-key=${line.key}>
      ${head ? this.renderAvatar(line) : nothing}
      <div class="meta ${head ? '' : 'visually-hidden'}">
        <span part="sender" class="sender">${line.own ? t.you : line.sender}</span>
        ${
          line.warning
            ? html`<span part="name-warning" class="name-warning" data-warning=${line.warning} title=${t.trustWarningHint(line.warning)}
              >⚠ ${line.warning === 'look-alike' ? t.trustLookAlike : line.warning === 'mixed-script' ? t.trustMixedScript : t.trustKeyChanged}</span
            >`
            : nothing
        }
        ${line.earlier?.trust === 'never-met' ? html`<span part="never-met" class="name-warning" title=${t.neverMetHint}>${t.neverMet}</span>` : nothing}
        ${line.direct ? html`<span part="direct" class="direct">${line.own ? t.toPeer(line.to ?? '') : t.toYouOnly}</span>` : nothing}
        <time part="time" class="time" datetime=${when.toISOString()}>${time.format(when)}</time>
      </div>
      <p part="body" class="body" id=${`body-${line.key}`}>${renderText(clipped === null || expanded ? line.text : clipped)}</p>
      ${
        clipped === null
          ? nothing
          : html`<button part="show-more" class="show-more" tabindex="-1" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${`body-${line.key}`} @click=${() => this.toggleExpanded(line)}>
            ${expanded ? t.showLess : t.showMore}
          </button>`
      }
      ${
        line.own
          ? html`<div class="meta">
            <span part="delivery" class="status" data-delivery=${delivery} title=${delivery === 'nobody' ? nothing : delivery === 'delivered' ? t.statusDelivered : t.statusSent}
              >${delivery === 'nobody' ? t.statusNobody : html`<span class="visually-hidden">${delivery === 'delivered' ? t.statusDelivered : t.statusSent}</span>`}</span
            >
          </div>`
          : nothing
      }
      ${this.renderReactionsOf(line, t)}
    </li>`;
  }
}

/** A message's text with its http(s) addresses as links; everything else stays text. */
function renderText(text: string) {
  if (!text.includes('://')) return text; // most messages: no address, no work
  const parts = splitLinks(text);
  if (parts.length === 1 && !parts[0].href) return text;
  return parts.map((p) => (p.href ? html`<a part="link" class="link" tabindex="-1" href=${p.href} target="_blank" rel="noopener noreferrer">${p.text}</a>` : p.text));
}

/** The name of a stored message's author: the tab of an earlier visit tells nobody anything. */
const labelOf = (who: { name: string }) => who.name;

/** The system line that warns about a peer's name, if any (mixed scripts only mark the name). */
const warningLine = (warning: NameWarning | null): 'key-changed' | 'look-alike' | null => (warning === 'key-changed' || warning === 'look-alike' ? warning : null);

function renderSystem(line: SystemLine, t: RTChatStrings) {
  const tone = line.what === 'key-changed' || line.what === 'look-alike' ? 'warning' : line.what === 'verification-failed' ? 'danger' : 'info';
  return html`<li part="system" class="system ${tone}" data-what=${line.what} tabindex="-1" data-key=${line.key}>${systemText(line, t)}</li>`;
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
    case 'look-alike':
      return t.lookAlike(line.name);
    case 'trusted':
      return t.nowTrusted(line.name);
    case 'verification-failed':
      return t.verificationFailed(line.name, line.reason ?? '');
    case 'rejoined':
      return t.rejoined;
    case 'presence':
      return t.presenceBegan;
  }
}
