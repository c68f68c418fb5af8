/**
 * RTChatClient: the public face of one client in one room. A typed EventTarget over the
 * parts that do the work (room/): the session (what joining takes), the negotiator
 * (meeting peers through the brokers), admission (consent), trust, and the messenger
 * (delivery). The three elements, and any app, listen to the same client.
 */
import { NotJoinedError, NotVerifiedError } from './errors.js';
import { BrokerStatusEvent, ClientErrorEvent, DropEvent, FileSentEvent, JoinedEvent, NameChangeEvent, StateChangeEvent, WeakSecretEvent, type RTChatClientEventMap } from './events/index.js';
import type { ClientState } from './client-state.js';
import type { ChatRecord } from './delivery/history.js';
import { normalizeName, saveName } from './identity/friendly-name.js';
import { DEFAULT_NAMESPACE } from './identity/kv-store.js';
import type { TrustStore } from './identity/trust-store.js';
import { checkOptions, DEFAULT_ICE_SERVERS, type AutoAccept, type RTChatClientOptions } from './options.js';
import { DEFAULT_MAX_FILE_BYTES, hashBlob, type FileTransfer } from './peer/file-transfer.js';
import { isEmoji } from './peer/frames.js';
import { PeerLink } from './peer/peer-link.js';
import { checkText, linkOf, newMessageId, type Peer } from './peer/peer.js';
import { Admission } from './room/admission.js';
import type { ConnectionRequest } from './room/connection-request.js';
import type { RoomContext } from './room/context.js';
import { Messenger, RESEND_MS } from './room/messenger.js';
import { Negotiator } from './room/negotiator.js';
import { peerHandlers } from './room/peer-bridge.js';
import { PeerRegistry } from './room/peers.js';
import { exposeInternals } from './room/internals.js';
import { closeSession, openSession, type Session } from './room/session.js';
import { TrustKeeper } from './room/trust-keeper.js';
import { WEAK_SECRET_BITS, estimateSecretBits } from './signaling/secret-strength.js';
import type { BrokerStatus } from './signaling/transport.js';
import { randomBytes, toBase64Url } from './util/bytes.js';
import { ExpiringSet } from './util/expiring-set.js';

export type { ClientState } from './client-state.js';
export { DEFAULT_BROKERS, DEFAULT_ICE_SERVERS, type AutoAccept, type RTChatClientOptions } from './options.js';

/** From our offer or answer to an open channel, at most: longer than the re-offer time; TURN over TCP took 5.4 s in our NAT runs. */
const HANDSHAKE_MS = 15_000;
/** A connection request nobody answers, and no handshake, ends after this long. */
const PENDING_MS = 2 * 60_000;
const TYPING_EVERY_MS = 3_000;
/** How often the last will is signed afresh: a leave is valid 5 minutes (4.8), and a broker takes the will of the last CONNECT. */
const WILL_REFRESH_MS = 60_000;

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
  #session: Session | null = null;
  #connecting: Promise<void> | null = null;
  #timers: ReturnType<typeof setInterval>[] = [];
  #lastTyping = -Infinity;
  #weakSecretReported = false;
  #dropTap: ((source: 'signaling' | 'channel', reason: string) => void) | null = null;
  readonly #reported = new ExpiringSet(60_000, 2048);
  readonly #ctx: RoomContext;
  readonly #peers = new PeerRegistry();
  readonly #trust: TrustKeeper;
  readonly #admission: Admission;
  readonly #messenger: Messenger;
  readonly #negotiator: Negotiator;

  /** @throws {TypeError} for invalid options */
  constructor(options: RTChatClientOptions = {}) {
    super();
    checkOptions(options);
    this.options = { ...options };
    const isClosed = () => this.#state === 'closed';
    // Made below: the peer handlers reach it only once peers exist.
    const negotiator = () => this.#negotiator;
    this.#ctx = {
      options: this.options,
      get closed() {
        return isClosed();
      },
      emit: (event) => this.dispatchEvent(event),
      drop: (source, reason, detail, sender) => {
        this.#dropTap?.(source, reason);
        if (this.#reported.add(`${source}|${reason}|${sender ?? ''}`)) this.dispatchEvent(new DropEvent({ source, reason, detail, sender }));
      },
      error: (e) => this.dispatchEvent(new ClientErrorEvent({ error: e instanceof Error ? e : new Error(String(e)) })),
    };
    this.#trust = new TrustKeeper(this.#ctx, this.#peers);
    this.#admission = new Admission(this.#ctx, this.#peers, this.#trust, () => this.#negotiator.announcer.ensure());
    this.#messenger = new Messenger(this.#ctx, this.#peers);
    const handlers = peerHandlers({
      ctx: this.#ctx,
      peers: this.#peers,
      admission: this.#admission,
      messenger: this.#messenger,
      trust: this.#trust,
      get negotiator() {
        return negotiator();
      },
      ownName: () => this.#session?.self.name ?? null,
    });
    this.#negotiator = new Negotiator({
      ctx: this.#ctx,
      peers: this.#peers,
      admission: this.#admission,
      session: () => this.#session,
      makeLink: (id, from, role) => new PeerLink(this.peerConfig(), handlers, id, from, role),
      knows: (key) => this.#peers.hasKey(key) || this.#trust.known(key),
      missing: () => this.#messenger.missing,
    });
    exposeInternals(this, {
      session: () => this.#session,
      link: (peer) => linkOf(peer)!,
      restartIce: (peer) => this.#negotiator.restartIce(linkOf(peer)!),
      tapDrops: (tap) => void (this.#dropTap = tap),
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
    return this.#trust.trust;
  }

  /** Who may connect without asking: `'all'`, `'trusted'` or `false` (ask). Can change at any time. */
  get autoAccept(): AutoAccept {
    return this.#admission.policy;
  }

  set autoAccept(value: AutoAccept) {
    checkOptions({ autoAccept: value });
    this.#admission.setPolicy(value);
  }

  /** Our peer id, once joined. */
  get id(): string | null {
    return this.#session?.selfId ?? null;
  }

  /** Our display name. */
  get name(): string {
    return this.#session?.self.name ?? this.options.name ?? '';
  }

  /** Our tab number (1 for the first tab of this browser profile). */
  get tab(): number | null {
    return this.#session?.tab.id ?? null;
  }

  /** Our Ed25519 public key, once joined. */
  get publicKey(): Uint8Array | null {
    return this.#session?.identity.publicKey ?? null;
  }

  /** The MQTT topic of the room, once joined. */
  get roomTopic(): string | null {
    return this.#session?.roomTopic ?? null;
  }

  /** Peers that are not gone: pending, connecting, connected or verified. */
  get peers(): Peer[] {
    return this.#peers.live().map((l) => l.peer);
  }

  /** Connection requests waiting for `accept()` / `reject()` (changes: `requestchange`). */
  get requests(): ConnectionRequest[] {
    return this.#admission.requests;
  }

  /** Every broker's state. */
  get brokers(): BrokerStatus[] {
    return this.#session?.transport.statuses ?? [];
  }

  /** Our conversation in this room, oldest first, including what was kept from earlier visits. */
  get history(): ChatRecord[] {
    return this.#session?.history.all() ?? [];
  }

  /** Messages sent but not yet acknowledged by every identity they were for. */
  get pendingCount(): number {
    return this.#messenger.pendingCount;
  }

  /** A peer by id, else the first verified peer whose name or label ("Alice (2)") matches. */
  getPeer(idOrName: string): Peer | undefined {
    const byId = this.#peers.get(idOrName);
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
    this.#connecting ??= this.join();
    return this.#connecting;
  }

  /** Leaves the room: tells connected peers and the brokers, closes everything. Idempotent. */
  async disconnect(): Promise<void> {
    if (this.#state === 'closed') return;
    this.setState('closed');
    this.#negotiator.stop();
    for (const t of this.#timers) clearInterval(t);
    globalThis.removeEventListener?.('pagehide', this.onPageHide);
    await this.#connecting?.catch(() => {});
    for (const p of this.#peers.all()) p.shutdown('closed');
    this.#admission.closeAll();
    if (this.#session) await closeSession(this.#session);
  }

  /**
   * Sends a chat message to every verified peer. Peers that went away recently get it when
   * they come back, while this page stays open.
   * @returns the message id (each peer acknowledges it: `delivered` events)
   * @throws {RangeError} for empty text or text over 16 384 characters
   */
  broadcast(text: string): string {
    checkText(text);
    return this.#messenger.broadcast(text);
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
    const targets = (to ? [to] : this.#peers.verified()).filter((p) => p.verified);
    const transfers = await Promise.all(targets.map((p) => p.files.offer(id, file, name, file.type, hash)));
    if (transfers.length) this.dispatchEvent(new FileSentEvent({ transfers, to: options.to ?? null }));
    return transfers;
  }

  /** Tells verified peers we are typing; call it on input, it sends at most every 3 s. */
  typing(): void {
    const now = performance.now();
    if (now - this.#lastTyping < TYPING_EVERY_MS) return;
    this.#lastTyping = now;
    for (const p of this.#peers.live()) p.sendTyping();
  }

  /**
   * Reacts to a message with an emoji (`on: false` takes it back).
   * @throws {TypeError} when `emoji` is not a single emoji
   */
  react(messageId: string, emoji: string, on = true): void {
    if (typeof emoji !== 'string' || !isEmoji(emoji)) throw new TypeError('a reaction is one emoji');
    const s = this.#session;
    if (!s || !this.#messenger.reacted(null, toBase64Url(s.identity.publicKey), messageId, emoji, on)) return;
    for (const p of this.#peers.live()) p.sendReaction(messageId, emoji, on);
  }

  /** Forgets the stored conversation of this room. */
  async clearHistory(): Promise<void> {
    await this.#session?.history.clear();
  }

  /** Changes our display name; verified peers are told, others see it in our next announce. */
  async setName(name: string): Promise<void> {
    const clean = normalizeName(name);
    const s = this.#session;
    if (!s) {
      (this.options as RTChatClientOptions).name = clean;
      return;
    }
    const previous = s.self.name;
    if (clean === previous) return;
    s.self.name = clean;
    saveName(clean, { namespace: this.namespace });
    for (const p of this.#peers.all()) p.sendName(clean);
    this.dispatchEvent(new NameChangeEvent({ peer: null, name: clean, previous }));
    await this.#negotiator.announcer.now();
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
    await this.#trust.vouch(link, name);
  }

  private setState(next: ClientState): void {
    if (next === this.#state) return;
    const previous = this.#state;
    this.#state = next;
    this.dispatchEvent(new StateChangeEvent({ state: next, previous }));
  }

  private get namespace(): string {
    return this.options.storage ?? DEFAULT_NAMESPACE;
  }

  private peerConfig() {
    const o = this.options;
    const s = this.#session!;
    return {
      roomTopic: s.roomTopic,
      signer: s.identity,
      iceServers: o.iceServers ?? DEFAULT_ICE_SERVERS,
      iceGatheringTimeoutMs: o.iceGatheringTimeout ?? 2500,
      verificationTimeoutMs: o.verificationTimeout ?? 10_000,
      handshakeTimeoutMs: HANDSHAKE_MS,
      maxFileBytes: o.maxFileSize ?? DEFAULT_MAX_FILE_BYTES,
    };
  }

  /** A closing tab says goodbye on every channel, so peers see it leave at once, not after a timeout. */
  private readonly onPageHide = (e: PageTransitionEvent) => {
    if (e.persisted) return; // kept in the back/forward cache: it may come back
    for (const p of this.#peers.all()) if (p.state === 'verified' || p.state === 'connected') p.shutdown('closed');
  };

  private async join(): Promise<void> {
    this.setState('connecting');
    // A guessable secret hides nothing from a broker subscriber: say so once, and join anyway.
    const bits = this.options.secret === undefined ? Infinity : estimateSecretBits(this.options.secret);
    if (bits < WEAK_SECRET_BITS && !this.#weakSecretReported) {
      this.#weakSecretReported = true;
      console.warn(`rtchat: this room's secret is weak (about ${Math.round(bits)} bits by estimate; under ${WEAK_SECRET_BITS}, anyone who sees the room on the broker can guess it offline). Use a generated one: RTChatClient.createSecret().`);
      this.dispatchEvent(new WeakSecretEvent({ bits, threshold: WEAK_SECRET_BITS }));
    }
    let s: Session;
    try {
      s = await openSession(this.options, this.namespace, { knownKey: (key) => this.#peers.hasKey(key) || this.#trust.known(key), knownSealKey: (k) => this.#peers.hasSealKey(k) }, () => this.#state !== 'closed');
    } catch (e) {
      this.#connecting = null;
      if (this.#state !== 'closed') this.setState('idle');
      throw e;
    }
    this.#session = s;
    this.#trust.attach(s.trust, s.identity.publicKey);
    this.#messenger.attach(s.history);
    this.#timers.push(
      setInterval(() => this.sweep(), RESEND_MS),
      setInterval(() => void s.writer.leave(s.self).then((leave) => s.transport.setWill(leave)).catch(() => {}), WILL_REFRESH_MS),
    );
    this.dispatchEvent(new JoinedEvent({ id: s.selfId, roomTopic: s.roomTopic }));
    const transport = s.transport;
    globalThis.addEventListener?.('pagehide', this.onPageHide);
    transport.addEventListener('message', (e) => void this.#negotiator.receive(e.topic, e.payload));
    transport.addEventListener('status', (e) => {
      this.dispatchEvent(new BrokerStatusEvent({ status: e.status, all: transport.statuses }));
      if (this.#state !== 'connected' && this.#state !== 'offline') return;
      const was = this.#state;
      this.setState(transport.connected ? 'connected' : 'offline');
      // Joined while every broker was down: the first broker to come up starts the announcing.
      if (was === 'offline' && this.#state === 'connected' && !this.#negotiator.announced) this.#negotiator.announcer.start();
    });
    transport.addEventListener('reconnect', () => this.#negotiator.announcer.start());
    transport.addEventListener('drop', (e) => this.#ctx.drop('signaling', e.reason, `${e.bytes} bytes`, null));
    // Subscribed before connecting: the transport subscribes on every broker as it comes up.
    await Promise.all([transport.subscribe(s.roomTopic), transport.subscribe(s.inboxTopic)]);
    try {
      await transport.connect();
    } catch (e) {
      // No broker reachable yet: the transport keeps trying; we join when one answers.
      this.setState('offline');
      this.#ctx.error(e);
      throw e;
    }
    if (this.#state === 'closed') return;
    this.setState(transport.connected ? 'connected' : 'offline');
    this.#negotiator.announcer.start();
  }

  /** Every few seconds: unacknowledged messages go again, unanswered requests expire. */
  private sweep(): void {
    const now = Date.now();
    this.#messenger.sweep(now);
    for (const p of this.#peers.all()) if (p.state === 'pending' && now - p.seenAt > PENDING_MS) p.shutdown('closed', false);
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
