/**
 * The inside of one remote peer: its lifecycle (negotiation.ts), its current connection
 * (connection.ts), the identity proof (handshake.ts), questions (asks.ts), the frame gate
 * and budgets (frame-guard.ts) and file transfers (peer-files.ts). The client's parts hold
 * PeerLinks; pages see only the read-only `Peer` handle (peer.ts).
 */
import { normalizeName } from '../identity/friendly-name.js';
import type { NameWarning } from '../identity/trust-policy.js';
import type { DropReason } from '../drop-reasons.js';
import type { SignedPart } from '../delivery/history.js';
import type { CompactDescription } from '../signaling/compact-sdp.js';
import type { Signer } from '../signaling/envelope.js';
import type { SenderInfo } from '../signaling/messages.js';
import { toBase64Url } from '../util/bytes.js';
import { Asks, type AskOptions } from './asks.js';
import { Connection, Superseded } from './connection.js';
import type { FileTransfer } from './file-transfer.js';
import { FrameGuard } from './frame-guard.js';
import { FrameRejected, parseFrame, writeFrame, type Frame } from './frames.js';
import { Handshake } from './handshake.js';
import { Negotiation, isFinal, isLive, type PeerState, type Role } from './negotiation.js';
import { Peer, type CloseReason, type KnockState, type TrustStatus } from './peer.js';
import { PeerFiles } from './peer-files.js';
import type { VerificationFailure } from './verification.js';

const PING_EVERY_MS = 2_000;
/** Silence after which a peer counts as gone (the spec: reported within 10 s). */
const SILENCE_MS = 7_000;

/** Settings a peer takes from its client. */
export interface PeerConfig {
  readonly roomTopic: string;
  readonly signer: Signer;
  readonly iceServers: RTCIceServer[];
  readonly iceGatheringTimeoutMs: number;
  readonly verificationTimeoutMs: number;
  /** How long a connection may take from our offer or answer to an open channel. */
  readonly handshakeTimeoutMs: number;
  readonly maxFileBytes: number;
}

/** What a verified peer told us, for the client to record and report. */
export type PeerMessage =
  | { t: 'chat'; id: string; text: string; ts: number; direct: boolean; signed?: SignedPart }
  /** Shared history: what the peer holds and what it takes (history/history-sync.ts). */
  | { t: 'hsum'; f: string; max: number; since: number }
  /** Shared history: a message by author `a`, passed on by the peer; not checked yet. */
  | { t: 'hmsg'; a: string; n: string; id: string; ts: number; text: string; sig: string; nf: boolean }
  | { t: 'ack'; id: string }
  | { t: 'typing' }
  | { t: 'reaction'; id: string; emoji: string; on: boolean }
  | { t: 'name'; previous: string }
  | { t: 'file-offer' | 'file-progress' | 'file-end'; transfer: FileTransfer };

/** What a peer reports to the client that owns it. */
export interface PeerHandlers {
  /** `peer.state` changed. */
  stateChanged(link: PeerLink, previous: PeerState): void;
  /** The channel opened; the proof is under way. */
  opened(link: PeerLink): void;
  /**
   * The proof passed: the trust it gets, or a failure that closes the peer. `name` is the
   * peer's name when its proof arrived, taken before any await.
   */
  judge(link: PeerLink, name: string): Promise<{ trust: TrustStatus; warning: NameWarning | null; safetyCode: string } | { failure: VerificationFailure }>;
  verified(link: PeerLink): void;
  failed(link: PeerLink, reason: VerificationFailure): void;
  closed(link: PeerLink, reason: CloseReason, wasOpen: boolean): void;
  message(link: PeerLink, message: PeerMessage): void;
  question(link: PeerLink, question: unknown): Promise<unknown>;
  drop(link: PeerLink, reason: DropReason, detail: string): void;
  /** ICE lost its path on a live connection. */
  pathLost(link: PeerLink): void;
  /** A direct message from the app (`peer.send`): the client records it and sends it. */
  sendDirect(link: PeerLink, text: string): string;
}

export class PeerLink {
  /** The public, read-only face of this peer. */
  readonly peer: Peer;
  readonly id: string;
  readonly publicKey: Uint8Array;
  /** base64url of the key. */
  readonly key: string;
  readonly tab: number;
  readonly session: number;
  readonly sealKey: Uint8Array;
  /** Sender's timestamp of the message that made this peer (orders its sessions). */
  since = 0;
  /** When we first saw this peer (our clock). */
  readonly seenAt = Date.now();
  name: string;
  /** Another tab of our own identity (the same key): admitted without asking, shown as us. */
  ownTab = false;
  /** From the `here` of its announce: it was here first (or is the lower id of two arriving at once), so it decides about us. */
  theyDecide = false;
  /** Our knock at this peer's door, while its person decides (see `Peer.knock`). */
  knock: KnockState | null = null;
  trust: TrustStatus | null = null;
  nameWarning: NameWarning | null = null;
  safetyCode: string | null = null;
  readonly negotiation: Negotiation;
  readonly files: PeerFiles;
  readonly asks = new Asks();
  private conn: Connection | null = null;
  private handshake: Handshake | null = null;
  private frames: Promise<void> = Promise.resolve();
  private readonly guard: FrameGuard;
  private lastHeard = 0;
  private lastSent = 0;
  private restartsBefore = 0;

  constructor(
    private readonly config: PeerConfig,
    private readonly handlers: PeerHandlers,
    id: string,
    info: SenderInfo,
    role: Role,
  ) {
    this.id = id;
    this.publicKey = info.publicKey;
    this.key = toBase64Url(info.publicKey);
    this.tab = info.tab;
    this.session = info.session;
    this.sealKey = info.sealKey;
    this.name = info.name;
    this.negotiation = new Negotiation(role, (previous) => handlers.stateChanged(this, previous));
    this.guard = new FrameGuard({
      drop: (reason, detail) => handlers.drop(this, reason, detail),
      disconnect: () => this.shutdown('policy'),
    });
    this.files = new PeerFiles({
      roomTopic: config.roomTopic,
      peerId: id,
      peerKey: info.publicKey,
      maxFileBytes: config.maxFileBytes,
      signer: config.signer,
      write: (frame) => this.write(frame),
      openChannel: (label) => (this.state === 'verified' ? (this.conn?.openChannel(label) ?? null) : null),
      onOffer: (transfer) => handlers.message(this, { t: 'file-offer', transfer }),
      onProgress: (transfer) => handlers.message(this, { t: 'file-progress', transfer }),
      onEnd: (transfer) => handlers.message(this, { t: 'file-end', transfer }),
      onDrop: (reason, detail) => this.guard.strike(reason, detail),
    });
    this.peer = new Peer(this);
  }

  get state(): PeerState {
    return this.negotiation.state;
  }

  get role(): Role {
    return this.negotiation.role;
  }

  get verified(): boolean {
    return this.state === 'verified';
  }

  get label(): string {
    return this.tab > 1 ? `${this.name} (${this.tab})` : this.name;
  }

  /** ICE restarts of this peer's connections. */
  get restarts(): number {
    return this.restartsBefore + (this.conn?.restarts ?? 0);
  }

  /**
   * How far the handshake got, for eviction under load: 2 the channel is open (the proof
   * has its own deadline), 1 ICE found a path, 0 nothing yet. A peer that never completes
   * ICE (a flood of offers without candidates) stays at 0.
   */
  get progress(): 0 | 1 | 2 {
    if (isLive(this.state)) return 2;
    return this.conn?.iceConnected ? 1 : 0;
  }

  /** true while our offer has no answer yet. */
  get awaitingAnswer(): boolean {
    return !!this.conn?.awaitingAnswer;
  }

  // ---- what the client sends -------------------------------------------------------------------

  /** Writes a chat frame (ids and the outbox are the client's), with our signature when made. */
  sendChat(text: string, direct: boolean, id: string, sentAt: number, signed?: SignedPart): void {
    const sig = signed && !direct ? { sig: signed.sig, n: signed.name, ...(signed.noForward ? { nf: true } : {}) } : {};
    if (this.verified) this.write({ t: 'chat', id, text, ts: sentAt, ...(direct ? { dm: true } : {}), ...sig });
  }

  /** Shared history: the summary of what we hold, and what we take. */
  sendSummary(f: string, max: number, since: number): void {
    if (this.verified) this.write({ t: 'hsum', f, max, since });
  }

  /** Shared history: passes on a signed room message. */
  sendShared(m: { a: string; n: string; id: string; ts: number; text: string; sig: string }): void {
    if (this.verified) this.write({ t: 'hmsg', ...m });
  }

  /** Counts a bad input against this peer (frame-guard.ts): past the limit it is disconnected by policy. */
  strike(reason: DropReason, detail: string): void {
    this.guard.strike(reason, detail);
  }

  sendTyping(): void {
    if (this.verified) this.write({ t: 'typing' });
  }

  sendReaction(messageId: string, emoji: string, on: boolean): void {
    if (this.verified) this.write({ t: 'react', id: messageId, emoji, on });
  }

  sendName(name: string): void {
    if (this.verified) this.write({ t: 'name', name });
  }

  /** Asks the peer; see `Peer.ask`. */
  ask(id: string, question: unknown, options: AskOptions): Promise<unknown> {
    return this.asks.ask(id, question, this.label, options, () => this.write({ t: 'ask', id, q: question }));
  }

  /** The app's direct message, recorded by the client. */
  sendDirect(text: string): string {
    return this.handlers.sendDirect(this, text);
  }

  // ---- negotiation ---------------------------------------------------------------------------

  /** Offerer: a new connection and its compact offer. @throws {Superseded} when replaced meanwhile */
  async createOffer(): Promise<Uint8Array> {
    const conn = this.connect();
    const offer = await conn.createOffer().catch((e: unknown) => {
      this.current(conn); // a browser error from a connection replaced meanwhile is not a failure
      throw e;
    });
    this.current(conn);
    return offer;
  }

  /** Offerer: applies the answer. */
  async acceptAnswer(answer: CompactDescription): Promise<void> {
    if (!this.conn) throw new Error('no offer awaiting an answer');
    await this.conn.acceptAnswer(answer);
  }

  /** Answerer: a new connection for the offer, and our compact answer. @throws {Superseded} when replaced meanwhile */
  async createAnswer(offer: CompactDescription): Promise<Uint8Array> {
    const conn = this.connect();
    const answer = await conn.createAnswer(offer).catch((e: unknown) => {
      this.current(conn);
      throw e;
    });
    this.current(conn);
    return answer;
  }

  /** Offerer: an ICE restart offer for the live connection (the proof still holds). */
  async createRestartOffer(): Promise<Uint8Array> {
    const conn = this.liveConnection();
    return conn.createRestartOffer();
  }

  /** Answerer: applies an ICE restart offer to the live connection. */
  async acceptRestartOffer(offer: CompactDescription): Promise<Uint8Array> {
    return this.liveConnection().acceptRestartOffer(offer);
  }

  /** Drops any half-made connection (glare, or an offer made again): we take `role`. */
  reset(role: Role): void {
    this.dropConnection();
    this.negotiation.reset(role);
  }

  /** Ends this peer with a reason; idempotent. */
  shutdown(reason: CloseReason, notify = true): void {
    if (isFinal(this.state)) {
      this.dropConnection();
      return;
    }
    const wasOpen = isLive(this.state);
    if (notify && this.conn?.open) this.write({ t: 'bye' });
    if (isFinal(this.state)) return; // writing the goodbye failed, and that ended the peer already
    this.negotiation.end(reason);
    this.dropConnection();
    this.asks.gone(this.label);
    this.files.closeAll();
    this.handlers.closed(this, reason, wasOpen);
  }

  private liveConnection(): Connection {
    if (!this.conn || !isLive(this.state)) throw new Error('no live connection to restart');
    return this.conn;
  }

  /** @throws {Superseded} when `conn` is no longer this peer's connection: its description must not be sent. */
  private current(conn: Connection): void {
    if (this.conn !== conn) throw new Superseded();
  }

  private connect(): Connection {
    this.dropConnection();
    this.frames = Promise.resolve();
    this.negotiation.apply('start');
    // A `peerstate` listener may have closed the peer: no connection for a peer that is gone.
    if (this.state !== 'connecting') throw new Superseded();
    const conn: Connection = new Connection(this.config, {
      open: () => this.conn === conn && this.onOpen(conn),
      lost: () => this.conn === conn && this.shutdown('lost', false),
      frame: (data) => this.conn === conn && this.onFrame(data),
      dataChannel: (channel) => this.conn === conn && this.files.onChannel(channel),
      pathLost: () => this.conn === conn && isLive(this.state) && this.handlers.pathLost(this),
    });
    this.conn = conn;
    this.handshake = null;
    // Every handshake state has a deadline: a peer whose connection never opens (an offer
    // without candidates, an answer that never comes) does not hold its slot for ever.
    conn.later(this.config.handshakeTimeoutMs, () => {
      if (this.conn === conn && this.state === 'connecting') this.shutdown('timeout', false);
    });
    return conn;
  }

  private dropConnection(): void {
    if (!this.conn) return;
    this.restartsBefore += this.conn.restarts;
    this.conn.close();
    this.conn = null;
    this.handshake = null;
  }

  // ---- the open channel ----------------------------------------------------------------------

  private onOpen(conn: Connection): void {
    if (!this.negotiation.apply('open')) return;
    this.lastHeard = Date.now();
    this.handlers.opened(this);
    // A listener of `peerstate` or `peerconnected` may have closed the peer meanwhile.
    if (this.conn !== conn || this.state !== 'connected') return;
    // A new connection gets a new proof: nothing of an earlier channel's handshake carries over.
    this.handshake = new Handshake(conn, this.config.roomTopic, this.role);
    this.write(this.handshake.hello());
    conn.later(this.config.verificationTimeoutMs, () => {
      if (this.conn === conn && this.state === 'connected') this.fail('timeout');
    });
    conn.every(PING_EVERY_MS, () => {
      if (Date.now() - this.lastHeard > SILENCE_MS) return this.shutdown('timeout', false);
      if (Date.now() - this.lastSent >= PING_EVERY_MS - 100) this.write({ t: 'ping' });
    });
  }

  private onFrame(data: unknown): void {
    this.lastHeard = Date.now();
    if (!this.guard.admit()) return;
    let frame: Frame;
    try {
      frame = parseFrame(data);
    } catch (e) {
      this.guard.strike(e instanceof FrameRejected ? e.reason : 'malformed', e instanceof Error ? e.message : String(e));
      return;
    }
    // One frame at a time, in order: a chat frame waits for the proof before it.
    this.frames = this.frames.then(() => this.handle(frame)).catch((e) => this.guard.strike('error', String(e)));
  }

  private async handle(f: Frame): Promise<void> {
    if (!isLive(this.state)) return;
    switch (f.t) {
      case 'ping':
        return;
      case 'bye':
        return this.shutdown('left', false);
      case 'hello':
        return this.onHello(f.nonce);
      case 'proof':
        return this.onProof(f);
    }
    if (this.state !== 'verified') return this.guard.strike('unverified', `${f.t} before verification`);
    if (!this.guard.spend(f)) {
      // Over budget: a file offer is declined so its transfer ends; nothing else is answered.
      if (f.t === 'file-offer') this.write({ t: 'file-decline', id: f.id });
      return;
    }
    switch (f.t) {
      case 'chat':
        this.write({ t: 'ack', id: f.id });
        return this.handlers.message(this, {
          t: 'chat',
          id: f.id,
          text: f.text,
          ts: f.ts,
          direct: !!f.dm,
          ...(f.sig && f.n !== undefined && !f.dm ? { signed: { sig: f.sig, name: f.n, ...(f.nf ? { noForward: true } : {}) } } : {}),
        });
      case 'hsum':
        return this.handlers.message(this, { t: 'hsum', f: f.f, max: f.max, since: f.since });
      case 'hmsg':
        return this.handlers.message(this, { t: 'hmsg', a: f.a, n: f.n, id: f.id, ts: f.ts, text: f.text, sig: f.sig, nf: !!f.nf });
      case 'ack':
        return this.handlers.message(this, { t: 'ack', id: f.id });
      case 'ask':
        return this.asks.answerTheirs(
          f.q,
          (q) => this.handlers.question(this, q),
          (r) => this.write({ t: 'answer', id: f.id, ...r }),
        );
      case 'answer':
        if (!this.asks.answer(f.id, f)) this.guard.strike('malformed', 'answer to no question');
        return;
      case 'file-offer':
      case 'file-accept':
      case 'file-decline':
      case 'file-cancel':
      case 'file-done':
        return this.files.onFrame(f);
      case 'typing':
        return this.handlers.message(this, { t: 'typing' });
      case 'react':
        return this.handlers.message(this, { t: 'reaction', id: f.id, emoji: f.emoji, on: f.on });
      case 'name': {
        let name: string;
        try {
          name = normalizeName(f.name);
        } catch {
          return this.guard.strike('malformed', 'unusable name');
        }
        if (name === this.name) return;
        const previous = this.name;
        this.name = name;
        return this.handlers.message(this, { t: 'name', previous });
      }
    }
  }

  private async onHello(nonce: string): Promise<void> {
    const handshake = this.handshake;
    if (!handshake) return;
    const reply = await handshake.onHello(nonce, this.config.signer);
    if (reply === 'repeated') return this.guard.strike('malformed', 'second hello');
    if (typeof reply === 'string') return this.fail(reply);
    if (this.handshake === handshake) this.write(reply);
  }

  private async onProof(f: Extract<Frame, { t: 'proof' }>): Promise<void> {
    const handshake = this.handshake;
    if (this.state !== 'connected' || !handshake) return this.guard.strike('malformed', 'unexpected proof');
    // The name this proof is judged under: whatever arrives while we await cannot slip in.
    const name = this.name;
    const failure = await handshake.onProof(f, this.publicKey);
    if (failure) return this.fail(failure);
    const outcome = await this.handlers.judge(this, name);
    if (this.state !== 'connected' || this.handshake !== handshake) return;
    if ('failure' in outcome) return this.fail(outcome.failure);
    this.name = name;
    this.trust = outcome.trust;
    this.nameWarning = outcome.warning;
    this.safetyCode = outcome.safetyCode;
    this.negotiation.apply('prove');
    this.handlers.verified(this);
  }

  private fail(reason: VerificationFailure): void {
    if (this.state !== 'connected') return;
    this.handlers.failed(this, reason);
    this.shutdown('failed');
  }

  private write(frame: Frame): void {
    const conn = this.conn;
    if (!conn?.open) return;
    this.lastSent = Date.now();
    // The browser refuses once a channel's buffer is full (a peer that stopped reading): the
    // connection is as good as lost; the outbox keeps what was not acknowledged.
    if (!conn.send(writeFrame(frame))) this.shutdown('lost', false);
  }
}
