/**
 * One client's room: its parts, wired together, and their lifecycle (join and leave). The
 * client (client.ts) is the public face; this is where the parts meet.
 */
import { NotJoinedError } from '../errors.js';
import { BrokerStatusEvent, ClientErrorEvent, DropEvent, JoinedEvent, WeakSecretEvent } from '../events/index.js';
import type { ClientState } from '../client-state.js';
import { DEFAULT_NAMESPACE } from '../identity/kv-store.js';
import { DEFAULT_BROKERS, type RTChatClientOptions } from '../options.js';
import { PeerLink } from '../peer/peer-link.js';
import { linkOf, type Peer } from '../peer/peer.js';
import { WEAK_SECRET_BITS, estimateSecretBits } from '../signaling/secret-strength.js';
import { dropPreconnected, preconnect } from '../signaling/ws-preconnect.js';
import { ExpiringSet } from '../util/expiring-set.js';
import { equalBytes } from '../util/bytes.js';
import { Admission } from './admission.js';
import type { RoomContext } from './context.js';
import { exposeInternals } from './internals.js';
import { Messenger, RESEND_MS } from './messenger.js';
import { HistorySync } from '../history/history-sync.js';
import { Negotiator } from './negotiator.js';
import { peerHandlers } from './peer-bridge.js';
import { PeerRegistry } from './peers.js';
import { closeSession, openSession, peerConfigOf, type Session } from './session.js';
import { TrustKeeper } from './trust-keeper.js';

/** A peer seen but neither asked about nor connecting (e.g. waiting for its offer) ends after this long. */
const PENDING_MS = 2 * 60_000;
/**
 * A knock waits this long for a person: our request about it (the person may be away, the
 * widget closed), or our knock at a member's door. Bounded by the unverified-peer limit.
 */
const KNOCK_MS = 10 * 60_000;
/** How often the last will is signed afresh: a leave is valid 5 minutes (4.8), and a broker takes the will of the last CONNECT. */
const WILL_REFRESH_MS = 60_000;

/** What the room needs from its client. */
export interface RoomOwner {
  readonly target: EventTarget;
  readonly state: ClientState;
  setState(next: ClientState): void;
}

export class Room {
  readonly ctx: RoomContext;
  readonly peers = new PeerRegistry();
  readonly trust: TrustKeeper;
  readonly admission: Admission;
  readonly messenger: Messenger;
  readonly sync: HistorySync;
  readonly negotiator: Negotiator;
  session: Session | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private weakSecretReported = false;
  private dropTap: ((source: 'signaling' | 'channel', reason: string) => void) | null = null;
  private readonly reported = new ExpiringSet(60_000, 2048);

  constructor(
    readonly options: Readonly<RTChatClientOptions>,
    private readonly owner: RoomOwner,
  ) {
    const emit = (event: Event) => owner.target.dispatchEvent(event);
    this.ctx = {
      options,
      get closed() {
        return owner.state === 'closed';
      },
      emit,
      drop: (source, reason, detail, sender) => {
        this.dropTap?.(source, reason);
        if (this.reported.add(`${source}|${reason}|${sender ?? ''}`)) emit(new DropEvent({ source, reason, detail, sender }));
      },
      error: (e) => emit(new ClientErrorEvent({ error: e instanceof Error ? e : new Error(String(e)) })),
    };
    this.trust = new TrustKeeper(this.ctx, this.peers);
    this.admission = new Admission(
      this.ctx,
      this.peers,
      this.trust,
      () => this.negotiator.announcer.ensure(),
      (link) => this.negotiator.letIn(link),
    );
    this.messenger = new Messenger(this.ctx, this.peers);
    this.sync = new HistorySync(this.ctx, (key, name) => this.trust.assess(key, name));
    // The handlers read the negotiator when a peer first reports, after it is made below.
    const handlers = peerHandlers(this.partsFor());
    this.negotiator = new Negotiator({
      ctx: this.ctx,
      peers: this.peers,
      admission: this.admission,
      session: () => this.session,
      makeLink: (id, from, role) => {
        const link = new PeerLink(peerConfigOf(options, this.session), handlers, id, from, role);
        link.ownTab = equalBytes(from.publicKey, this.joined().self.publicKey);
        return link;
      },
      knows: (key) => this.knows(key),
      missing: () => this.messenger.missing,
    });
    exposeInternals(owner.target, {
      session: () => this.session,
      link: (peer) => this.link(peer),
      restartIce: (peer) => this.negotiator.restartIce(this.link(peer)),
      tapDrops: (tap) => void (this.dropTap = tap),
      historyChecked: () => this.sync.checked(),
    });
  }

  /** The link behind a handle this client gave out. @throws {TypeError} for anything else */
  link(peer: Peer): PeerLink {
    const link = linkOf(peer);
    if (!link || this.peers.get(link.id) !== link) throw new TypeError(`not a current peer of this client: ${peer.label}`);
    return link;
  }

  get namespace(): string {
    return this.options.storage ?? DEFAULT_NAMESPACE;
  }

  /** Opens the session and meets the room through its brokers. */
  async join(): Promise<void> {
    const owner = this.owner;
    owner.setState('connecting');
    this.warnIfWeakSecret();
    // The WebSockets under the MQTT connections need nothing from the session: open them now
    // (ws-preconnect.ts). A custom transport without broker URLs makes its own connections.
    const brokers = this.options.transport && !this.options.brokers ? [] : (this.options.brokers ?? DEFAULT_BROKERS);
    preconnect(brokers);
    let s: Session;
    try {
      s = await openSession(
        this.options,
        this.namespace,
        { knownKey: (key) => this.knows(key), knownSealKey: (k) => this.peers.hasSealKey(k), senderBySealKeyId: (id) => this.peers.senderBySealKeyId(id) },
        () => owner.state !== 'closed',
      );
    } catch (e) {
      dropPreconnected(brokers);
      if (owner.state !== 'closed') owner.setState('idle');
      throw e;
    }
    this.session = s;
    if (this.ctx.closed) return; // disconnected while the session opened: leave() closes it
    this.trust.attach(s.trust, s.identity.publicKey, () => s.self.name);
    this.sync.attach({ history: s.history, signer: s.identity, roomTopic: s.roomTopic, name: () => s.self.name });
    // Only a sharing client signs: a message without its author's signature can never be
    // passed on, so an author who does not share keeps what it says with those who heard it
    // (and pays no signature per message).
    this.messenger.attach(s.history, this.sync.enabled ? (m) => this.sync.signOwn(m) : null);
    this.timers.push(
      setInterval(() => this.sweep(), RESEND_MS),
      setInterval(
        () =>
          void s.writer
            .leave(s.self)
            .then((leave) => s.transport.setWill(leave))
            .catch(() => {}),
        WILL_REFRESH_MS,
      ),
    );
    this.ctx.emit(new JoinedEvent({ id: s.selfId, roomTopic: s.roomTopic }));
    const transport = s.transport;
    globalThis.addEventListener?.('pagehide', this.onPageHide);
    this.negotiator.listen(transport);
    transport.addEventListener('status', (e) => {
      this.ctx.emit(new BrokerStatusEvent({ status: e.status, all: transport.statuses }));
      if (owner.state !== 'connected' && owner.state !== 'offline') return;
      const was = owner.state;
      owner.setState(transport.connected ? 'connected' : 'offline');
      // Joined while every broker was down: the first broker to come up starts the announcing.
      if (was === 'offline' && owner.state === 'connected' && !this.negotiator.announced) void this.negotiator.announcer.start();
    });
    transport.addEventListener('drop', (e) => this.ctx.drop('signaling', e.reason, `${e.bytes} bytes`, null));
    // Subscribed before connecting: the transport subscribes on every broker as it comes up.
    await Promise.all([transport.subscribe(s.roomTopic), transport.subscribe(s.inboxTopic)]);
    try {
      await transport.connect();
    } catch (e) {
      if (this.ctx.closed) throw e;
      // No broker reachable yet: the transport keeps trying; we join when one answers.
      owner.setState('offline');
      this.ctx.error(e);
      throw e;
    }
    if (this.ctx.closed) return;
    owner.setState(transport.connected ? 'connected' : 'offline');
    // Joined means subscribed and announced: a page (or a test) that waits for `connect()`
    // knows that the room has heard of it.
    await this.negotiator.announcer.start();
  }

  /** Stops everything that runs by itself (announcing, handshakes, sweeps): at once, when the client closes. */
  stop(): void {
    this.negotiator.stop();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    globalThis.removeEventListener?.('pagehide', this.onPageHide);
  }

  /** Tells connected peers and the brokers, closes everything. */
  async leave(): Promise<void> {
    this.stop();
    for (const p of this.peers.all()) p.shutdown('closed');
    this.admission.closeAll();
    if (this.session) await closeSession(this.session);
  }

  /** The session, or NotJoinedError. */
  joined(): Session {
    if (!this.session) throw new NotJoinedError('not joined yet');
    return this.session;
  }

  /** A key we know: a live peer's, or one in the trust store. */
  private knows(key: Uint8Array): boolean {
    return this.peers.hasKey(key) || this.trust.known(key);
  }

  private partsFor() {
    const negotiator = () => this.negotiator;
    return {
      ctx: this.ctx,
      peers: this.peers,
      admission: this.admission,
      messenger: this.messenger,
      sync: this.sync,
      trust: this.trust,
      get negotiator() {
        return negotiator();
      },
      ownName: () => this.session?.self.name ?? null,
    };
  }

  /** A guessable secret hides nothing from a broker subscriber: say so once, and join anyway. */
  private warnIfWeakSecret(): void {
    const bits = this.options.secret === undefined ? Infinity : estimateSecretBits(this.options.secret);
    if (bits >= WEAK_SECRET_BITS || this.weakSecretReported) return;
    this.weakSecretReported = true;
    console.warn(
      `rtchat: this room's secret is weak (about ${Math.round(bits)} bits by estimate; under ${WEAK_SECRET_BITS}, anyone who sees the room on the broker can guess it offline). Use a generated one: RTChatClient.createSecret().`,
    );
    this.ctx.emit(new WeakSecretEvent({ bits, threshold: WEAK_SECRET_BITS }));
  }

  /** Every few seconds: unacknowledged messages go again, unanswered requests and knocks expire. */
  private sweep(): void {
    const now = Date.now();
    this.messenger.sweep(now);
    this.admission.sweep(now);
    for (const p of this.peers.all()) {
      const limit = p.knock || this.admission.asking(p) ? KNOCK_MS : PENDING_MS;
      if (p.state !== 'pending' || now - p.seenAt <= limit) continue;
      p.shutdown('closed', false);
      // Whoever that was may still be out there: our announces (slow tail) let us meet again.
      this.negotiator.announcer.ensure();
    }
  }

  /** A closing tab says goodbye on every channel, so peers see it leave at once, not after a timeout. */
  private readonly onPageHide = (e: PageTransitionEvent) => {
    if (e.persisted) return; // kept in the back/forward cache: it may come back
    for (const p of this.peers.all()) if (p.state === 'verified' || p.state === 'connected') p.shutdown('closed');
  };
}
