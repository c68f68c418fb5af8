/**
 * RTChatClient: joins a room through MQTT brokers, connects to peers over WebRTC, proves
 * identities over the channel and carries chat and ask/answer. A typed EventTarget: the
 * three elements (and any app) listen to the same client.
 */
import { normalizeName, loadOrCreateName, saveName } from './identity/friendly-name.js';
import { Identity } from './identity/identity.js';
import { DEFAULT_BROKERS, DEFAULT_ICE_SERVERS, checkOptions, type AutoAccept, type RTChatClientOptions } from './options.js';

export { DEFAULT_BROKERS, DEFAULT_ICE_SERVERS, type AutoAccept, type RTChatClientOptions } from './options.js';
import { DEFAULT_NAMESPACE, openKvStore, type KvStore } from './identity/kv-store.js';
import { ChatHistory, type ChatRecord } from './delivery/history.js';
import { Outbox, type OutboxEntry } from './delivery/outbox.js';
import { Pacer } from './delivery/pacer.js';
import { safetyCode } from './identity/safety-code.js';
import { acquireTabId, type TabLease } from './identity/tab-id.js';
import { TrustStore } from './identity/trust-store.js';
import { Peer, Superseded, checkText, newMessageId, type CloseReason, type NameWarning, type PeerState, type TrustStatus } from './peer/peer.js';
import type { TrustAssessment } from './identity/trust-policy.js';
import type { VerificationFailure } from './peer/verification.js';
import { DEFAULT_MAX_FILE_BYTES, hashBlob, type FileTransfer } from './peer/file-transfer.js';
import { isEmoji } from './peer/frames.js';
import { Announcer } from './signaling/announcer.js';
import { SignalGate, SignalRejected, SignalWriter } from './signaling/envelope.js';
import { peerIdOf, type DirectMessage, type SenderInfo, type SignalMessage } from './signaling/messages.js';
import { MqttTransport, type BrokerStatus } from './signaling/mqtt-transport.js';
import { deriveRoom } from './signaling/room.js';
import { WEAK_SECRET_BITS, estimateSecretBits } from './signaling/secret-strength.js';
import { SealKeys } from './signaling/seal-keys.js';
import { equalBytes, randomBytes, toBase64Url } from './util/bytes.js';
import { ExpiringSet } from './util/expiring-set.js';
import { RateLimiter } from './util/rate-limiter.js';
import {
  BrokerStatusEvent,
  ChatMessageEvent,
  ChatSentEvent,
  ClientErrorEvent,
  FileEndEvent,
  FileOfferEvent,
  FileProgressEvent,
  FileReceivedEvent,
  PeerStateEvent,
  ReactionEvent,
  StateChangeEvent,
  TypingEvent,
  ConnectionRequestEvent,
  DeliveredEvent,
  DropEvent,
  NameChangeEvent,
  TrustChangeEvent,
  PeerConnectedEvent,
  PeerDisconnectedEvent,
  PeerSeenEvent,
  QuestionEvent,
  VerificationFailedEvent,
  VerifiedEvent,
  WeakSecretEvent,
  type RTChatClientEventMap,
} from './events.js';

/**
 * The client's own state: `idle` (not joined yet), `connecting`, `connected` (at least one
 * broker up), `offline` (joined, but every broker is down: retrying; peers stay connected),
 * `closed`.
 */
export type ClientState = 'idle' | 'connecting' | 'connected' | 'offline' | 'closed';

interface Session {
  kv: KvStore;
  history: ChatHistory;
  identity: Identity;
  tab: TabLease;
  self: SenderInfo;
  selfId: string;
  roomTopic: string;
  inboxTopic: string;
  transport: MqttTransport;
  writer: SignalWriter;
  gate: SignalGate;
}

/** An announce heard this soon after ours may have crossed it. */
const CROSSING_MS = 1_000;
/** How long the higher peer id waits for the lower one's offer after a crossing. */
const CROSSING_WAIT_MS = 600;
/** An offer without an answer after this long is made again (QoS 0 may lose it). */
const ANSWER_TIMEOUT_MS = 10_000;
/** Offers made before giving up: 6 × 10 s covers a user who takes a minute to accept. */
const OFFER_ATTEMPTS = 6;
/**
 * Peers seen but not yet verified, at most: a flood of fresh keys cannot grow memory or
 * exhaust connections. When full, the one that got least far is evicted (see admit()), so
 * the bound decides how long a newcomer has to make progress under a flood: 64 slots at
 * the gate's 60 strangers a second is about a second, against 0.1–0.4 s from announce to
 * ICE connected on a loaded machine.
 */
const MAX_UNVERIFIED = 64;
/** Unverified peers of one identity key (its tabs), at most: one key cannot take every slot. */
const MAX_UNVERIFIED_PER_KEY = 4;
/**
 * From our offer or answer to an open channel, at most. Longer than ANSWER_TIMEOUT_MS, so
 * an offerer re-offers first; TURN over TCP took 5.4 s in our NAT runs.
 */
const HANDSHAKE_MS = 15_000;
/**
 * New RTCPeerConnections per second (offers and answers), with a burst for a room's worth
 * of members meeting a newcomer at once. Measured in Chromium: a connection with its offer
 * costs the main thread ~3 ms (40 at once stalled it 60 ms; gathering runs elsewhere). So
 * we can afford to start one for every stranger the gate lets through (60/s): a newcomer's
 * announce never waits behind a queue that a flood keeps full.
 */
const HANDSHAKES_PER_SECOND = 60;
/**
 * Started at once before the rest queue up. Small: the bench saw 32 connections started in
 * one go stall the page for ~100 ms; queued ones start every 17 ms instead, so a room of 30
 * meeting a newcomer is answered within half a second either way.
 */
const HANDSHAKE_BURST = 8;
/** A connection request nobody answers, and no handshake, ends after this long. */
const PENDING_MS = 2 * 60_000;
/** How often unacknowledged messages go again to verified peers, and stale state is swept. */
const SWEEP_MS = 5_000;
const TYPING_EVERY_MS = 3_000;
/**
 * How often the last will is signed afresh. A leave is valid for 5 minutes after its
 * signing (4.8), and a broker takes the will registered at the last CONNECT: so a reconnect
 * registers one at most this old.
 */
const WILL_REFRESH_MS = 60_000;

/** After turning someone away, how long we keep announcing (on the announcer's slow tail) so they find us again. */
const TURNED_AWAY_MS = 5 * 60_000;

/** How long a verified peer that went away still gets room messages queued for its return. */
const AWAY_MS = 30 * 60_000;

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
  /** Keys we trust; available after `connect()` resolves. */
  trust: TrustStore | null = null;
  private _state: ClientState = 'idle';
  private policy: AutoAccept;
  private session: Session | null = null;
  private readonly peerMap = new Map<string, Peer>();
  private readonly decisions = new Map<Peer, { promise: Promise<boolean>; resolve: (ok: boolean) => void; event?: ConnectionRequestEvent }>();
  private readonly reported = new ExpiringSet(60_000, 2048);
  private readonly outbox = new Outbox();
  /** Keeps our chat to each peer under its budget; what must wait stays in the outbox. */
  private readonly pacer = new Pacer<Peer>();
  /** Identities verified earlier that went away, by key: room messages wait for them. */
  private readonly away = new Map<string, number>();
  /** Peer sessions declined (by us or them), so their offers get a decline and their announces nothing. */
  private readonly declinedSessions = new ExpiringSet(10 * 60_000, 1024);
  /** Identities the user admitted in this page: they come back without asking again. */
  private readonly admitted = new Set<string>();
  private readonly announcer = new Announcer(
    () => this.announce(),
    () => this.announceNeeded(),
  );
  /** New connections (offers and answers) per second: see HANDSHAKES_PER_SECOND. */
  private readonly handshakes = new RateLimiter(HANDSHAKES_PER_SECOND, HANDSHAKE_BURST, 1);
  /** Connections waiting for the budget, oldest first: see startHandshake. */
  private readonly handshakeQueue = new Map<Peer, { stillWanted: () => boolean; go: () => void }>();
  private pump: ReturnType<typeof setTimeout> | null = null;
  /** When we last had to turn someone away or evict a waiting peer (Date.now()). */
  private turnedAwayAt = -Infinity;
  private lastTyping = -Infinity;
  private sweeper: ReturnType<typeof setInterval> | null = null;
  private willRefresher: ReturnType<typeof setInterval> | null = null;
  /** Whether an announce of ours reached any broker yet. */
  private announced = false;
  private connecting: Promise<void> | null = null;

  /** @throws {TypeError} for invalid options */
  constructor(options: RTChatClientOptions = {}) {
    super();
    checkOptions(options);
    this.options = { ...options };
    this.policy = options.autoAccept ?? false;
  }

  /**
   * A new room secret that cannot be guessed: 128 bits from `crypto.getRandomValues`, as 22
   * base64url characters (safe in a URL fragment, an attribute or a message).
   * @example location.hash = `secret=${RTChatClient.createSecret()}`
   */
  static createSecret(): string {
    return toBase64Url(randomBytes(16));
  }

  /** Whether this client already said that its secret is weak. */
  private weakSecretReported = false;

  /** See {@link ClientState}; changes are reported as `statechange` events. */
  get state(): ClientState {
    return this._state;
  }

  private setState(next: ClientState): void {
    if (next === this._state) return;
    const previous = this._state;
    this._state = next;
    this.dispatchEvent(new StateChangeEvent(next, previous));
  }

  /** Who may connect without asking: `'all'`, `'trusted'` or `false` (ask). Can change at any time. */
  get autoAccept(): AutoAccept {
    return this.policy;
  }

  set autoAccept(value: AutoAccept) {
    checkOptions({ autoAccept: value });
    this.policy = value;
    // Requests waiting for the user that the new policy admits go through now.
    for (const r of this.requests) if (value === 'all' || (value === 'trusted' && r.trusted)) r.accept();
  }

  /** Our peer id, once connected. */
  get id(): string | null {
    return this.session?.selfId ?? null;
  }

  /** Our display name. */
  get name(): string {
    return this.session?.self.name ?? this.options.name ?? '';
  }

  /** Our tab number (1 for the first tab of this browser profile). */
  get tab(): number | null {
    return this.session?.tab.id ?? null;
  }

  /** Our Ed25519 public key, once connected. */
  get publicKey(): Uint8Array | null {
    return this.session?.identity.publicKey ?? null;
  }

  /** The MQTT topic of the room, once connected. */
  get roomTopic(): string | null {
    return this.session?.roomTopic ?? null;
  }

  /** Peers that are not gone: pending, connecting, connected or verified. */
  get peers(): Peer[] {
    return [...this.peerMap.values()].filter((p) => p.state !== 'closed' && p.state !== 'failed' && p.state !== 'declined');
  }

  /** Connection requests waiting for `accept()` / `reject()`. */
  get requests(): ConnectionRequestEvent[] {
    return [...this.decisions.values()].flatMap((d) => (d.event ? [d.event] : []));
  }

  /** Every broker's state. */
  get brokers(): BrokerStatus[] {
    return this.session?.transport.statuses ?? [];
  }

  /** A peer by id, else the first verified peer whose name or label ("Alice (2)") matches. */
  getPeer(idOrName: string): Peer | undefined {
    const byId = this.peerMap.get(idOrName);
    if (byId) return byId;
    const peers = this.peers;
    return peers.find((p) => p.verified && (p.label === idOrName || p.name === idOrName)) ?? peers.find((p) => p.name === idOrName);
  }

  /**
   * Joins the room. Resolves once at least one broker is connected and we have announced.
   * @throws {Error} when no broker can be reached (the client keeps retrying in the background; `disconnect()` stops it)
   */
  connect(): Promise<void> {
    if (this._state === 'closed') return Promise.reject(new Error('this client was disconnected; make a new one'));
    if (this._state === 'connected') return Promise.resolve();
    this.connecting ??= this.join();
    return this.connecting;
  }

  /** Leaves the room: tells connected peers and the brokers, closes everything. Idempotent. */
  async disconnect(): Promise<void> {
    if (this._state === 'closed') return;
    this.setState('closed');
    this.announcer.stop();
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.pump) clearTimeout(this.pump);
    if (this.willRefresher) clearInterval(this.willRefresher);
    globalThis.removeEventListener?.('pagehide', this.onPageHide);
    await this.connecting?.catch(() => {});
    const s = this.session;
    for (const p of [...this.peerMap.values()]) p.shutdown('closed');
    for (const d of this.decisions.values()) d.resolve(false);
    this.decisions.clear();
    if (s) {
      try {
        s.transport.publish(s.roomTopic, await s.writer.leave(s.self));
      } catch {
        // Leaving must not fail: the will or the peers' timeouts cover it.
      }
      await s.transport.close();
      await s.history.flush();
      s.tab.release();
    }
    this.trust?.close();
    s?.kv.close();
  }

  /**
   * Sends a chat message to every verified peer. Peers that went away recently get it when
   * they come back, while this page stays open.
   * @returns the message id (each peer acknowledges it: `delivered` events)
   * @throws {RangeError} for empty text or text over 16 384 characters
   */
  broadcast(text: string): string {
    checkText(text);
    const now = Date.now();
    for (const [key, since] of this.away) if (now - since > AWAY_MS) this.away.delete(key);
    const live = [...this.peerMap.values()].filter((p) => p.verified);
    const recipients = new Set([...live.map((p) => p.key), ...this.away.keys()]);
    return this.record({ id: newMessageId(), text, sentAt: now, direct: false }, recipients, live, null);
  }

  /**
   * Offers a file to one peer (`to`) or to every verified peer. The file is hashed first
   * (SHA-256, streamed), then each peer accepts or declines; progress and the end come as
   * `fileprogress` and `fileend` events.
   * @throws {RangeError} over `maxFileSize`; {Error} when `to` is not verified
   */
  async sendFile(file: Blob, options: { to?: Peer; name?: string } = {}): Promise<FileTransfer[]> {
    const max = this.options.maxFileSize ?? DEFAULT_MAX_FILE_BYTES;
    if (!(file instanceof Blob)) throw new TypeError('sendFile takes a File or Blob');
    if (file.size > max) throw new RangeError(`file of ${file.size} bytes is over the ${max}-byte limit`);
    if (options.to && !options.to.verified) throw new Error(`peer ${options.to.label} is not verified`);
    const targets = options.to ? [options.to] : this.peers.filter((p) => p.verified);
    const name = options.name ?? (file instanceof File ? file.name : 'file');
    const hash = await hashBlob(file);
    const id = newMessageId();
    return Promise.all(targets.filter((p) => p.verified).map((p) => p.files.offer(id, file, name, file.type, hash)));
  }

  /** Tells verified peers we are typing; call it on input, it sends at most every 3 s. */
  typing(): void {
    const now = performance.now();
    if (now - this.lastTyping < TYPING_EVERY_MS) return;
    this.lastTyping = now;
    for (const p of this.peers) p.sendTyping();
  }

  /**
   * Reacts to a message with an emoji (`on: false` takes it back).
   * @throws {TypeError} when `emoji` is not a single emoji
   */
  react(messageId: string, emoji: string, on = true): void {
    if (typeof emoji !== 'string' || !isEmoji(emoji)) throw new TypeError('a reaction is one emoji');
    const s = this.session;
    if (!s) return;
    if (!s.history.react(messageId, toBase64Url(s.identity.publicKey), emoji, on)) return;
    for (const p of this.peers) p.sendReaction(messageId, emoji, on);
    this.dispatchEvent(new ReactionEvent(null, messageId, emoji, on));
  }

  /** Our conversation in this room, oldest first, including what was kept from earlier visits. */
  get history(): ChatRecord[] {
    return this.session?.history.all() ?? [];
  }

  /** Forgets the stored conversation of this room. */
  async clearHistory(): Promise<void> {
    await this.session?.history.clear();
  }

  /** Messages sent but not yet acknowledged by every identity they were for. */
  get pendingCount(): number {
    return this.outbox.size;
  }

  /** Keeps a message of ours in the outbox and the history, and sends it to `live` peers. */
  private record(entry: OutboxEntry, recipients: Set<string>, live: Peer[], to: Peer | null): string {
    for (const lost of this.outbox.add(entry, recipients)) this.reportDrop('channel', 'outbox-full', `gave up message ${lost.id}`, null);
    const record: ChatRecord = {
      id: entry.id,
      from: null,
      to: to ? { key: to.key, tab: to.tab, name: to.name } : null,
      direct: entry.direct,
      text: entry.text,
      sentAt: entry.sentAt,
      deliveredTo: [],
      sentTo: [...recipients],
    };
    this.session?.history.add(record);
    for (const p of live) this.pace(p, entry);
    this.dispatchEvent(new ChatSentEvent(record, to));
    return entry.id;
  }

  /** Sends `m` to `p` at our pace (delivery/pacer.ts), unless acknowledged meanwhile or sent less than `unlessWithinMs` ago. */
  private pace(p: Peer, m: OutboxEntry, unlessWithinMs = 0): void {
    this.pacer.send(p, m.id, m.text.length, () => {
      if (!p.verified || !this.outbox.has(p.key, m.id)) return false; // gone, or acknowledged meanwhile
      p.sendChat(m.text, m.direct, m.id, m.sentAt);
      return true;
    }, unlessWithinMs);
  }

  /** Changes our display name; verified peers are told, others see it in our next announce. */
  async setName(name: string): Promise<void> {
    const clean = normalizeName(name);
    const s = this.session;
    if (!s) {
      (this.options as RTChatClientOptions).name = clean;
      return;
    }
    const previous = s.self.name;
    if (clean === previous) return;
    s.self.name = clean;
    saveName(clean, { namespace: this.namespace });
    for (const p of this.peerMap.values()) p.sendName(clean);
    this.dispatchEvent(new NameChangeEvent(null, clean, previous));
    await this.announcer.now();
  }

  /** A closing tab says goodbye on every channel, so peers see it leave at once, not after a timeout. */
  private readonly onPageHide = (e: PageTransitionEvent) => {
    if (e.persisted) return; // kept in the back/forward cache: it may come back
    for (const p of this.peerMap.values()) if (p.state === 'verified' || p.state === 'connected') p.shutdown('closed');
  };

  /** A getter, so TypeScript does not narrow the state across awaits. */
  private get closed(): boolean {
    return this._state === 'closed';
  }

  private get namespace(): string {
    return this.options.storage ?? DEFAULT_NAMESPACE;
  }

  private async join(): Promise<void> {
    this.setState('connecting');
    const o = this.options;
    // A guessable secret hides nothing from a broker subscriber: say so once, and join anyway.
    const secretBits = o.secret === undefined ? Infinity : estimateSecretBits(o.secret);
    if (secretBits < WEAK_SECRET_BITS && !this.weakSecretReported) {
      this.weakSecretReported = true;
      console.warn(`rtchat: this room's secret is weak (about ${Math.round(secretBits)} bits by estimate; under ${WEAK_SECRET_BITS}, anyone who sees the room on the broker can guess it offline). Use a generated one: RTChatClient.createSecret().`);
      this.dispatchEvent(new WeakSecretEvent(secretBits, WEAK_SECRET_BITS));
    }
    const namespace = this.namespace;
    // What join() took so far, given back if it fails before the session exists.
    const taken: (() => void)[] = [];
    let s: Session;
    try {
      const kv = await openKvStore(`${namespace}store`);
      taken.push(() => kv.close());
      const tab = await acquireTabId({ namespace });
      taken.push(() => tab.release());
      if (tab.id > 255) throw new Error('more than 255 tabs of this profile are in rooms; close some');
      const [identity, trust, room] = await Promise.all([
        o.identity ?? Identity.load({ namespace, kv }),
        TrustStore.open({ namespace, kv }),
        deriveRoom({ origin: o.origin ?? location.origin, path: o.path ?? location.pathname, room: o.room, topic: o.topic, secret: o.secret }),
      ]);
      taken.push(() => trust.close());
      this.trust = trust;
      // Another tab (or the app) trusted, forgot or pinned a key: what we show may change.
      trust.addEventListener('change', () => {
        for (const p of this.peerMap.values()) if (p.verified) this.rejudge(p);
      });
      const history = await ChatHistory.open(kv, room.topic);
      const name = o.name !== undefined ? normalizeName(o.name) : loadOrCreateName({ namespace });
      if (o.name !== undefined) saveName(name, { namespace });
      const sealKeys = await SealKeys.generate(room.topic);
      const self: SenderInfo = {
        publicKey: identity.publicKey,
        tab: tab.id,
        session: new DataView(randomBytes(4).buffer).getUint32(0),
        name,
        sealKey: sealKeys.publicKey,
      };
      const selfId = peerIdOf(self.publicKey, self.tab);
      const ctx = {
        roomTopic: room.topic,
        selfId,
        roomKey: room.key,
        sealKeys,
        signer: identity,
        // Senders we know get their own share of the gate's budget (envelope.ts GATE_BUDGETS).
        knownKey: (key: Uint8Array) => this.knows(key),
        knownSealKey: (sealKey: Uint8Array) => [...this.peerMap.values()].some((p) => equalBytes(p.sealKey, sealKey)),
      };
      const writer = new SignalWriter(ctx);
      const transport = new MqttTransport({
        brokers: o.brokers ?? DEFAULT_BROKERS,
        will: { topic: room.topic, payload: await writer.leave(self) },
      });
      s = { kv, history, identity, tab, self, selfId, roomTopic: room.topic, inboxTopic: writer.inboxTopic, transport, writer, gate: new SignalGate(ctx) };
      if (this.closed) throw new Error('disconnected while joining');
    } catch (e) {
      for (const give of taken.reverse()) give();
      this.connecting = null;
      if (!this.closed) this.setState('idle');
      throw e;
    }
    this.session = s;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.willRefresher = setInterval(() => {
      void s.writer.leave(s.self).then((leave) => s.transport.setWill(leave)).catch(() => {});
    }, WILL_REFRESH_MS);
    const transport = s.transport;
    globalThis.addEventListener?.('pagehide', this.onPageHide);
    transport.addEventListener('message', (e) => void this.onSignal(e.topic, e.payload));
    transport.addEventListener('status', (e) => {
      this.dispatchEvent(new BrokerStatusEvent(e.status, transport.statuses));
      if (this._state !== 'connected' && this._state !== 'offline') return;
      const was = this._state;
      this.setState(transport.connected ? 'connected' : 'offline');
      // Joined while every broker was down: the first broker to come up starts the announcing.
      if (was === 'offline' && this._state === 'connected' && !this.announced) this.announcer.start();
    });
    transport.addEventListener('reconnect', () => this.announcer.start());
    transport.addEventListener('drop', (e) => this.reportDrop('signaling', e.reason, `${e.bytes} bytes`, null));
    // Subscribed before connecting: the transport subscribes on every broker as it comes up.
    await Promise.all([transport.subscribe(s.roomTopic), transport.subscribe(s.inboxTopic)]);
    try {
      await transport.connect();
    } catch (e) {
      // No broker reachable yet: the transport keeps trying; we join when one answers.
      this.setState('offline');
      this.dispatchEvent(new ClientErrorEvent(e instanceof Error ? e : new Error(String(e))));
      throw e;
    }
    if (this.closed) return;
    this.setState(transport.connected ? 'connected' : 'offline');
    this.announcer.start();
  }

  /**
   * Every few seconds: messages not acknowledged by a verified peer go again (a frame can be
   * lost to a rate limit or a dying channel), requests nobody answered expire, and identities
   * away for too long are forgotten with their outbox.
   */
  private sweep(): void {
    const now = Date.now();
    for (const p of this.peerMap.values()) {
      if (p.verified) {
        for (const m of this.outbox.pendingFor(p.key).filter((m) => now - m.sentAt > SWEEP_MS).slice(0, 100)) this.pace(p, m, SWEEP_MS);
      } else if (p.state === 'pending' && now - p.seenAt > PENDING_MS) {
        p.shutdown('closed', false);
      }
    }
    for (const [key, since] of this.away) {
      if (now - since < AWAY_MS && this.away.size <= 256) continue;
      this.away.delete(key);
      if (!this.peers.some((p) => p.key === key)) this.outbox.forget(key);
    }
  }

  /** A key we know: a live peer's, or one in the trust store. */
  private knows(key: Uint8Array): boolean {
    return [...this.peerMap.values()].some((p) => equalBytes(p.publicKey, key)) || !!this.trust?.known(key);
  }

  // ---- announcing -------------------------------------------------------------------------

  /** Follow-up announces help while someone seen is unconnected, nobody was seen yet, or someone who left may return. */
  private announceNeeded(): boolean {
    const waiting = [...this.peerMap.values()].some((p) => p.state === 'pending' && p.consent !== 'pending');
    const missed = [...this.away.keys()].some((key) => !this.peers.some((p) => p.key === key));
    // Someone may have been turned away in a flood: once it calms down, they find us again.
    const turnedAway = Date.now() - this.turnedAwayAt < TURNED_AWAY_MS;
    return this.peerMap.size === 0 || waiting || missed || turnedAway;
  }

  private async announce(): Promise<void> {
    const s = this.session;
    if (!s || this._state === 'closed') return;
    if (s.transport.publish(s.roomTopic, await s.writer.announce(s.self)) > 0) this.announced = true;
  }

  // ---- signaling ----------------------------------------------------------------------------

  private async onSignal(topic: string, payload: Uint8Array): Promise<void> {
    const s = this.session;
    if (!s || this._state === 'closed') return;
    let m: SignalMessage;
    try {
      m = await s.gate.accept(topic, payload);
    } catch (e) {
      if (e instanceof SignalRejected) {
        if (e.reason !== 'own') this.reportDrop('signaling', e.reason, e.message, e.sender ?? null);
      }
      else this.reportDrop('signaling', 'malformed', String(e), null);
      return;
    }
    try {
      if (m.kind === 'leave') return this.onLeave(peerIdOf(m.publicKey, m.tab), m.session);
      const id = peerIdOf(m.from.publicKey, m.from.tab);
      if (id === s.selfId) return; // our own announce, echoed by the broker
      if (m.kind === 'announce') return await this.onAnnounce(id, m.from, m.ts);
      if (m.toSession !== s.self.session) return this.reportDrop('signaling', 'stale', `${m.kind} for an earlier session`, id);
      if (m.kind === 'offer') return await this.onOffer(id, m);
      if (m.kind === 'answer') return await this.onAnswer(id, m);
      if (m.kind === 'decline') return this.peerMap.get(id)?.session === m.from.session ? this.peerMap.get(id)!.shutdown('declined', false) : undefined;
    } catch (e) {
      this.dispatchEvent(new ClientErrorEvent(e instanceof Error ? e : new Error(String(e))));
    }
  }

  /** The peer for this sender: the existing one, or a new one (replacing an older session). */
  /**
   * The peer for this sender: the existing one, or a new one replacing an older session.
   * Null when the message comes from a session older than the one we know (a replayed
   * announce must not end a live connection), or when too many peers are still unverified.
   */
  private peerFor(id: string, from: SenderInfo, role: 'offerer' | 'answerer', ts: number): { peer: Peer; isNew: boolean } | null {
    const existing = this.peerMap.get(id);
    if (existing && existing.session === from.session) return { peer: existing, isNew: false };
    if (existing && ts <= existing.since) {
      this.reportDrop('signaling', 'stale', 'message from an earlier session of a known peer', id);
      return null;
    }
    if (!existing && !this.admit(id, from)) return null;
    // A new session of a known peer (reload, reconnect): the old connection is over.
    if (existing) existing.shutdown('replaced', false);
    const peer = new Peer(this.host, id, from, role);
    peer.since = ts;
    this.peerMap.set(id, peer);
    this.dispatchEvent(new PeerSeenEvent(peer));
    return { peer, isNew: true };
  }

  /**
   * Makes room for a new unverified peer: within the per-key cap, and when every slot is
   * taken, by evicting the peer that got least far (no open channel; ICE without a path
   * before ICE with one; strangers before keys we know; oldest first). So an attacker whose
   * handshakes never progress cannot keep an honest newcomer out; only peers with an open
   * channel (which must prove themselves within the verification timeout) are never evicted.
   * @returns false when the peer is refused (reported as a drop)
   */
  private admit(id: string, from: SenderInfo): boolean {
    const unverified = [...this.peerMap.values()].filter((p) => p.state === 'pending' || p.state === 'connecting' || p.state === 'connected');
    if (unverified.filter((p) => equalBytes(p.publicKey, from.publicKey)).length >= MAX_UNVERIFIED_PER_KEY) {
      this.reportDrop('signaling', 'rate-limited', `more than ${MAX_UNVERIFIED_PER_KEY} unverified tabs of one key`, id);
      return false;
    }
    if (unverified.length < MAX_UNVERIFIED) return true;
    const rank = (p: Peer) => p.progress * 2 + (this.trust?.known(p.publicKey) ? 1 : 0);
    const victim = unverified
      .filter((p) => p.progress < 2)
      .sort((a, b) => rank(a) - rank(b) || a.seenAt - b.seenAt)[0];
    this.turnedAwayAt = Date.now();
    if (!victim) {
      this.reportDrop('signaling', 'rate-limited', `${MAX_UNVERIFIED} peers are proving themselves`, id);
      return false;
    }
    this.reportDrop('signaling', 'evicted', `${MAX_UNVERIFIED} peers waiting: made room by dropping the one that got least far`, victim.id);
    victim.shutdown('closed', false);
    this.announcer.ensure(); // someone turned away may need to find us again later
    return true;
  }

  private async onAnnounce(id: string, from: SenderInfo, ts: number): Promise<void> {
    if (this.declinedSessions.has(`${id}|${from.session}`)) return;
    const found = this.peerFor(id, from, 'offerer', ts);
    if (!found) return;
    const { peer, isNew } = found;
    if (!isNew) {
      // Only before the connection: from then on the name is judged at verification and
      // changes only by a `name` frame over the verified channel (trust-policy.ts judges both).
      // Nor while the user is asked about it: the request shows the name it was judged under.
      const asking = !!this.decisions.get(peer)?.event;
      if (from.name !== peer.name && (peer.state === 'pending' || peer.state === 'connecting') && !asking) {
        const previous = peer.name;
        peer.name = from.name;
        this.dispatchEvent(new NameChangeEvent(peer, from.name, previous));
      }
      return;
    }
    // Whoever hears an announce offers. If ours may have crossed theirs (we announced just
    // now), both may hear one: the lower peer id offers at once, the higher waits a moment for
    // that offer, so a crossing costs no second offer (and no bytes).
    const crossing = this.announcer.sinceLast < CROSSING_MS;
    if (crossing && this.session!.selfId > id) {
      await new Promise((r) => setTimeout(r, CROSSING_WAIT_MS));
      // Meanwhile the peer may have offered, left or been replaced, or we disconnected.
      if (this.closed || this.peerMap.get(id) !== peer || peer.state !== 'pending' || peer.role !== 'offerer') return;
    }
    if (!(await this.decide(peer, true))) return;
    if (peer.role !== 'offerer' || peer.state !== 'pending') return;
    this.startHandshake(peer, () => peer.role === 'offerer' && peer.state === 'pending', () => this.offer(peer));
  }

  /**
   * Starts a new connection (an offer, or the answer to one) within HANDSHAKES_PER_SECOND:
   * at once while the budget lasts, else queued and started as it refills (keys we know
   * first, then the newest), so a burst is spread out instead of stalling the page, and a
   * room's worth of offers to a newcomer is answered in well under a second.
   */
  private startHandshake(peer: Peer, stillWanted: () => boolean, run: () => Promise<void>): void {
    const go = () => run().catch((e) => this.dispatchEvent(new ClientErrorEvent(e instanceof Error ? e : new Error(String(e)))));
    if (!this.handshakeQueue.size && this.handshakes.take('all')) return void go();
    this.handshakeQueue.delete(peer); // a newer attempt for the same peer replaces its older one
    this.handshakeQueue.set(peer, { stillWanted, go });
    if (this.handshakeQueue.size > MAX_UNVERIFIED) this.handshakeQueue.delete(this.handshakeQueue.keys().next().value!);
    this.pumpHandshakes();
  }

  private pumpHandshakes(): void {
    if (this.pump || this.closed) return;
    this.pump = setTimeout(() => {
      this.pump = null;
      for (const [peer, h] of this.handshakeQueue) if (this.peerMap.get(peer.id) !== peer || !h.stillWanted()) this.handshakeQueue.delete(peer);
      const order = [...this.handshakeQueue].sort(([a], [b]) => Number(this.knows(b.publicKey)) - Number(this.knows(a.publicKey)) || b.seenAt - a.seenAt);
      for (const [peer, h] of order) {
        if (!this.handshakes.take('all')) break;
        this.handshakeQueue.delete(peer);
        h.go();
      }
      if (this.handshakeQueue.size) this.pumpHandshakes();
    }, 1000 / HANDSHAKES_PER_SECOND);
  }

  private async offer(peer: Peer, attempt = 1): Promise<void> {
    const s = this.session!;
    try {
      const sdp = await peer.createOffer();
      if (peer.role !== 'offerer' || peer.state !== 'connecting') return; // glare resolved against us meanwhile
      const { topic, payload } = await s.writer.direct('offer', s.self, peer, sdp);
      s.transport.publish(topic, payload);
    } catch (e) {
      if (e instanceof Superseded) return;
      peer.shutdown('failed', false);
      throw e;
    }
    // Signaling is fire-and-forget (QoS 0): an offer or answer lost on the way is made again.
    setTimeout(() => {
      if (this.closed || this.peerMap.get(peer.id) !== peer || peer.role !== 'offerer' || peer.state !== 'connecting') return;
      if (attempt >= OFFER_ATTEMPTS || !peer.awaitingAnswer) return peer.shutdown('failed', false);
      peer.reset('offerer');
      this.offer(peer, attempt + 1).catch((e) => this.dispatchEvent(new ClientErrorEvent(e instanceof Error ? e : new Error(String(e)))));
    }, ANSWER_TIMEOUT_MS);
  }

  private async onOffer(id: string, m: DirectMessage): Promise<void> {
    const s = this.session!;
    if (this.declinedSessions.has(`${id}|${m.from.session}`)) {
      // Tell a peer we turned down, so it stops offering.
      const to = { id, sealKey: m.from.sealKey, session: m.from.session };
      const { topic, payload } = await s.writer.direct('decline', s.self, to, new Uint8Array(0));
      s.transport.publish(topic, payload);
      return;
    }
    const found = this.peerFor(id, m.from, 'answerer', m.ts);
    if (!found) return;
    const { peer } = found;
    if ((peer.state === 'connected' || peer.state === 'verified') && peer.role === 'answerer') {
      // An ICE restart of the live connection.
      try {
        const sdp = await peer.acceptRestartOffer(m.sdp);
        const { topic, payload } = await s.writer.direct('answer', s.self, peer, sdp);
        s.transport.publish(topic, payload);
      } catch (e) {
        this.reportDrop('signaling', 'malformed', `restart offer could not be applied: ${e}`, id);
      }
      return;
    }
    if (peer.role === 'offerer') {
      if (peer.state === 'connected' || peer.state === 'verified') return;
      // Glare: both sides offered. The lower peer id's offer wins.
      if (s.selfId < id) return;
      peer.reset('answerer');
    } else if (peer.state === 'connecting') {
      // The offerer made its offer again: our answer was lost, or never arrived. Start over.
      peer.reset('answerer');
    } else if (peer.state !== 'pending') {
      return; // already connected: nothing to renegotiate
    }
    if (!(await this.decide(peer, false))) {
      const { topic, payload } = await s.writer.direct('decline', s.self, peer, new Uint8Array(0));
      s.transport.publish(topic, payload);
      return;
    }
    if (peer.state !== 'pending' && peer.state !== 'connecting') return;
    const session = m.from.session;
    this.startHandshake(
      peer,
      () => peer.session === session && (peer.state === 'pending' || peer.state === 'connecting') && peer.role === 'answerer',
      () => this.answer(peer, m),
    );
  }

  private async answer(peer: Peer, m: DirectMessage): Promise<void> {
    const s = this.session!;
    try {
      const sdp = await peer.createAnswer(m.sdp);
      const { topic, payload } = await s.writer.direct('answer', s.self, peer, sdp);
      s.transport.publish(topic, payload);
    } catch (e) {
      if (e instanceof Superseded) return;
      peer.shutdown('failed', false);
      this.reportDrop('signaling', 'malformed', `offer could not be applied: ${e}`, peer.id);
    }
  }

  private async onAnswer(id: string, m: DirectMessage): Promise<void> {
    const peer = this.peerMap.get(id);
    const live = peer?.state === 'connected' || peer?.state === 'verified';
    if (!peer || peer.session !== m.from.session || peer.role !== 'offerer' || !(peer.state === 'connecting' || (live && peer.awaitingAnswer))) {
      return this.reportDrop('signaling', 'stale', 'answer to no offer of ours', id);
    }
    try {
      await peer.acceptAnswer(m.sdp);
    } catch (e) {
      this.reportDrop('signaling', 'malformed', `answer could not be applied: ${e}`, id);
    }
  }

  /** ICE restart of a live connection: the offerer of the pair sends a new offer through the brokers. */
  private async restartIce(peer: Peer): Promise<void> {
    const s = this.session;
    if (!s || peer.role !== 'offerer' || peer.awaitingAnswer) return;
    const sdp = await peer.createRestartOffer();
    const { topic, payload } = await s.writer.direct('offer', s.self, peer, sdp);
    s.transport.publish(topic, payload);
  }

  private onLeave(id: string, session: number): void {
    const peer = this.peerMap.get(id);
    // Verified peers are watched over their own channel; the will only settles the others.
    if (peer && peer.session === session && peer.state !== 'verified' && peer.state !== 'connected') peer.shutdown('left', false);
  }

  // ---- consent ------------------------------------------------------------------------------

  /** Asks once per peer session, according to the autoAccept policy. */
  private decide(peer: Peer, initiator: boolean): Promise<boolean> {
    if (peer.consent !== 'pending') return Promise.resolve(peer.consent === 'accepted');
    if (peer.state !== 'pending' && peer.state !== 'connecting') return Promise.resolve(false);
    const existing = this.decisions.get(peer);
    if (existing) return existing.promise;
    const policy = this.policy;
    // Explicit trust of this key under this name: a key merely seen before, or a trusted key
    // showing someone else's name, is asked about like a stranger.
    const verdict = this.trust?.assess(peer.publicKey, peer.name);
    const trusted = verdict?.status === 'trusted';
    let resolve!: (ok: boolean) => void;
    const promise = new Promise<boolean>((r) => (resolve = r));
    const entry: { promise: Promise<boolean>; resolve: (ok: boolean) => void; event?: ConnectionRequestEvent } = {
      promise,
      resolve: (ok) => {
        if (!this.decisions.has(peer)) return;
        this.decisions.delete(peer);
        peer.consent = ok ? 'accepted' : 'rejected';
        // Only a person's Accept lets this key back in without asking (not the 'all' policy).
        if (ok && entry.event) this.admitted.add(peer.key);
        if (!ok && peer.state === 'pending') peer.shutdown('declined', false);
        resolve(ok);
      },
    };
    this.decisions.set(peer, entry);
    if (policy === 'all' || (policy === 'trusted' && trusted) || this.admitted.has(peer.key)) {
      entry.resolve(true);
    } else {
      entry.event = new ConnectionRequestEvent(peer, initiator, trusted, entry.resolve, verdict?.warning ?? null);
      this.dispatchEvent(entry.event);
    }
    return promise;
  }

  // ---- what peers tell us ---------------------------------------------------------------------

  private reportDrop(source: 'signaling' | 'channel', reason: string, detail: string, sender: string | null): void {
    if (!this.reported.add(`${source}|${reason}|${sender ?? ''}`)) return;
    this.dispatchEvent(new DropEvent(source, reason, detail, sender));
  }

  /** What each Peer calls back into. */
  private readonly host = {
    client: this,
    get roomTopic() {
      return this.client.session!.roomTopic;
    },
    get signer() {
      return this.client.session!.identity;
    },
    get iceServers() {
      return this.client.options.iceServers ?? DEFAULT_ICE_SERVERS;
    },
    get iceGatheringTimeoutMs() {
      return this.client.options.iceGatheringTimeout ?? 2500;
    },
    get verificationTimeoutMs() {
      return this.client.options.verificationTimeout ?? 10_000;
    },
    handshakeTimeoutMs: HANDSHAKE_MS,
    onOpen: (peer: Peer) => this.dispatchEvent(new PeerConnectedEvent(peer)),
    onProofPassed: (peer: Peer, name: string) => this.assessTrust(peer, name),
    onVerified: (peer: Peer) => {
      this.away.delete(peer.key);
      // Our name may have changed while this peer was verifying (it only hears names from verified peers).
      if (this.session) peer.sendName(this.session.self.name);
      this.dispatchEvent(new VerifiedEvent(peer, peer.trust!, peer.safetyCode!));
      // Whatever this identity has not acknowledged yet goes again, same ids, in order.
      for (const m of this.outbox.pendingFor(peer.key)) this.pace(peer, m);
    },
    onVerificationFailed: (peer: Peer, reason: VerificationFailure) => this.dispatchEvent(new VerificationFailedEvent(peer, reason)),
    onClosed: (peer: Peer, reason: CloseReason, wasOpen: boolean) => {
      this.decisions.get(peer)?.resolve(false);
      if (this.peerMap.get(peer.id) === peer) this.peerMap.delete(peer.id);
      // Remembered by session, bounded, so a flood of declined keys cannot grow memory.
      if (reason === 'declined') this.declinedSessions.add(`${peer.id}|${peer.session}`);
      if (peer.trust && reason !== 'closed' && reason !== 'policy') this.away.set(peer.key, Date.now());
      if (wasOpen || reason === 'declined' || peer.consent === 'accepted') this.dispatchEvent(new PeerDisconnectedEvent(peer, reason));
      // A connection lost (not left) may come back: tell the room we are here.
      if ((reason === 'lost' || reason === 'timeout') && wasOpen && !this.closed) this.announcer.start();
    },
    onChat: (peer: Peer, m: { id: string; text: string; ts: number; direct: boolean }) => {
      const history = this.session?.history;
      // Re-sent after a lost acknowledgement: already shown once.
      if (!history || history.has(m.id, peer.key)) return;
      const from = { key: peer.key, tab: peer.tab, name: peer.name };
      history.add({ id: m.id, from, to: null, direct: m.direct, text: m.text, sentAt: m.ts, deliveredTo: [], sentTo: [] });
      this.dispatchEvent(new ChatMessageEvent(peer, m.id, m.text, m.ts, m.direct));
    },
    sendDirect: (peer: Peer, text: string) => this.record({ id: newMessageId(), text, sentAt: Date.now(), direct: true }, new Set([peer.key]), [peer], peer),
    onAck: (peer: Peer, id: string) => {
      this.outbox.ack(peer.key, id);
      if (this.session?.history.delivered(id, peer.key)) this.dispatchEvent(new DeliveredEvent(peer, id, this.outbox.waitingOn(id).length === 0));
    },
    onQuestion: (peer: Peer, question: unknown) => {
      const event = new QuestionEvent(peer, question);
      this.dispatchEvent(event);
      return event.response ?? Promise.reject(new Error('no answer: the peer has no question handler'));
    },
    onName: (peer: Peer, previous: string) => {
      // A verified peer's new name is judged like the one it verified under.
      if (!this.rejudge(peer)) return;
      this.dispatchEvent(new NameChangeEvent(peer, peer.name, previous));
    },
    onDrop: (peer: Peer, reason: string, detail: string) => this.reportDrop('channel', reason, detail, peer.id),
    onPathLost: (peer: Peer) => void this.restartIce(peer).catch(() => {}),
    onState: (peer: Peer, previous: PeerState) => this.dispatchEvent(new PeerStateEvent(peer, previous)),
    get maxFileBytes() {
      return this.client.options.maxFileSize ?? DEFAULT_MAX_FILE_BYTES;
    },
    onFileOffer: (peer: Peer, t: FileTransfer) => this.dispatchEvent(new FileOfferEvent(peer, t)),
    onFileProgress: (peer: Peer, t: FileTransfer) => this.dispatchEvent(new FileProgressEvent(peer, t)),
    onFileEnd: (peer: Peer, t: FileTransfer) => {
      if (t.state === 'done' && t.file) this.dispatchEvent(new FileReceivedEvent(peer, t, t.file));
      this.dispatchEvent(new FileEndEvent(peer, t));
    },
    onTyping: (peer: Peer) => this.dispatchEvent(new TypingEvent(peer)),
    onReaction: (peer: Peer, messageId: string, emoji: string, on: boolean) => {
      if (this.session?.history.react(messageId, peer.key, emoji, on)) this.dispatchEvent(new ReactionEvent(peer, messageId, emoji, on));
    },
  };

  /** Judges a peer whose proof passed, under the name it had then (trust-policy.ts). */
  private async assessTrust(peer: Peer, name: string): Promise<{ trust: TrustStatus; warning: NameWarning | null } | { failure: VerificationFailure }> {
    const s = this.session;
    const trust = this.trust;
    if (!s || !trust) return { failure: 'timeout' };
    const verdict = trust.assess(peer.publicKey, name);
    if (verdict.status === 'key-changed' && this.options.keyChange === 'reject') return { failure: 'key-changed' };
    // Pinned before any await: a second key verifying meanwhile under the same name sees this pin.
    const pinned = verdict.pin ? trust.pin(peer.publicKey, name) : null;
    peer.safetyCode = await safetyCode(s.identity.publicKey, peer.publicKey);
    // Storage failing must not fail the peer; the pin is then undone (trust-store.ts), so this
    // key stays new and is pinned again at its next verification.
    await pinned?.catch(() => {});
    return { trust: trustStatusOf(verdict.status), warning: verdict.warning };
  }

  /**
   * Judges a verified peer again (its name or the trust store changed). Reports a change as
   * `trustchange`; under `keyChange: 'reject'` a peer now showing someone else's name fails.
   * @returns false when the peer was closed
   */
  private rejudge(peer: Peer): boolean {
    const trust = this.trust;
    if (!trust || !peer.verified) return peer.verified;
    const verdict = trust.assess(peer.publicKey, peer.name);
    if (verdict.status === 'key-changed' && this.options.keyChange === 'reject') {
      this.dispatchEvent(new VerificationFailedEvent(peer, 'key-changed'));
      peer.shutdown('failed');
      return false;
    }
    if (verdict.pin) void trust.pin(peer.publicKey, peer.name).catch(() => {});
    // A first contact stays `pinned` for the rest of its visit unless something changes.
    const next = verdict.status === 'new' || (verdict.status === 'seen' && peer.trust === 'pinned') ? peer.trust! : trustStatusOf(verdict.status);
    const previous = { trust: peer.trust, warning: peer.nameWarning };
    if (next === previous.trust && verdict.warning === previous.warning) return true;
    peer.trust = next;
    peer.nameWarning = verdict.warning;
    this.dispatchEvent(new TrustChangeEvent(peer, next, verdict.warning, previous.trust, previous.warning));
    return true;
  }

  /**
   * Trusts a verified peer's key under its current name: the person compared safety codes,
   * or otherwise vouches for it. From now on `autoAccept: 'trusted'` admits it, and its
   * name shows without a warning (even if another key held that name before).
   * @param name the name the person saw when deciding (default: the current one); when the
   *   peer renamed itself meanwhile, nothing is trusted
   * @throws {Error} when the peer is not verified, renamed itself since `name` was shown, or the client has not joined
   */
  async trustPeer(peer: Peer, name: string = peer.name): Promise<void> {
    if (!this.trust) throw new Error('not joined yet');
    if (!peer.verified) throw new Error(`peer ${peer.label} is not verified`);
    if (peer.name !== name) throw new Error(`peer renamed itself from ${name} to ${peer.name}: not trusted`);
    // The store's change event judges every verified peer again, this one included.
    await this.trust.register(peer.publicKey, peer.name);
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

/** A verified peer's status from the store's verdict (`new` means we just pinned it). */
const trustStatusOf = (status: TrustAssessment['status']): TrustStatus => (status === 'new' ? 'pinned' : status);
