import { ContextProvider, provide } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { RTChatClient, type ChatMessageEvent, type FileOfferEvent } from '../../core/index.js';
import type { RTComposer } from '../composer/composer.js';
import { clientContext, type ChatClient } from '../context.js';
import { ROOM_EVENTS } from '../events/room-event-map.js';
import { RTUnreadChangeEvent } from '../events/unread-change-event.js';
import { defineElement } from '../internal/define-element.js';
import { redispatchEvent } from '../internal/redispatch.js';
import { roomContext } from '../internal/room-context.js';
import { shownName } from '../internal/shown-name.js';
import { withStrings, type RTChatStrings } from '../strings.js';
import { chatRoomStyles } from './chat-room.styles.js';
import { RoomAttention } from './room-attention.js';
import { autoAcceptOf, clientOptions } from './room-options.js';

/** Properties whose change means a new client: the old one leaves, a new one joins. */
const JOIN_KEYS = ['room', 'topic', 'brokers', 'iceServers', 'secret', 'storage', 'askBeforeJoining', 'history'] as const;

/** Client events the room re-dispatches as its own. */
const REDISPATCHED = new Set<string>(ROOM_EVENTS);
/** Client events the room listens to: those, and what its header or attention follow. */
const CLIENT_EVENTS = [...new Set([...ROOM_EVENTS, 'namechange', 'peerstate', 'statechange', 'fileoffer', 'connectionrequest', 'requestchange'])];

/** Parts of the built-in peer list, message log and composer, exported as the room's own. */
const PEER_LIST_PARTS =
  'requests, prompt, prompt-text, accept-button, decline-button, not-now-label, not-now, not-now-peer, let-in-button, list, peer, peer-name, tab, state, badge, message-button, code-button, safety-code, trust-button, warning, empty: peer-list-empty';
const MESSAGE_LOG_PARTS = [
  'base: log, lines, message, own, other, sender, name-warning, direct, time, body, show-more, delivery, system, empty: message-log-empty, typing',
  'reactions, reaction, react-button, reaction-picker, quick-reaction, emoji-input, emoji-submit',
  'file, file-name, transfer, transfer-peer, file-status, progress, accept-button: file-accept-button, decline-button: file-decline-button, cancel-button, download, preview',
].join(', ');
const COMPOSER_PARTS = 'base: composer, direct-target, back-button, attach-button, input, send-button, hint, notice';

type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'problem';

const hasFiles = (data: DataTransfer | null): data is DataTransfer => !!data && [...data.types].includes('Files');

/**
 * A chat room: joins the room through MQTT brokers, connects to the peers in it over
 * WebRTC, verifies each one, and provides its client to the `<rt-peer-list>`,
 * `<rt-message-log>` and `<rt-composer>` elements below it.
 *
 * With no children it shows a complete chat: a header (room, your editable name,
 * connection status), the peer list, the message log and a composer (Enter sends,
 * Shift+Enter starts a new line; disabled, with the reason shown, while no peer is
 * verified). In a narrow room (under 36rem, a phone) the log takes most of the height: the
 * peer list folds into a one-line bar that unfolds it, connection requests stay in sight
 * above the log, controls are at least 44 px, and the safe-area insets of a notched phone
 * are kept clear. With children, it shows them instead and the page arranges the pieces; put an
 * `<rt-peer-list>` among them or handle `connectionrequest`, else nobody answers requests.
 *
 * The composer also sends files: its attach button, files dropped anywhere on the room (in
 * the built-in layout) or onto the composer, or an image pasted into the message field. A
 * peer's Message button in a `selectable` peer list turns the composers in the same room to
 * that peer only ("To: Alice"; Escape or "Back to the room" returns); messages and files then
 * go to that peer alone. Typing tells verified peers you are typing.
 *
 * Who meets whom (first contact): joining a room is consent to meet its members. A member
 * decides about each newcomer who knocks: the built-in peer list asks "Newt wants to join."
 * with Accept and Not now, unless `auto-accept` lets the newcomer in (by default, keys you
 * trusted under the name they show). The newcomer is not asked; its peer list shows "Waiting
 * for Ada to let you in…", then the connection, or "Ada said not now" (Ada may still let it
 * in from her Not now list). Your own other tabs connect without asking and show as "You
 * (another tab)". With `ask-before-joining`, the newcomer's person is asked too.
 *
 * The room counts messages that arrive while nobody can see them (`unread`, with an
 * `unreadchange` event): while the page is hidden or the room is not rendered (e.g. in a
 * collapsed widget). The count returns to 0 when the page becomes visible with the room
 * shown, when someone clicks or types in the room, or on `markRead()`. While nobody can see
 * the room, the page title starts with what waits there, "(2) ", connection requests
 * (`pendingRequests`) and unread messages together (with several rooms, their sum), and is
 * restored exactly once the room is seen; `no-title-badge` leaves the title alone. With
 * `notify`, a message that arrives while the page is hidden also shows a browser
 * notification; permission is asked at the first click or key press in the room.
 *
 * The client's events below come out of the room as its own DOM events: copies of the core's
 * classes (`ChatMessageEvent`, `VerifiedEvent`, …) with the same fields, bubbling and
 * composed. `preventDefault()` on a copy reaches the client.
 *
 * Changing `room`, `topic`, `brokers`, `ice-servers`, `secret`, `storage`, `history` or
 * `ask-before-joining` leaves the room and joins anew; changing `name` renames you and `auto-accept` changes the policy in
 * place. Removing the element from the document leaves the room.
 *
 * @tagname rt-chat-room
 * @summary A peer-to-peer, verified chat room: the client, its events, and a default layout.
 *
 * @slot - Your own arrangement of `<rt-peer-list>`, `<rt-message-log>`, `<rt-composer>` and markup. Without children, the built-in layout is shown.
 *
 * @fires {JoinedEvent} joined - The client joined the room (`id`, `roomTopic`); its stored conversation is there.
 * @fires {ConnectionRequestEvent} connectionrequest - A newcomer knocks (`initiator` true: it wants to join), or with `ask-before-joining` a member invites us (`initiator` false). Cancelable: call `preventDefault()` and decide with `event.accept()` / `event.reject()` ("Not now"); otherwise the peer list asks the user. Not fired for peers `auto-accept` admits, nor for our own other tabs.
 * @fires {RequestChangeEvent} requestchange - A connection request was accepted, answered "Not now", withdrawn (the peer left), let in later from `client.notNow`, or taken by a page listener (`request`).
 * @fires {KnockChangeEvent} knockchange - We are the newcomer: a member's person is deciding whether to let us in (`knock` `waiting`), said "Not now" (`not-now`), or let us in (null).
 * @fires {PeerConnectedEvent} peerconnected - The channel to a peer opened; its identity proof is under way.
 * @fires {VerifiedEvent} verified - A peer proved it holds its key (`trust`, `safetyCode`). Chat with it flows from now on.
 * @fires {TrustChangeEvent} trustchange - A verified peer's trust or name warning changed (a rename, the Trust action, another tab).
 * @fires {VerificationFailedEvent} verificationfailed - A peer's proof failed (`reason`); it was disconnected.
 * @fires {PeerDisconnectedEvent} peerdisconnected - A peer we agreed to connect to is gone (`reason`).
 * @fires {ChatMessageEvent} chatmessage - A message from a verified peer (`peer`, `text`, `direct`).
 * @fires {HistoryMessageEvent} historymessage - With `history="share"`: an earlier room message passed on by a verified peer and checked against its author's signature (`by`, `author`, `name`, `trust`, `text`, `sentAt`).
 * @fires {DeliveredEvent} delivered - A peer acknowledged one of our messages (`peer`, `id`; `complete` once every peer it was for has it).
 * @fires {FileOfferEvent} fileoffer - A peer offers us a file (`peer`, `transfer`: `accept()` / `decline()`).
 * @fires {FileSentEvent} filesent - We offered a file (`transfers`, one per peer; `to`).
 * @fires {BrokerStatusEvent} brokerstatus - A signaling broker's connection state changed.
 * @fires {FileProgressEvent} fileprogress - A file transfer to or from a peer moved on (`transfer.bytes` of `transfer.size`); at most every 100 ms, and at the end.
 * @fires {FileReceivedEvent} filereceived - A file from a peer arrived whole and matching its signed hash (`peer`, `transfer`, `file`).
 * @fires {ReactionEvent} reaction - Someone reacted to a message or took a reaction back (`peer`, null for you; `messageId`, `emoji`, `on`).
 * @fires {TypingEvent} typing - A verified peer is typing (repeated every few seconds while it types).
 * @fires {RTUnreadChangeEvent} unreadchange - The count of unseen messages changed (`unread`).
 * @fires {WeakSecretEvent} weaksecret - The `secret` is weak by an entropy estimate (`bits` under `threshold`): someone who sees the room on the broker can guess it offline. Fired while joining; the room joins all the same. Use `RTChatClient.createSecret()`.
 * @fires {RTPeerSelectEvent} peerselect - (from the peer list or the composer) A person chose a peer to write to directly, or went back to the room (`peer` null).
 *
 * @csspart base - The built-in layout.
 * @csspart header - The header: room name, own name, connection status.
 * @csspart room-name - The room's name.
 * @csspart name-field - The label around your name: its text and the field.
 * @csspart name-label - "Your name", the visible label of the name field.
 * @csspart name-input - The field with your own display name.
 * @csspart connection-status - Online, connecting, offline, or why the room cannot start.
 * @csspart peer-list - The built-in `<rt-peer-list>`.
 * @csspart peers-toggle - On a narrow room (under 36rem): the one-line bar ("2 people here") that unfolds the peer list. Folded, the list shows only connection requests.
 * @csspart message-log - The built-in `<rt-message-log>`.
 * @csspart composer - The built-in composer's message form.
 * @csspart direct-target - (composer) In direct-message mode: "To: Alice" and the way back.
 * @csspart back-button - (composer) Leaves direct-message mode.
 * @csspart attach-button - (composer) Opens the file chooser.
 * @csspart input - (composer) The message text area.
 * @csspart send-button - (composer) The send button.
 * @csspart hint - (composer) Why sending is disabled.
 * @csspart notice - (composer) What happened to files being sent (preparing, too large).
 * @csspart drop-zone - Shown over the room while files are dragged onto it.
 * @csspart requests - (peer list) The pending connection requests.
 * @csspart prompt - (peer list) One connection request.
 * @csspart prompt-text - (peer list) The request's sentence.
 * @csspart accept-button - (peer list) Accepts a request.
 * @csspart decline-button - (peer list) Answers a request "Not now".
 * @csspart not-now-label - (peer list) The heading of the Not now list.
 * @csspart not-now - (peer list) Knocks answered "Not now" whose person is still here.
 * @csspart not-now-peer - (peer list) One of them.
 * @csspart let-in-button - (peer list) Lets someone answered "Not now" in after all.
 * @csspart list - (peer list) The list of peers.
 * @csspart peer - (peer list) One peer.
 * @csspart peer-name - (peer list) A peer's name.
 * @csspart tab - (peer list) A peer's tab number.
 * @csspart state - (peer list) A peer's state.
 * @csspart badge - (peer list) A verified peer's trust badge.
 * @csspart trust-button - (peer list) Trusts a peer's key after comparing safety codes.
 * @csspart warning - (peer list) Under a peer whose name may mislead: what the warning means.
 * @csspart message-button - (peer list) Chooses a peer to write to directly.
 * @csspart code-button - (peer list) Shows or hides a safety code.
 * @csspart safety-code - (peer list) The safety code.
 * @csspart peer-list-empty - (peer list) The text shown while nobody else is here.
 * @csspart log - (message log) The scrolling log.
 * @csspart lines - (message log) The list of lines.
 * @csspart message - (message log) One chat message (with part `own` or `other`).
 * @csspart own - (message log) Our own message or file.
 * @csspart other - (message log) A peer's message or file.
 * @csspart sender - (message log) The sender's name.
 * @csspart name-warning - (message log) Beside a sender whose name may mislead.
 * @csspart direct - (message log) Marks a direct message and who it was for.
 * @csspart time - (message log) The message's time.
 * @csspart body - (message log) The message text.
 * @csspart show-more - (message log) Under a long message: shows all of it, or its start again.
 * @csspart delivery - (message log) Delivery of our own message.
 * @csspart reactions - (message log) The reactions row of a message.
 * @csspart reaction - (message log) One emoji given, with its count.
 * @csspart react-button - (message log) Opens the reaction picker.
 * @csspart reaction-picker - (message log) The quick emoji and the field for any other.
 * @csspart quick-reaction - (message log) One quick emoji.
 * @csspart emoji-input - (message log) The field for any other emoji.
 * @csspart emoji-submit - (message log) Adds the typed emoji.
 * @csspart file - (message log) One file line (with part `own` or `other`).
 * @csspart file-name - (message log) A file's name and size.
 * @csspart transfer - (message log) A file's transfer to or from one peer.
 * @csspart transfer-peer - (message log) Who our file goes to.
 * @csspart file-status - (message log) A transfer's state.
 * @csspart progress - (message log) A transfer's progress bar.
 * @csspart file-accept-button - (message log) Accepts a file offer.
 * @csspart file-decline-button - (message log) Declines a file offer.
 * @csspart cancel-button - (message log) Cancels a transfer.
 * @csspart download - (message log) Saves a received file.
 * @csspart preview - (message log) A received image, small.
 * @csspart system - (message log) A system line.
 * @csspart message-log-empty - (message log) The text shown before the first message.
 * @csspart typing - (message log) Who is typing.
 *
 * @cssstate default-layout - The room shows its built-in layout (it has no children).
 * @cssstate dragging - Files are being dragged over the room.
 *
 * @cssprop --rt-accent - Accent colour (send button, own messages).
 * @cssprop --rt-accent-text - Text on the accent colour.
 * @cssprop --rt-background - Background colour.
 * @cssprop --rt-surface - Background of the header, peers and others' messages.
 * @cssprop --rt-text - Text colour.
 * @cssprop --rt-muted - Secondary text.
 * @cssprop --rt-border - Border colour.
 * @cssprop --rt-success - Online status, verified peers, files delivered.
 * @cssprop --rt-warning - Key-changed warnings.
 * @cssprop --rt-danger - Problems, failed verification and transfers.
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
   * uses `<rt-peer-list>`, `<rt-message-log>` and `<rt-composer>`: define those too
   * (`define.js` does all).
   * @example RTChatRoom.define();
   */
  static define(tag = 'rt-chat-room', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Room name; the room is this page's origin and path plus this name (`/x/`, `/x/index.html` and `/x?q` are one path). Default: one room per page. */
  @property() room: string | null = null;

  /** Explicit room identity instead of origin + path + `room` (to meet across pages or sites). */
  @property() topic: string | null = null;

  /** Your display name; default: the one saved in this browser, else a generated friendly name. */
  @property({ reflect: true }) name: string | null = null;

  /** MQTT-over-WebSocket broker URLs (`ws://` or `wss://`), separated by whitespace. Default: public brokers. */
  @property() brokers: string | null = null;

  /** ICE servers as a JSON array of RTCIceServer; `[]` for host candidates only (LAN). Default: public STUN. */
  @property({ attribute: 'ice-servers' }) iceServers: string | null = null;

  /** Room secret: hides the room and encrypts all signaling. Everyone in the room needs the same one; `RTChatClient.createSecret()` makes a strong one (a weak one fires `weaksecret`). */
  @property() secret: string | null = null;

  /**
   * Which newcomers (knocks) come in without asking you: `trusted` (the default when absent:
   * keys you trusted under the name they show, e.g. with the Trust button after comparing
   * safety codes; they come back after a reload without asking), `all`, or `none` (ask about
   * everyone). Your own other tabs never need asking. Changes apply at once, to waiting
   * requests too.
   */
  @property({ attribute: 'auto-accept' }) autoAccept: 'all' | 'trusted' | 'none' | null = null;

  /**
   * Ask you before connecting to a member who let you in, too (a `connectionrequest` with
   * `initiator` false). Default off: joining a room is consent to meet its members, so only
   * the members decide about you (one decision per pair).
   */
  @property({ type: Boolean, reflect: true, attribute: 'ask-before-joining' }) askBeforeJoining = false;

  /**
   * Leave the page title alone. By default, while nobody can see the room (the page is
   * hidden, or the room is not rendered, e.g. in a collapsed widget) the title starts with
   * the count of connection requests and unread messages, "(2) ", restored once seen.
   */
  @property({ type: Boolean, reflect: true, attribute: 'no-title-badge' }) noTitleBadge = false;

  /** Prefix of this room's storage (identity, name, trusted keys); use one per app to keep identities apart. */
  @property() storage: string | null = null;

  /**
   * `share`: people who join later see the room's recent messages (the last 500, at most 7
   * days old), passed on by those here and checked against each author's signature; you
   * take theirs too. Absent or `off` (the default): what was said before someone came stays
   * with those who were there. Direct messages and files are never shared. See README, "History".
   */
  @property({ reflect: true }) history: 'share' | 'off' | null = null;

  /**
   * Show a browser notification for a message that arrives while the page is hidden.
   * Permission is asked at the first click or key press in the room.
   */
  @property({ type: Boolean, reflect: true }) notify = false;

  /** Replacement UI strings (see `RTChatStrings`), also used by the built-in peer list, log and composer. */
  @property({ attribute: false }) strings: Partial<RTChatStrings> = {};

  @provide({ context: clientContext })
  @state()
  private provided: ChatClient | undefined;

  /** Why the room cannot start (bad attribute); empty when fine. */
  @state() private problem = '';
  /** Whether the page gave children (then the built-in layout is not shown). */
  @state() private hasContent = false;
  /** Files are dragged over the room. */
  @state() private dragging = false;
  /** On a narrow room: whether the peer list is unfolded (folded, it shows only requests). */
  @state() private peersOpen = false;

  @query('rt-composer') private builtInComposer?: RTComposer;

  private readonly internals = this.attachInternals();
  private readonly attention = new RoomAttention({
    notify: () => this.notify,
    rendered: () => this.checkVisibility?.() ?? true,
    unreadChanged: (unread) => {
      this.requestUpdate();
      this.dispatchEvent(new RTUnreadChangeEvent(unread));
    },
    requests: () => this.pendingRequests,
    titleBadge: () => !this.noTitleBadge,
  });
  /** Tells the attention keeper when the room starts or stops being rendered (a widget opening). */
  private readonly renderWatch = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.attention.refresh()) : null;

  constructor() {
    super();
    // The room's pieces hear each other's events here (a peer chosen in the list turns the composer).
    new ContextProvider(this, { context: roomContext, initialValue: this });
    this.addEventListener('click', this.onGesture);
    this.addEventListener('keydown', this.onGesture);
    this.addEventListener('focusin', () => this.attention.markRead());
  }

  /** The RTChatClient of this room (a new one after each rejoin); undefined while not in the document. */
  get client(): RTChatClient | undefined {
    return this.provided;
  }

  /**
   * Messages and file offers that arrived while nobody could see the room (page hidden, or
   * the room not rendered); 0 once read. Changes fire `unreadchange`.
   */
  get unread(): number {
    return this.attention.unread;
  }

  /** Sets `unread` back to 0 (e.g. when a collapsed widget opens). */
  markRead(): void {
    this.attention.markRead();
  }

  /**
   * Connection requests waiting for this room's person: undecided, and not taken by a page
   * listener (`preventDefault()` on `connectionrequest`). Changes come with
   * `connectionrequest` and `requestchange`.
   */
  get pendingRequests(): number {
    return this.provided?.requests.filter((r) => r.state === 'waiting' && !r.handled).length ?? 0;
  }

  /**
   * Offers files as the attach button does, through the room's composer (the built-in one,
   * or the first `<rt-composer>` among the room's children): to the peer chosen in the peer
   * list, else to every verified peer. Large files take a moment to hash first. Problems (too
   * large, nobody to send to) are shown in the composer. Without a composer, the files go to
   * every verified peer.
   * @example room.sendFiles(input.files);
   */
  async sendFiles(files: Iterable<File>): Promise<void> {
    const composer = this.composer;
    if (composer) return composer.sendFiles(files);
    const client = this.provided;
    if (!client?.peers.some((p) => p.verified)) return;
    for (const file of files) await client.sendFile(file).catch(() => {});
  }

  /** Puts the keyboard focus in the room's composer (e.g. when a panel around the room opens). */
  focusComposer(): void {
    this.composer?.focus();
  }

  /** The built-in composer, or the first one among the room's children. */
  private get composer(): RTComposer | null {
    return (this.hasContent ? this.querySelector('rt-composer') : this.builtInComposer) ?? null;
  }

  /** Also waits for the built-in composer: what it shows follows the room's events. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (this.builtInComposer) await this.builtInComposer.updateComplete;
    return done;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.attention.connect();
    this.renderWatch?.observe(this);
    this.checkContent();
    if (this.hasUpdated) this.requestUpdate(); // rejoin after being moved or re-added
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.attention.disconnect();
    this.renderWatch?.disconnect();
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
    if (changed.has('noTitleBadge')) this.attention.updateTitle();
    const optionsChanged = JOIN_KEYS.some((k) => changed.has(k));
    if (optionsChanged || (!this.provided && (!this.problem || changed.has('autoAccept')))) return this.join();
    if (changed.has('name') && this.provided && this.name) this.rename(this.provided, this.name);
    if (changed.has('autoAccept') && this.provided) {
      try {
        this.provided.autoAccept = autoAcceptOf(this.autoAccept);
      } catch {
        this.join(); // shows why it cannot start
      }
    }
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
    this.attention.updateTitle(); // its requests went with it
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

  /**
   * Re-dispatches the client's events as the room's own (copies that bubble and are composed;
   * a page's `preventDefault()` reaches the client), and draws attention to what arrived.
   */
  private readonly onClientEvent = (event: Event): void => {
    if (REDISPATCHED.has(event.type)) redispatchEvent(this, event);
    if (event.type === 'chatmessage') {
      const e = event as ChatMessageEvent;
      this.attention.arrived(withStrings(this.strings).notificationTitle(shownName(e.peer), e.direct), e.text, this.notificationTag);
    } else if (event.type === 'fileoffer') {
      const e = event as FileOfferEvent;
      const t = withStrings(this.strings);
      this.attention.arrived(t.notificationTitle(shownName(e.peer), false), t.notificationFile(e.transfer.name), this.notificationTag);
    } else if (event.type === 'connectionrequest' || event.type === 'requestchange') {
      this.attention.updateTitle();
    }
    this.requestUpdate();
  };

  /** One notification per room at a time: a new message replaces the last one. */
  private get notificationTag(): string {
    return `rtchat:${this.provided?.roomTopic ?? ''}`;
  }

  private readonly onGesture = (): void => this.attention.gesture();

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

  private onNameChange(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    if (value.trim()) this.name = value;
    else (e.target as HTMLInputElement).value = this.provided?.name ?? '';
  }

  private onDragOver(e: DragEvent): void {
    if (!hasFiles(e.dataTransfer)) return;
    // Over the composer, it decided (it knows whom it writes to).
    if (!e.defaultPrevented) e.dataTransfer.dropEffect = this.provided?.peers.some((p) => p.verified) ? 'copy' : 'none';
    e.preventDefault(); // without this the browser would open the file in place of the page
    this.setDragging(true);
  }

  private onDragLeave(e: DragEvent): void {
    const to = e.relatedTarget as Node | null;
    if (!to || !(e.currentTarget as Element).contains(to)) this.setDragging(false);
  }

  private onDrop(e: DragEvent): void {
    if (!hasFiles(e.dataTransfer)) return;
    this.setDragging(false);
    if (e.defaultPrevented) return; // dropped onto the composer, which took the files
    e.preventDefault();
    void this.sendFiles([...e.dataTransfer.files]);
  }

  private setDragging(on: boolean): void {
    this.dragging = on;
    if (on) this.internals.states.add('dragging');
    else this.internals.states.delete('dragging');
  }

  protected override render() {
    return html`<slot @slotchange=${this.checkContent}></slot>${this.hasContent ? nothing : this.renderLayout(withStrings(this.strings))}`;
  }

  private renderLayout(t: RTChatStrings) {
    const status = this.connectionStatus;
    const verified = this.provided?.peers.filter((p) => p.verified && !p.ownTab).length ?? 0; // our own tabs are not other people
    const here = this.provided?.peers.filter((p) => !p.ownTab && p.state !== 'closed' && p.state !== 'failed' && p.state !== 'declined').length ?? 0;
    const statusText =
      status === 'problem'
        ? t.statusProblem(this.problem || '—')
        : status === 'online'
          ? `${t.statusConnected} · ${t.peersOnline(verified)}`
          : status === 'connecting'
            ? t.statusConnecting
            : t.statusOffline;
    return html`<div part="base" class="base" @dragenter=${this.onDragOver} @dragover=${this.onDragOver} @dragleave=${this.onDragLeave} @drop=${this.onDrop}>
      <div part="header" class="header">
        <span part="room-name" class="room-name">${this.room || this.topic || t.thisPage}</span>
        <label part="name-field" class="name-field"
          ><span part="name-label" class="name-label">${t.yourName}</span
          ><input part="name-input" class="name-input" .value=${this.provided?.name ?? this.name ?? ''} maxlength="40" autocomplete="nickname" @change=${this.onNameChange}
        /></label>
        <span part="connection-status" class="status" role="status" data-status=${status}>${statusText}</span>
      </div>
      <div class="peers-area ${this.pendingRequests ? 'asking' : ''}">
        <button part="peers-toggle" class="peers-toggle" type="button" aria-expanded=${this.peersOpen ? 'true' : 'false'} aria-controls="peers" @click=${() => (this.peersOpen = !this.peersOpen)}>
          <span>${t.peersSummary(here)}</span><span class="chevron" aria-hidden="true"></span>
        </button>
        <rt-peer-list id="peers" part="peer-list" class="peers ${this.peersOpen ? 'open' : ''}" exportparts=${PEER_LIST_PARTS} selectable .strings=${this.strings}></rt-peer-list>
      </div>
      <rt-message-log part="message-log" class="log" exportparts=${MESSAGE_LOG_PARTS} .strings=${this.strings}></rt-message-log>
      <rt-composer class="composer" exportparts=${COMPOSER_PARTS} .strings=${this.strings}></rt-composer>
      <div part="drop-zone" class="drop-zone" ?hidden=${!this.dragging}>${t.dropFiles}</div>
    </div>`;
  }
}
