/**
 * RTChatClient: the public face of one client in one room, a typed EventTarget. The work is
 * done by the parts in room/ (room.ts wires them): the session (what joining takes), the
 * negotiator (meeting peers through the brokers), admission (consent), the trust keeper, and
 * the messenger (delivery). The three elements, and any app, listen to the same client.
 */
import { NotJoinedError, NotVerifiedError } from './errors.js';
import { FileSentEvent, NameChangeEvent, StateChangeEvent, type RTChatClientEventMap } from './events/index.js';
import type { ClientState } from './client-state.js';
import type { ChatRecord } from './delivery/history.js';
import { normalizeName, saveName } from './identity/friendly-name.js';
import type { TrustStore } from './identity/trust-store.js';
import { checkOptions, type AutoAccept, type RTChatClientOptions } from './options.js';
import { DEFAULT_MAX_FILE_BYTES, hashBlob, type FileTransfer } from './peer/file-transfer.js';
import { isEmoji } from './peer/frames.js';
import { checkText, linkOf, newMessageId, type Peer } from './peer/peer.js';
import type { ConnectionRequest } from './room/connection-request.js';
import { Room } from './room/room.js';
import type { BrokerStatus } from './signaling/transport.js';
import { randomBytes, toBase64Url } from './util/bytes.js';

export type { ClientState } from './client-state.js';
export { DEFAULT_BROKERS, DEFAULT_ICE_SERVERS, type AutoAccept, type RTChatClientOptions } from './options.js';

const TYPING_EVERY_MS = 3_000;

/**
 * A chat client for one room.
 * @example
 * const client = new RTChatClient({ room: 'lobby', name: 'Alice' });
 * client.addEventListener('connectionrequest', (e) => e.accept());
 * client.addEventListener('chatmessage', (e) => console.log(e.peer.label, e.text));
 * await client.connect();
 * client.broadcast('hello');
 */
export class RTChatClient extends EventTarget {
  /** The options this client was made with. */
  readonly options: Readonly<RTChatClientOptions>;
  #state: ClientState = 'idle';
  #connecting: Promise<void> | null = null;
  #lastTyping = -Infinity;
  readonly #room: Room;

  /** @throws {TypeError} for invalid options */
  constructor(options: RTChatClientOptions = {}) {
    super();
    checkOptions(options);
    this.options = { ...options };
    const setState = (next: ClientState) => this.setState(next);
    const state = () => this.#state;
    this.#room = new Room(this.options, {
      target: this,
      get state() {
        return state();
      },
      setState,
    });
  }

  /**
   * A new room secret that cannot be guessed: 128 bits from `crypto.getRandomValues`, as 22
   * base64url characters (safe in a URL fragment, an attribute or a message).
   * @example location.hash = `secret=${RTChatClient.createSecret()}`
   */
  static createSecret(): string {
    return toBase64Url(randomBytes(16));
  }

  /** See {@link ClientState}; changes are reported as `statechange` events. */
  get state(): ClientState {
    return this.#state;
  }

  /** Keys we trust; available once joined (`joined` event). */
  get trust(): TrustStore | null {
    return this.#room.trust.trust;
  }

  /** Which knocks are let in without asking: `'trusted'` (default), `'all'` or `false` (ask). Can change at any time. */
  get autoAccept(): AutoAccept {
    return this.#room.admission.policy;
  }

  set autoAccept(value: AutoAccept) {
    checkOptions({ autoAccept: value });
    this.#room.admission.setPolicy(value);
  }

  /** Our peer id, once joined. */
  get id(): string | null {
    return this.#room.session?.selfId ?? null;
  }

  /** Our display name. */
  get name(): string {
    return this.#room.session?.self.name ?? this.options.name ?? '';
  }

  /** Our tab number (1 for the first tab of this browser profile). */
  get tab(): number | null {
    return this.#room.session?.tab.id ?? null;
  }

  /** Our Ed25519 public key, once joined. */
  get publicKey(): Uint8Array | null {
    return this.#room.session?.identity.publicKey ?? null;
  }

  /** The MQTT topic of the room, once joined. */
  get roomTopic(): string | null {
    return this.#room.session?.roomTopic ?? null;
  }

  /** Peers that are not gone: pending, connecting, connected or verified. */
  get peers(): Peer[] {
    return this.#room.peers.live().map((l) => l.peer);
  }

  /** Connection requests waiting for `accept()` / `reject()` (changes: `requestchange`). */
  get requests(): ConnectionRequest[] {
    return this.#room.admission.requests;
  }

  /**
   * Knocks answered "Not now" whose peer is still in the room, oldest first: `accept()` on
   * one lets that peer in after all. A request leaves this list (a `requestchange`) when it
   * is accepted, or withdrawn because its peer left or came back as a new session (which
   * knocks again). At most 32 are kept.
   */
  get notNow(): ConnectionRequest[] {
    return this.#room.admission.turnedDown;
  }

  /** Every broker's state. */
  get brokers(): BrokerStatus[] {
    return this.#room.session?.transport.statuses ?? [];
  }

  /** Our conversation in this room, oldest first, including what was kept from earlier visits. */
  get history(): ChatRecord[] {
    return this.#room.session?.history.all() ?? [];
  }

  /** Messages sent but not yet acknowledged by every identity they were for. */
  get pendingCount(): number {
    return this.#room.messenger.pendingCount;
  }

  /** A peer by id, else the first verified peer whose name or label ("Alice (2)") matches. */
  getPeer(idOrName: string): Peer | undefined {
    const byId = this.#room.peers.get(idOrName);
    if (byId) return byId.peer;
    const peers = this.peers;
    return peers.find((p) => p.verified && (p.label === idOrName || p.name === idOrName)) ?? peers.find((p) => p.name === idOrName);
  }

  /**
   * Joins the room. Resolves once at least one broker is connected and we have announced.
   * @throws {NotJoinedError} when this client was disconnected
   * @throws {Error} when no broker can be reached (the client keeps retrying in the background; `disconnect()` stops it)
   */
  connect(): Promise<void> {
    if (this.#state === 'closed') return Promise.reject(new NotJoinedError('this client was disconnected; make a new one'));
    if (this.#state === 'connected') return Promise.resolve();
    this.#connecting ??= this.#room.join().catch((e) => {
      if (this.#state === 'idle') this.#connecting = null; // the session could not open: a later connect() tries again
      throw e;
    });
    return this.#connecting;
  }

  /** Leaves the room: tells connected peers and the brokers, closes everything. Idempotent. */
  async disconnect(): Promise<void> {
    if (this.#state === 'closed') return;
    this.setState('closed');
    this.#room.stop();
    await this.#connecting?.catch(() => {});
    await this.#room.leave();
  }

  /**
   * Sends a chat message to every verified peer. Peers that went away recently get it when
   * they come back, while this page stays open. With `history: 'share'` it is signed with
   * our identity, so that peers may pass it on to people who join later.
   * @param options `forward: false` asks that it never be passed on to anyone it was not
   *   sent to (honest peers keep it out of shared history; see README, "History")
   * @returns the message id (each peer acknowledges it: `delivered` events)
   * @throws {RangeError} for empty text or text over 16 384 characters
   */
  broadcast(text: string, options: { forward?: boolean } = {}): string {
    checkText(text);
    return this.#room.messenger.broadcast(text, options.forward !== false);
  }

  /**
   * Offers a file to one peer (`to`) or to every verified peer. The file is hashed first
   * (SHA-256, streamed), then each peer accepts or declines: a `filesent` event now,
   * `fileprogress` and `fileend` events later.
   * @throws {RangeError} over `maxFileSize`; {NotVerifiedError} when `to` is not verified
   */
  async sendFile(file: Blob, options: { to?: Peer; name?: string } = {}): Promise<FileTransfer[]> {
    const max = this.options.maxFileSize ?? DEFAULT_MAX_FILE_BYTES;
    if (!(file instanceof Blob)) throw new TypeError('sendFile takes a File or Blob');
    if (file.size > max) throw new RangeError(`file of ${file.size} bytes is over the ${max}-byte limit`);
    const to = options.to ? linkOf(options.to) : null;
    if (options.to && !to?.verified) throw new NotVerifiedError(`peer ${options.to.label} is not verified`);
    const name = options.name ?? (file instanceof File ? file.name : 'file');
    const hash = await hashBlob(file);
    const id = newMessageId();
    const targets = (to ? [to] : this.#room.peers.verified()).filter((p) => p.verified);
    const transfers = await Promise.all(targets.map((p) => p.files.offer(id, file, name, file.type, hash)));
    if (transfers.length) this.dispatchEvent(new FileSentEvent({ transfers, to: options.to ?? null }));
    return transfers;
  }

  /** Tells verified peers we are typing; call it on input, it sends at most every 3 s. */
  typing(): void {
    const now = performance.now();
    if (now - this.#lastTyping < TYPING_EVERY_MS) return;
    this.#lastTyping = now;
    for (const p of this.#room.peers.live()) p.sendTyping();
  }

  /**
   * Reacts to a message with an emoji (`on: false` takes it back).
   * @throws {TypeError} when `emoji` is not a single emoji
   */
  react(messageId: string, emoji: string, on = true): void {
    if (typeof emoji !== 'string' || !isEmoji(emoji)) throw new TypeError('a reaction is one emoji');
    const s = this.#room.session;
    if (!s || !this.#room.messenger.reacted(null, toBase64Url(s.identity.publicKey), messageId, emoji, on)) return;
    for (const p of this.#room.peers.live()) p.sendReaction(messageId, emoji, on);
  }

  /** Forgets the stored conversation of this room. */
  async clearHistory(): Promise<void> {
    await this.#room.session?.history.clear();
  }

  /** Changes our display name; verified peers are told, others see it in our next announce. */
  async setName(name: string): Promise<void> {
    const clean = normalizeName(name);
    const s = this.#room.session;
    if (!s) {
      (this.options as RTChatClientOptions).name = clean;
      return;
    }
    const previous = s.self.name;
    if (clean === previous) return;
    s.self.name = clean;
    saveName(clean, { namespace: this.#room.namespace });
    for (const p of this.#room.peers.all()) p.sendName(clean);
    this.dispatchEvent(new NameChangeEvent({ peer: null, name: clean, previous }));
    // Our name counts as pinned to our key: peers showing it (or no longer) are judged again.
    this.#room.trust.rejudgeAll();
    await this.#room.negotiator.announcer.now();
  }

  /**
   * Trusts a verified peer's key under its current name: the person compared safety codes,
   * or otherwise vouches for it. From now on `autoAccept: 'trusted'` admits it, and its
   * name shows without a warning (even if another key held that name before).
   * @param name the name the person saw when deciding (default: the current one); when the
   *   peer renamed itself meanwhile, nothing is trusted
   * @throws {NotJoinedError} before joining; {NotVerifiedError} when the peer is not verified; {Error} when it renamed itself since `name` was shown
   */
  async trustPeer(peer: Peer, name: string = peer.name): Promise<void> {
    const link = linkOf(peer);
    if (!link) throw new NotVerifiedError(`peer ${peer.label} is not verified`);
    await this.#room.trust.vouch(link, name);
  }

  private setState(next: ClientState): void {
    if (next === this.#state) return;
    const previous = this.#state;
    this.#state = next;
    this.dispatchEvent(new StateChangeEvent({ state: next, previous }));
  }

  // ---- typed listeners --------------------------------------------------------------------------

  override addEventListener<K extends keyof RTChatClientEventMap>(
    type: K,
    listener: (this: RTChatClient, ev: RTChatClientEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof RTChatClientEventMap>(
    type: K,
    listener: (this: RTChatClient, ev: RTChatClientEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener, options);
  }
}
