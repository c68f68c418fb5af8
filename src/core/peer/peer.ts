/**
 * One remote peer: its RTCPeerConnection, the chat data channel, the verification
 * handshake, chat and ask/answer. The client (client.ts) does the signaling and owns the
 * lifecycle; a page sees `Peer` objects through the client's events and `client.peers`.
 */
import { normalizeName } from '../identity/friendly-name.js';
import type { NameWarning } from '../identity/trust-policy.js';
import { randomBytes, toBase64Url, fromBase64Url } from '../util/bytes.js';
import { RateLimiter } from '../util/rate-limiter.js';
import { compactSdp } from '../signaling/compact-sdp.js';
import type { Signer } from '../signaling/envelope.js';
import type { SenderInfo } from '../signaling/messages.js';
import { PeerBudget } from './budget.js';
import { FrameRejected, MAX_PAYLOAD_JSON, MAX_TEXT, parseFrame, writeFrame, type Frame } from './frames.js';
import { iceGathered } from './ice.js';
import { PeerFiles } from './peer-files.js';
import type { FileTransfer } from './file-transfer.js';
import { checkProof, createProof, type Binding, type VerificationFailure } from './verification.js';

/**
 * - `pending`: seen, waiting for consent
 * - `connecting`: offer/answer under way
 * - `connected`: data channel open, identity proof under way
 * - `verified`: proof passed; chat flows
 * - `declined`: either side said no
 * - `failed`: verification or connection failed
 * - `closed`: gone (left, lost or closed by us)
 */
export type PeerState = 'pending' | 'connecting' | 'connected' | 'verified' | 'declined' | 'failed' | 'closed';

/**
 * How a verified peer's key and name relate to the trust store (decided in
 * identity/trust-policy.ts):
 * - `trusted`: trusted explicitly (by the app, the "Trust" action or a confirmed safety code)
 * - `seen`: pinned on first use earlier; nobody vouched for it
 * - `pinned`: first contact; now pinned (seen from now on)
 * - `key-changed`: its name, or a look-alike of it, is pinned to another key (see `nameWarning`)
 */
export type TrustStatus = 'trusted' | 'seen' | 'pinned' | 'key-changed';

export type { NameWarning } from '../identity/trust-policy.js';

/** Why a peer went away. */
export type CloseReason = 'left' | 'lost' | 'timeout' | 'closed' | 'replaced' | 'declined' | 'failed' | 'policy';

/** What a Peer needs from the client that owns it. @internal */
export interface PeerHost {
  readonly roomTopic: string;
  readonly signer: Signer;
  readonly iceServers: RTCIceServer[];
  readonly iceGatheringTimeoutMs: number;
  readonly verificationTimeoutMs: number;
  /** How long a connection may take from our offer or answer to an open channel. */
  readonly handshakeTimeoutMs: number;
  onOpen(peer: Peer): void;
  /**
   * Resolves with the trust status, or a failure reason that closes the peer. `name` is the
   * peer's name when its proof arrived, taken before any await.
   */
  onProofPassed(peer: Peer, name: string): Promise<{ trust: TrustStatus; warning: NameWarning | null } | { failure: VerificationFailure }>;
  onVerified(peer: Peer): void;
  onVerificationFailed(peer: Peer, reason: VerificationFailure): void;
  onClosed(peer: Peer, reason: CloseReason, wasOpen: boolean): void;
  onChat(peer: Peer, message: { id: string; text: string; ts: number; direct: boolean }): void;
  /** A direct message from the app: the client records it and sends it with `sendChat`. */
  sendDirect(peer: Peer, text: string): string;
  onAck(peer: Peer, id: string): void;
  onQuestion(peer: Peer, question: unknown): Promise<unknown>;
  onName(peer: Peer, previous: string): void;
  onDrop(peer: Peer, reason: string, detail: string): void;
  /** ICE lost its path on a live connection. */
  onPathLost(peer: Peer): void;
  /** The peer's state changed. */
  onState(peer: Peer, previous: PeerState): void;
  readonly maxFileBytes: number;
  onFileOffer(peer: Peer, transfer: FileTransfer): void;
  onFileProgress(peer: Peer, transfer: FileTransfer): void;
  onFileEnd(peer: Peer, transfer: FileTransfer): void;
  onTyping(peer: Peer): void;
  onReaction(peer: Peer, messageId: string, emoji: string, on: boolean): void;
}

/** Options of `Peer.ask`. */
export interface AskOptions {
  /** Milliseconds to wait for the answer (default 10 000). */
  timeout?: number;
}

const CHANNEL_ID = 0;
const PING_EVERY_MS = 2_000;
/** Silence after which a peer counts as gone (the spec: reported within 10 s). */
const SILENCE_MS = 7_000;
const MAX_OUTSTANDING_ASKS = 64;
/** Bad frames tolerated per window before the peer is disconnected. */
const STRIKE_LIMIT = 50;
const STRIKE_WINDOW_MS = 10_000;
const MAX_INCOMING_ASKS = 16;
/** Frames over the frame limit within one second that end the connection: no honest client sends them (it paces its chat, files have their own channels). */
const FLOOD_POLICY_FRAMES = 2_000;

export const newMessageId = (): string => toBase64Url(randomBytes(12));

/** A handshake step whose connection was replaced meanwhile; the caller drops it quietly. */
export class Superseded extends Error {
  constructor() {
    super('connection replaced during the handshake');
    this.name = 'Superseded';
  }
}

/**
 * Checks a chat text from the app.
 * @throws {RangeError} when empty or over {@link MAX_TEXT} characters
 */
export function checkText(text: unknown): asserts text is string {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) throw new RangeError(`message must be 1–${MAX_TEXT} characters`);
}

export class Peer {
  /** Peer id: key prefix + tab (`q0Zz3…-2`). */
  readonly id: string;
  /** Ed25519 public key (32 bytes): the identity that signed this peer's signaling. */
  readonly publicKey: Uint8Array;
  /** Tab number of that identity. */
  readonly tab: number;
  /** @internal */ readonly session: number;
  /** @internal */ readonly sealKey: Uint8Array;
  /** Display name: a label chosen by the peer, never proof of anything. */
  name: string;
  private _state: PeerState = 'pending';

  /** Where this peer is in its lifecycle (changes are reported as `peerstate` events). */
  get state(): PeerState {
    return this._state;
  }

  /** @internal */
  set state(next: PeerState) {
    if (next === this._state) return;
    const previous = this._state;
    this._state = next;
    this.host.onState(this, previous);
  }
  /** Set once verified; may change later (renames, the trust store changing). */
  trust: TrustStatus | null = null;
  /**
   * Set once verified when the name may mislead: `key-changed` (the name is pinned to another
   * key), `look-alike` (it looks like a name pinned to another key), `mixed-script`.
   * Show it wherever the name is shown.
   */
  nameWarning: NameWarning | null = null;
  /** Set once verified: compare it out of band to rule out a man in the middle. */
  safetyCode: string | null = null;
  /** @internal who sends the offer */ role: 'offerer' | 'answerer';
  /** @internal sender's timestamp of the message that made this peer (orders its sessions) */ since = 0;
  /** @internal when we first saw this peer (our clock) */ readonly seenAt = Date.now();
  /** @internal the local user's decision */ consent: 'pending' | 'accepted' | 'rejected' = 'pending';

  private pc: RTCPeerConnection | null = null;
  private channel: RTCDataChannel | null = null;
  private localNonce: Uint8Array | null = null;
  private remoteNonce: Uint8Array | null = null;
  private frames: Promise<void> = Promise.resolve();
  private readonly asks = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  private incomingAsks = 0;
  private readonly limiter = new RateLimiter(1000, 2000);
  private lastLimitStrike = 0;
  private overLimit = 0;
  /** What this peer may make us store and show per second (budget.ts). */
  private readonly budget = new PeerBudget();
  private lastBudgetReport = 0;
  private readonly strikes: number[] = [];
  private timers: ReturnType<typeof setTimeout>[] = [];
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private lastSent = 0;

  /** @internal created by the client */
  constructor(
    private readonly host: PeerHost,
    id: string,
    info: SenderInfo,
    role: 'offerer' | 'answerer',
  ) {
    this.id = id;
    this.publicKey = info.publicKey;
    this.tab = info.tab;
    this.session = info.session;
    this.sealKey = info.sealKey;
    this.name = info.name;
    this.role = role;
    this.files = new PeerFiles({
      roomTopic: host.roomTopic,
      peerId: id,
      peerKey: info.publicKey,
      get maxFileBytes() {
        return host.maxFileBytes;
      },
      signer: host.signer,
      write: (frame) => this.write(frame),
      openChannel: (label) => (this.state === 'verified' ? (this.pc?.createDataChannel(label, { ordered: true }) ?? null) : null),
      onOffer: (t) => host.onFileOffer(this, t),
      onProgress: (t) => host.onFileProgress(this, t),
      onEnd: (t) => host.onFileEnd(this, t),
      onDrop: (reason, detail) => this.reject(reason, detail),
    });
  }

  /** @internal this peer's file transfers */
  readonly files: PeerFiles;

  /** Display label with the tab number when it is not the first tab: "Alice (2)". */
  get label(): string {
    return this.tab > 1 ? `${this.name} (${this.tab})` : this.name;
  }

  /** Public key as base64url (43 characters), for storage and display. */
  get key(): string {
    return toBase64Url(this.publicKey);
  }

  /** True once the identity proof passed and until the peer goes away. */
  get verified(): boolean {
    return this.state === 'verified';
  }

  /**
   * Sends a direct chat message to this peer only.
   * @returns the message id (the peer acknowledges it)
   * @throws {Error} when the peer is not verified, or the text is empty or longer than 16 384 characters
   */
  send(text: string): string {
    if (this.state !== 'verified') throw new Error(`peer ${this.label} is not verified`);
    checkText(text);
    return this.host.sendDirect(this, text);
  }

  /**
   * Asks this peer a question; its app answers through its `question` event.
   * @returns the answer, from this peer only
   * @throws {Error} on timeout, when the peer is not verified or goes away, or when it answered with an error
   * @example const sum = await peer.ask({ op: 'add', args: [1, 2] });
   */
  ask(question: unknown, options: AskOptions = {}): Promise<unknown> {
    if (this.state !== 'verified') return Promise.reject(new Error(`peer ${this.label} is not verified`));
    if (question === undefined || JSON.stringify(question).length > MAX_PAYLOAD_JSON) {
      return Promise.reject(new RangeError('question must be JSON of at most 32 KiB'));
    }
    if (this.asks.size >= MAX_OUTSTANDING_ASKS) return Promise.reject(new Error('too many unanswered questions'));
    const id = newMessageId();
    const timeout = options.timeout ?? 10_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.asks.delete(id);
        reject(new Error(`no answer from ${this.label} within ${timeout} ms`));
      }, timeout);
      this.asks.set(id, { resolve, reject, timer });
      this.write({ t: 'ask', id, q: question });
    });
  }

  /** Closes the connection to this peer (it is told). */
  close(): void {
    this.shutdown('closed');
  }

  /** @internal writes a chat frame (ids and the outbox are the client's). */
  sendChat(text: string, direct: boolean, id: string, sentAt: number): void {
    if (this.state !== 'verified') return;
    this.write({ t: 'chat', id, text, ts: sentAt, ...(direct ? { dm: true } : {}) });
  }

  /** @internal tells the peer we are typing. */
  sendTyping(): void {
    if (this.state === 'verified') this.write({ t: 'typing' });
  }

  /** @internal a reaction to a message. */
  sendReaction(messageId: string, emoji: string, on: boolean): void {
    if (this.state === 'verified') this.write({ t: 'react', id: messageId, emoji, on });
  }

  /** @internal tells the peer our new name. */
  sendName(name: string): void {
    if (this.state === 'verified') this.write({ t: 'name', name });
  }

  /** @internal offerer: creates the connection and returns the compact offer. */
  async createOffer(): Promise<Uint8Array> {
    const pc = this.setup();
    await pc.setLocalDescription(await pc.createOffer());
    await iceGathered(pc, this.host.iceGatheringTimeoutMs);
    this.current(pc);
    return compactSdp.encode(compactSdp.parse('offer', pc.localDescription!.sdp));
  }

  /**
   * @throws {Superseded} when `pc` is no longer this peer's connection (a glare reset or a
   * repeated offer replaced it while we awaited): its description must not be sent.
   */
  private current(pc: RTCPeerConnection): void {
    if (this.pc !== pc) throw new Superseded();
  }

  /** @internal offerer: applies the compact answer. */
  async acceptAnswer(sdp: Uint8Array): Promise<void> {
    if (!this.pc || this.pc.signalingState !== 'have-local-offer') throw new Error('no offer awaiting an answer');
    const answer = compactSdp.decode(sdp);
    if (answer.type !== 'answer') throw new TypeError('expected an answer, got an offer');
    await this.pc.setRemoteDescription({ type: 'answer', sdp: compactSdp.format(answer) });
  }

  /** @internal answerer: applies the compact offer and returns the compact answer. */
  async createAnswer(offer: Uint8Array): Promise<Uint8Array> {
    const remote = compactSdp.decode(offer);
    if (remote.type !== 'offer') throw new TypeError('expected an offer, got an answer');
    const pc = this.setup();
    await pc.setRemoteDescription({ type: 'offer', sdp: compactSdp.format(remote) });
    await pc.setLocalDescription(await pc.createAnswer());
    await iceGathered(pc, this.host.iceGatheringTimeoutMs);
    this.current(pc);
    return compactSdp.encode(compactSdp.parse('answer', pc.localDescription!.sdp));
  }

  /**
   * @internal offerer: an ICE restart offer for the live connection (same DTLS session, so
   * the identity proof still holds and nothing is re-verified).
   */
  async createRestartOffer(): Promise<Uint8Array> {
    const pc = this.pc;
    if (!pc || (this.state !== 'verified' && this.state !== 'connected')) throw new Error('no live connection to restart');
    await pc.setLocalDescription(await pc.createOffer({ iceRestart: true }));
    await iceGathered(pc, this.host.iceGatheringTimeoutMs);
    this.restarts++;
    return compactSdp.encode(compactSdp.parse('offer', pc.localDescription!.sdp));
  }

  /** @internal answerer: applies an ICE restart offer to the live connection. */
  async acceptRestartOffer(offer: Uint8Array): Promise<Uint8Array> {
    const pc = this.pc;
    if (!pc || (this.state !== 'verified' && this.state !== 'connected')) throw new Error('no live connection to restart');
    const remote = compactSdp.decode(offer);
    if (remote.type !== 'offer') throw new TypeError('expected an offer, got an answer');
    await pc.setRemoteDescription({ type: 'offer', sdp: compactSdp.format(remote) });
    await pc.setLocalDescription(await pc.createAnswer());
    await iceGathered(pc, this.host.iceGatheringTimeoutMs);
    this.restarts++;
    return compactSdp.encode(compactSdp.parse('answer', pc.localDescription!.sdp));
  }

  /** ICE restarts this connection went through (for diagnostics). */
  restarts = 0;

  /**
   * @internal How far the handshake got, for eviction under load: 2 the channel is open
   * (the proof has its own deadline), 1 ICE found a path, 0 nothing yet. A peer that never
   * completes ICE (a flood of offers without candidates) stays at 0.
   */
  get progress(): 0 | 1 | 2 {
    if (this.state === 'connected' || this.state === 'verified') return 2;
    const ice = this.pc?.iceConnectionState;
    return ice === 'connected' || ice === 'completed' ? 1 : 0;
  }

  /** @internal true while our offer has no answer yet. */
  get awaitingAnswer(): boolean {
    return this.pc?.signalingState === 'have-local-offer';
  }

  /** @internal drops any half-made connection (glare: we become the answerer). */
  reset(role: 'offerer' | 'answerer'): void {
    this.teardownConnection();
    this.role = role;
    if (this.state === 'connecting') this.state = this.consent === 'accepted' ? 'connecting' : 'pending';
  }

  /** @internal ends this peer with a reason; idempotent. */
  shutdown(reason: CloseReason, notify = true): void {
    if (this.state === 'closed' || this.state === 'failed' || this.state === 'declined') {
      this.teardownConnection();
      return;
    }
    const wasOpen = this.state === 'connected' || this.state === 'verified';
    if (notify && this.channel?.readyState === 'open') this.write({ t: 'bye' });
    this.state = reason === 'declined' ? 'declined' : reason === 'failed' ? 'failed' : 'closed';
    this.teardownConnection();
    for (const [, a] of this.asks) {
      clearTimeout(a.timer);
      a.reject(new Error(`${this.label} went away`));
    }
    this.asks.clear();
    this.files.closeAll();
    this.host.onClosed(this, reason, wasOpen);
  }

  private setup(): RTCPeerConnection {
    this.teardownConnection();
    // A new connection gets a new proof: nothing of an earlier channel's handshake carries over.
    this.localNonce = this.remoteNonce = null;
    this.frames = Promise.resolve();
    this.state = 'connecting';
    const pc = new RTCPeerConnection({ iceServers: this.host.iceServers });
    // Negotiated channel: both sides create it, so no in-band open message is needed.
    const channel = pc.createDataChannel('rtchat', { negotiated: true, id: CHANNEL_ID, ordered: true });
    this.pc = pc;
    this.channel = channel;
    channel.onopen = () => this.onChannelOpen();
    channel.onclose = () => this.pc === pc && this.shutdown('lost', false);
    channel.onmessage = (e) => this.onFrame(e.data);
    pc.ondatachannel = (e) => this.files.onChannel(e.channel);
    // Every handshake state has a deadline: a peer whose connection never opens (an offer
    // without candidates, an answer that never comes) does not hold its slot for ever.
    this.timers.push(
      setTimeout(() => {
        if (this.pc === pc && this.state === 'connecting') this.shutdown('timeout', false);
      }, this.host.handshakeTimeoutMs),
    );
    pc.onconnectionstatechange = () => {
      if (this.pc === pc && pc.connectionState === 'failed') this.shutdown('lost', false);
    };
    // The path broke (network change, NAT rebinding): try an ICE restart on the same DTLS
    // session first; the silence timeout falls back to a fresh handshake if it does not help.
    pc.oniceconnectionstatechange = () => {
      if (this.pc === pc && pc.iceConnectionState === 'disconnected' && (this.state === 'verified' || this.state === 'connected')) this.host.onPathLost(this);
    };
    return pc;
  }

  private teardownConnection(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    if (this.channel) {
      this.channel.onopen = this.channel.onclose = this.channel.onmessage = null;
      this.channel.close();
    }
    if (this.pc) {
      this.pc.onconnectionstatechange = null;
      this.pc.oniceconnectionstatechange = null;
      this.pc.ondatachannel = null;
      this.pc.close();
    }
    this.channel = null;
    this.pc = null;
  }

  private onChannelOpen(): void {
    this.state = 'connected';
    this.lastHeard = Date.now();
    this.host.onOpen(this);
    this.localNonce = randomBytes(32);
    this.write({ t: 'hello', nonce: toBase64Url(this.localNonce) });
    this.timers.push(
      setTimeout(() => {
        if (this.state === 'connected') this.fail('timeout');
      }, this.host.verificationTimeoutMs),
    );
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > SILENCE_MS) return this.shutdown('timeout', false);
      if (Date.now() - this.lastSent >= PING_EVERY_MS - 100) this.write({ t: 'ping' });
    }, PING_EVERY_MS);
  }

  private onFrame(data: unknown): void {
    this.lastHeard = Date.now();
    if (!this.limiter.take('frames')) {
      // One strike per second of flooding, not one per frame: a burst of honest chat is
      // slowed (the outbox re-sends what was dropped), only a sustained flood disconnects.
      if (Date.now() - this.lastLimitStrike >= 1000) {
        this.lastLimitStrike = Date.now();
        this.overLimit = 0;
        this.reject('rate-limited', 'frame flood');
      }
      // Tens of thousands of tiny frames a second keep the page busy with their events alone,
      // however cheaply each is dropped: past this many over the limit within a second no
      // honest client is sending, and the connection ends (so does the stall).
      if (++this.overLimit > FLOOD_POLICY_FRAMES && this.state !== 'closed') {
        this.host.onDrop(this, 'policy', `more than ${FLOOD_POLICY_FRAMES} frames over the limit in a second: disconnected`);
        this.shutdown('policy');
      }
      return;
    }
    let frame: Frame;
    try {
      frame = parseFrame(data);
    } catch (e) {
      this.reject(e instanceof FrameRejected ? e.reason : 'malformed', e instanceof Error ? e.message : String(e));
      return;
    }
    // One frame at a time, in order: a chat frame waits for the proof before it.
    this.frames = this.frames.then(() => this.handle(frame)).catch((e) => this.reject('error', String(e)));
  }

  private async handle(f: Frame): Promise<void> {
    if (this.state !== 'connected' && this.state !== 'verified') return;
    switch (f.t) {
      case 'ping':
        return;
      case 'bye':
        return this.shutdown('left', false);
      case 'hello': {
        if (this.remoteNonce) return this.reject('malformed', 'second hello');
        this.remoteNonce = fromBase64Url(f.nonce);
        const binding = await this.bindingWhenReady();
        if (!binding) return this.fail('channel-mismatch');
        this.write(await createProof(binding, this.host.signer));
        return;
      }
      case 'proof':
        return this.onProof(f);
    }
    if (this.state !== 'verified') return this.reject('unverified', `${f.t} before verification`);
    const over = this.budget.spend(f);
    if (over) return this.overBudget(f, over);
    switch (f.t) {
      case 'chat':
        this.write({ t: 'ack', id: f.id });
        return this.host.onChat(this, { id: f.id, text: f.text, ts: f.ts, direct: !!f.dm });
      case 'ack':
        return this.host.onAck(this, f.id);
      case 'ask':
        return this.onAsk(f.id, f.q);
      case 'answer': {
        const a = this.asks.get(f.id);
        if (!a) return this.reject('malformed', 'answer to no question');
        this.asks.delete(f.id);
        clearTimeout(a.timer);
        if (f.error !== undefined) a.reject(new Error(f.error));
        else a.resolve(f.a ?? null);
        return;
      }
      case 'file-offer':
      case 'file-accept':
      case 'file-decline':
      case 'file-cancel':
      case 'file-done':
        return this.files.onFrame(f);
      case 'typing':
        return this.host.onTyping(this);
      case 'react':
        return this.host.onReaction(this, f.id, f.emoji, f.on);
      case 'name': {
        let name: string;
        try {
          name = normalizeName(f.name);
        } catch {
          return this.reject('malformed', 'unusable name');
        }
        if (name === this.name) return;
        const previous = this.name;
        this.name = name;
        return this.host.onName(this, previous);
      }
    }
  }

  private async onProof(f: Extract<Frame, { t: 'proof' }>): Promise<void> {
    if (this.state !== 'connected') return this.reject('malformed', 'unexpected proof');
    if (!this.remoteNonce) return this.fail('bad-signature');
    // The name this proof is judged under: whatever arrives while we await cannot slip in.
    const name = this.name;
    const binding = await this.bindingWhenReady();
    if (!binding) return this.fail('channel-mismatch');
    const failure = await checkProof(f, binding, this.publicKey);
    if (failure) return this.fail(failure);
    const outcome = await this.host.onProofPassed(this, name);
    if (this.state !== 'connected') return;
    if ('failure' in outcome) return this.fail(outcome.failure);
    this.name = name;
    this.trust = outcome.trust;
    this.nameWarning = outcome.warning;
    this.state = 'verified';
    this.host.onVerified(this);
  }

  /**
   * Drops a bad frame with a reason; a peer that keeps sending them (flood, fuzzing, a
   * broken client) is disconnected by policy rather than allowed to burn our CPU.
   */
  private reject(reason: string, detail: string): void {
    this.host.onDrop(this, reason, detail);
    const now = Date.now();
    this.strikes.push(now);
    while (this.strikes.length && now - this.strikes[0] > STRIKE_WINDOW_MS) this.strikes.shift();
    if (this.strikes.length > STRIKE_LIMIT) {
      this.strikes.length = 0;
      this.host.onDrop(this, 'policy', `more than ${STRIKE_LIMIT} bad frames in ${STRIKE_WINDOW_MS / 1000} s: disconnected`);
      this.shutdown('policy');
    }
  }

  /**
   * Drops a frame over this peer's budget: unanswered (a chat frame is not acknowledged, so
   * an honest sender's outbox sends it again; a file offer is declined, so its transfer
   * ends), reported at most once a second. No strike: an older honest client may burst.
   */
  private overBudget(f: Frame, over: string): void {
    if (f.t === 'file-offer') this.write({ t: 'file-decline', id: f.id });
    const now = Date.now();
    if (now - this.lastBudgetReport < 1000) return;
    this.lastBudgetReport = now;
    this.host.onDrop(this, 'rate-limited', over);
  }

  private fail(reason: VerificationFailure): void {
    if (this.state !== 'connected') return;
    this.host.onVerificationFailed(this, reason);
    this.shutdown('failed');
  }

  private async onAsk(id: string, question: unknown): Promise<void> {
    if (this.incomingAsks >= MAX_INCOMING_ASKS) {
      this.write({ t: 'answer', id, error: 'busy' });
      return;
    }
    this.incomingAsks++;
    // Answered in the background so a slow answer does not hold up the frames behind it.
    this.host
      .onQuestion(this, question)
      .then(
        (a) => {
          const answer = a === undefined ? null : a;
          if (JSON.stringify(answer).length > MAX_PAYLOAD_JSON) throw new RangeError('answer larger than 32 KiB');
          this.write({ t: 'answer', id, a: answer });
        },
        (e) => this.write({ t: 'answer', id, error: e instanceof Error ? e.message : String(e) }),
      )
      .catch((e) => this.write({ t: 'answer', id, error: String(e instanceof Error ? e.message : e) }))
      .finally(() => this.incomingAsks--);
  }

  /** What the proof binds to, or null while a description or a nonce is missing. */
  private binding(): Binding | null {
    const local = compactSdp.fingerprintOf(this.pc?.currentLocalDescription?.sdp ?? '');
    const remote = compactSdp.fingerprintOf(this.pc?.currentRemoteDescription?.sdp ?? '');
    if (!local || !remote || !this.localNonce || !this.remoteNonce) return null;
    const [offererNonce, answererNonce] = this.role === 'offerer' ? [this.localNonce, this.remoteNonce] : [this.remoteNonce, this.localNonce];
    return { roomTopic: this.host.roomTopic, offererNonce, answererNonce, localFingerprint: local, remoteFingerprint: remote };
  }

  /**
   * The binding, waiting up to 2 s: a frame can arrive in the moment before this side's
   * descriptions read as applied. Null after that: the channel cannot be bound, so the
   * peer fails verification rather than hang until the timeout.
   */
  private async bindingWhenReady(): Promise<Binding | null> {
    const pc = this.pc;
    for (let i = 0; i < 40; i++) {
      const b = this.binding();
      if (b || this.pc !== pc) return b;
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  }

  private write(frame: Frame): void {
    if (this.channel?.readyState !== 'open') return;
    this.lastSent = Date.now();
    try {
      this.channel.send(writeFrame(frame));
    } catch {
      // The browser refuses once a channel's buffer is full (a peer that stopped reading):
      // the connection is as good as lost; the outbox keeps what was not acknowledged.
      this.shutdown('lost', false);
    }
  }
}
