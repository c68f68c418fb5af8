/**
 * The signaling gate and its writer. Every MQTT payload passes `SignalGate.accept` before
 * any other code sees it: free checks first (size, topic, version, kind, lengths, time,
 * duplicates), then budgeted work (room decryption, recipient unsealing, Ed25519 signature)
 * and the verified sender's own rate. Anything that fails is a `SignalRejected` with a
 * reason; nothing else escapes.
 */
import { verifySignature } from '../identity/identity.js';
import { normalizeName } from '../identity/friendly-name.js';
import { ByteReader, ByteWriter } from '../util/byte-io.js';
import { concatBytes, equalBytes, randomBytes, toBase64Url, utf8 } from '../util/bytes.js';
import { ExpiringSet } from '../util/expiring-set.js';
import { RateLimiter } from '../util/rate-limiter.js';
import { AEAD_OVERHEAD, open, seal } from './aead.js';
import {
  Kind,
  KIND_NAMES,
  KNOWN_SENDER,
  LIMITS,
  ROOM_SEALED,
  WIRE_VERSION,
  isSealedKind,
  peerIdOf,
  readAnnounce,
  readDirect,
  readLeave,
  readShortDirect,
  SEAL_KEY_ID_BYTES,
  signedBytes,
  writeAnnounceBody,
  writeDirectBody,
  writeLeaveBody,
  writeShortDirectBody,
  type DirectKind,
  type DirectMessage,
  type KindName,
  type SenderInfo,
  type SignalMessage,
} from './messages.js';
import { inboxTopic } from './room.js';
import type { SealKeys } from './seal-keys.js';

/** Why a signaling payload was dropped. */
export type SignalDropReason = 'too-large' | 'malformed' | 'unknown-version' | 'wrong-topic' | 'undecryptable' | 'bad-signature' | 'stale' | 'replay' | 'rate-limited' | 'own';

/** Thrown by the gate; `sender` is the claimed key when one could be read (unproven!). */
export class SignalRejected extends Error {
  constructor(
    readonly reason: SignalDropReason,
    detail: string,
    readonly sender?: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'SignalRejected';
  }
}

/** Anything that can sign: our Identity. */
export interface Signer {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

export interface EnvelopeContext {
  /** The room topic; our inbox is `inboxTopic(roomTopic, selfId)` (room.ts). */
  roomTopic: string;
  /** Our peer id (inbox topic suffix). */
  selfId: string;
  /** Room key of a secret room, else null. */
  roomKey: CryptoKey | null;
  sealKeys: SealKeys;
  signer: Signer;
  /** Accepted clock difference between peers (default 5 minutes). */
  skewMs?: number;
  /** Whether an Ed25519 key belongs to a sender we know (a live peer, a key in the trust store): it gets the known senders' budget. */
  knownKey?: (publicKey: Uint8Array) => boolean;
  /** Whether an X25519 seal key belongs to a peer we know this session. */
  knownSealKey?: (sealKey: Uint8Array) => boolean;
  /**
   * The peer of this session whose X25519 seal key starts with these bytes (a short-form
   * answer names its sender so), as we heard it: its keys, tab, session and name. Without
   * it, short forms are dropped as undecryptable.
   */
  senderBySealKeyId?: (id: Uint8Array) => SenderInfo | undefined;
  now?: () => number;
}

const random32 = () => new DataView(randomBytes(4).buffer).getUint32(0);

/** Builds signed (and sealed) payloads. */
export class SignalWriter {
  constructor(private readonly ctx: EnvelopeContext) {}

  get inboxTopic(): string {
    return inboxTopic(this.ctx.roomTopic, this.ctx.selfId);
  }

  /** @param here how long we have been in the room, in 100 ms units (see AnnounceMessage) */
  async announce(from: SenderInfo, here = 0): Promise<Uint8Array> {
    const body = writeAnnounceBody({ ts: this.now(), nonce: random32(), here, from });
    const sig = await this.ctx.signer.sign(signedBytes(this.ctx.roomTopic, 'announce', null, body));
    return this.frame(this.ctx.roomTopic, 'announce', concatBytes(body, sig));
  }

  /**
   * A leave, also pre-signed as the MQTT last will: valid for this session only, and only
   * within the clock skew of its signing (so a copy cannot end a later session, nor be
   * replayed later in this one). A will that fires after that window is dropped as stale;
   * the handshake deadlines settle the peers it would have told.
   */
  async leave(from: SenderInfo): Promise<Uint8Array> {
    const body = writeLeaveBody({ ts: this.now(), publicKey: from.publicKey, tab: from.tab, session: from.session });
    const sig = await this.ctx.signer.sign(signedBytes(this.ctx.roomTopic, 'leave', null, body));
    return this.frame(this.ctx.roomTopic, 'leave', concatBytes(body, sig));
  }

  /**
   * An offer, answer, decline or wait sealed to one peer, with the topic to publish it to (its
   * inbox). An answer goes in the short form (docs/protocol.md 4.5): the offerer holds our
   * session, keys and name already, as the offer it answers was sealed to our seal key.
   */
  async direct(kind: DirectKind, from: SenderInfo, to: { id: string; sealKey: Uint8Array; session: number }, sdp: Uint8Array): Promise<{ topic: string; payload: Uint8Array }> {
    const topic = inboxTopic(this.ctx.roomTopic, to.id);
    const short = kind === 'answer';
    const message = { ts: this.now(), nonce: random32(), from, toSession: to.session, sdp };
    const body = short ? writeShortDirectBody(message) : writeDirectBody(message);
    const sig = await this.ctx.signer.sign(signedBytes(topic, kind, from.sealKey, body, short));
    const key = await this.ctx.sealKeys.keyFor(to.sealKey);
    const sealed = await seal(key, concatBytes(body, sig), sealAad(topic, kind, from.sealKey, short));
    const sender = short ? from.sealKey.subarray(0, SEAL_KEY_ID_BYTES) : from.sealKey;
    return { topic, payload: await this.frame(topic, kind, concatBytes(sender, sealed), short) };
  }

  private async frame(topic: string, kind: KindName, body: Uint8Array, short = false): Promise<Uint8Array> {
    const inner = concatBytes(Uint8Array.of(Kind[kind] | (short ? KNOWN_SENDER : 0)), body);
    if (!this.ctx.roomKey) return concatBytes(Uint8Array.of(WIRE_VERSION), inner);
    return concatBytes(Uint8Array.of(WIRE_VERSION | ROOM_SEALED), await seal(this.ctx.roomKey, inner, utf8(topic)));
  }

  private now(): number {
    return (this.ctx.now ?? Date.now)();
  }
}

/** AES-GCM associated data of a sealed message: its inbox topic, kind byte (with the short form's flag) and the sender's full seal key. */
const sealAad = (topic: string, kind: KindName, sealKey: Uint8Array, short = false) =>
  new ByteWriter()
    .bytes(utf8(topic))
    .u8(0)
    .u8(Kind[kind] | (short ? KNOWN_SENDER : 0))
    .bytes(sealKey)
    .finish();

/**
 * What the gate may spend per second on the expensive steps (AES-GCM, X25519, Ed25519;
 * ~0.6–1 ms per signature check with a fresh key in Chromium, measured). Each topic has its
 * own budget, split between senders we know (live peers, keys in the trust store) and
 * strangers, so neither a flood on the room topic nor a flood of fresh keys can use up what
 * the room's members and an honest newcomer need. Cheap checks (size, topic, version, kind,
 * length, time, duplicates) come first and cost no budget, so junk never touches it.
 */
export const GATE_BUDGETS = {
  /** Room topic, strangers: a newcomer's announce competes only with other strangers. */
  roomStrangers: { perSecond: 60, burst: 120 },
  /** Room topic, known senders (a returning peer's announce, leaves of live peers). */
  roomKnown: { perSecond: 30, burst: 90 },
  /** Our inbox, strangers: offers from peers we have not seen announce (up to a room's worth at once). */
  inboxStrangers: { perSecond: 30, burst: 90 },
  /** Our inbox, known senders: answers and offers from peers we announced to or heard. */
  inboxKnown: { perSecond: 30, burst: 90 },
  /** Secret rooms: room decryptions (AES-GCM, ~30 µs) before anything else is known. */
  roomDecrypt: { perSecond: 1000, burst: 2000 },
  /** One verified sender (key and tab), after its signature passed. */
  perSender: { perSecond: 5, burst: 20 },
} as const;

const bucket = (b: { perSecond: number; burst: number }, maxKeys = 4096) => new RateLimiter(b.perSecond, b.burst, maxKeys);

/** Smallest possible payloads, by kind (version, kind, body with a 1-byte name, signature); shorter ones are junk. */
const MIN_BYTES = {
  announce: 2 + 6 + 4 + 4 + 1 + 32 + 2 + 32 + 2 + 64,
  leave: 2 + 6 + 4 + 1 + 32 + 64,
  sealed: 2 + 32 + AEAD_OVERHEAD + 6 + 4 + 4 + 1 + 32 + 2 + 4 + 2 + 64,
  /** The short form of an answer: seal key id, sealed ts, nonce, toSession, sdp length, signature. */
  short: 2 + SEAL_KEY_ID_BYTES + AEAD_OVERHEAD + 6 + 4 + 4 + 2 + 64,
} as const;

/** The one gate for signaling input. */
export class SignalGate {
  private readonly replays: ExpiringSet;
  private readonly budgets = {
    roomStrangers: bucket(GATE_BUDGETS.roomStrangers, 1),
    roomKnown: bucket(GATE_BUDGETS.roomKnown, 1),
    inboxStrangers: bucket(GATE_BUDGETS.inboxStrangers, 1),
    inboxKnown: bucket(GATE_BUDGETS.inboxKnown, 1),
    roomDecrypt: bucket(GATE_BUDGETS.roomDecrypt, 1),
  };
  private readonly perSender = bucket(GATE_BUDGETS.perSender);
  private readonly skewMs: number;
  /** Ed25519 checks made so far (for the bench's cost-of-an-attack figures). */
  signatureChecks = 0;

  private readonly inbox: string;

  constructor(private readonly ctx: EnvelopeContext) {
    this.inbox = inboxTopic(ctx.roomTopic, ctx.selfId);
    this.skewMs = ctx.skewMs ?? 5 * 60_000;
    // Large enough for every message the budgets let through over the whole skew window: a
    // flood of valid messages must not evict entries that are still replayable.
    const perSecond = GATE_BUDGETS.roomStrangers.perSecond + GATE_BUDGETS.roomKnown.perSecond + GATE_BUDGETS.inboxStrangers.perSecond + GATE_BUDGETS.inboxKnown.perSecond;
    this.replays = new ExpiringSet(2 * this.skewMs + 60_000, Math.ceil((perSecond * (2 * this.skewMs + 60_000)) / 1000));
  }

  /**
   * Validates one payload received on `topic`. In order: size, topic, version and kind,
   * lengths (all free); for secret rooms the room decryption (its own budget); for plain
   * kinds the timestamp and duplicates (free); then the topic's budget for strangers or
   * known senders, the recipient unsealing, parsing, the signature, the verified sender's
   * own rate, freshness and replay.
   * @throws {SignalRejected} with the reason it was dropped
   */
  async accept(topic: string, payload: Uint8Array): Promise<SignalMessage> {
    if (payload.length > LIMITS.payloadBytes) throw new SignalRejected('too-large', `${payload.length} bytes`);
    const inbox = this.inbox;
    const toInbox = topic === inbox;
    if (topic !== this.ctx.roomTopic && !toInbox) throw new SignalRejected('wrong-topic', topic);
    if (payload.length < 2) throw new SignalRejected('malformed', 'empty');

    const version = payload[0];
    let inner: Uint8Array;
    if (this.ctx.roomKey) {
      if (version !== (WIRE_VERSION | ROOM_SEALED)) throw new SignalRejected(version === WIRE_VERSION ? 'undecryptable' : 'unknown-version', `version byte ${version}`);
      if (payload.length < 1 + AEAD_OVERHEAD + Math.min(MIN_BYTES.announce, MIN_BYTES.leave, MIN_BYTES.sealed) - 1) throw new SignalRejected('malformed', 'too short');
      if (!this.budgets.roomDecrypt.take('all')) throw new SignalRejected('rate-limited', 'too many sealed payloads');
      try {
        inner = await open(this.ctx.roomKey, payload.subarray(1), utf8(topic));
      } catch {
        throw new SignalRejected('undecryptable', 'not sealed with this room secret');
      }
    } else {
      if (version === (WIRE_VERSION | ROOM_SEALED)) throw new SignalRejected('undecryptable', 'sealed with a room secret we do not have');
      if (version !== WIRE_VERSION) throw new SignalRejected('unknown-version', `version byte ${version}`);
      inner = payload.subarray(1);
    }
    if (inner.length < 1) throw new SignalRejected('malformed', 'no kind');
    // Only an answer has a short form (docs/protocol.md 4.5).
    const short = inner[0] === (Kind.answer | KNOWN_SENDER);
    const kind = short ? 'answer' : KIND_NAMES[inner[0]];
    if (!kind) throw new SignalRejected('malformed', `unknown kind ${inner[0]}`);
    if (isSealedKind(kind) !== toInbox) throw new SignalRejected('wrong-topic', `${kind} on ${topic}`);
    const minimum = short ? MIN_BYTES.short : isSealedKind(kind) ? MIN_BYTES.sealed : MIN_BYTES[kind];
    if (inner.length + 1 < minimum) throw new SignalRejected('malformed', `${kind} too short`);

    try {
      return await this.check(topic, kind, new ByteReader(inner.subarray(1)), short);
    } catch (e) {
      if (e instanceof SignalRejected) throw e;
      throw new SignalRejected('malformed', e instanceof Error ? e.message : String(e));
    }
  }

  private async check(topic: string, kind: KindName, r: ByteReader, short: boolean): Promise<SignalMessage> {
    let parsed: { message: SignalMessage; bodyEnd: number; signature: Uint8Array };
    let signed: Uint8Array;
    if (short && isSealedKind(kind)) {
      // The sender is one we hold by its seal key, or nobody: a stranger costs a lookup only.
      const sender = this.ctx.senderBySealKeyId?.(r.bytes(SEAL_KEY_ID_BYTES));
      if (!sender) throw new SignalRejected('undecryptable', `short ${kind} from a seal key we do not hold`);
      this.spend('inboxKnown');
      let plain: Uint8Array;
      try {
        const key = await this.ctx.sealKeys.keyFor(sender.sealKey);
        plain = await open(key, r.rest(), sealAad(topic, kind, sender.sealKey, true));
      } catch {
        throw new SignalRejected('undecryptable', `${kind} not sealed to us`);
      }
      parsed = readShortDirect(kind, sender, new ByteReader(plain));
      signed = signedBytes(topic, kind, sender.sealKey, plain.subarray(0, parsed.bodyEnd), true);
      this.cheapChecks(parsed);
    } else if (isSealedKind(kind)) {
      const sealKey = r.bytes(32);
      // Unsealing costs a key agreement: budgeted before, by whether we know the seal key.
      this.spend(this.ctx.knownSealKey?.(sealKey) ? 'inboxKnown' : 'inboxStrangers');
      let plain: Uint8Array;
      try {
        const key = await this.ctx.sealKeys.keyFor(sealKey);
        plain = await open(key, r.rest(), sealAad(topic, kind, sealKey));
      } catch {
        throw new SignalRejected('undecryptable', `${kind} not sealed to us`);
      }
      const pr = new ByteReader(plain);
      parsed = readDirect(kind, sealKey, pr);
      signed = signedBytes(topic, kind, sealKey, plain.subarray(0, parsed.bodyEnd));
      this.cheapChecks(parsed);
    } else {
      const start = r.position;
      parsed = kind === 'announce' ? readAnnounce(r) : readLeave(r);
      signed = signedBytes(topic, kind, null, r.slice(start, parsed.bodyEnd));
      this.cheapChecks(parsed);
      const claimed = senderKey(parsed.message);
      // Our own announces come back from the broker; so do forgeries claiming to be us. Neither
      // is worth a signature check.
      if (peerIdOf(claimed, parsed.message.kind === 'leave' ? parsed.message.tab : parsed.message.from.tab) === this.ctx.selfId) throw new SignalRejected('own', kind);
      const known = this.ctx.knownKey?.(claimed) || equalBytes(claimed, this.ctx.signer.publicKey);
      this.spend(known ? 'roomKnown' : 'roomStrangers');
    }
    const m = parsed.message;
    const key = senderKey(m);
    const sender = `${toBase64Url(key)}-${m.kind === 'leave' ? m.tab : m.from.tab}`;
    this.signatureChecks++;
    if (!(await verifySignature(key, signed, parsed.signature))) throw new SignalRejected('bad-signature', kind, sender);
    // Charged only once the signature holds: a spoofer cannot use up a real sender's share.
    if (!this.perSender.take(sender)) throw new SignalRejected('rate-limited', 'too many messages from one sender', sender);
    if (m.kind !== 'leave') {
      try {
        m.from.name = normalizeName(m.from.name);
      } catch {
        throw new SignalRejected('malformed', 'unusable name', sender);
      }
    }
    // Ed25519 signatures are deterministic: the same signed bytes always give the same signature.
    if (!this.replays.add(replayId(parsed.signature))) throw new SignalRejected('replay', kind, sender);
    return m;
  }

  /** Free checks on a parsed message, before any signature: its time, and whether we had it already. */
  private cheapChecks(parsed: { message: SignalMessage; signature: Uint8Array }): void {
    const skew = Math.abs((this.ctx.now ?? Date.now)() - parsed.message.ts);
    if (skew > this.skewMs) throw new SignalRejected('stale', `${Math.round(skew / 1000)} s off`);
    // Only a signature that verified is remembered, so a forged copy cannot block the real one.
    if (this.replays.has(replayId(parsed.signature))) throw new SignalRejected('replay', parsed.message.kind);
  }

  /**
   * Takes one unit of a topic's budget. Known senders have their own lane and, when it is
   * used up (a spoofer claiming known keys), fall back to the strangers' lane: the known
   * lane only ever adds capacity. Claimed keys are not charged here (a spoofer could use up
   * a real sender's share); the verified sender is, after its signature.
   */
  private spend(budget: 'roomKnown' | 'roomStrangers' | 'inboxKnown' | 'inboxStrangers'): void {
    if (this.budgets[budget].take('all')) return;
    const fallback = budget === 'roomKnown' ? 'roomStrangers' : budget === 'inboxKnown' ? 'inboxStrangers' : null;
    if (fallback && this.budgets[fallback].take('all')) return;
    throw new SignalRejected('rate-limited', `too many signaling messages (${budget})`);
  }
}

const senderKey = (m: SignalMessage): Uint8Array => (m.kind === 'leave' ? m.publicKey : m.from.publicKey);
const replayId = (signature: Uint8Array): string => toBase64Url(signature.subarray(0, 24));

export type { DirectMessage };
