/**
 * The signaling gate and its writer. Every MQTT payload passes `SignalGate.accept` before
 * any other code sees it: size limit, version, room decryption, strict parsing, per-sender
 * rate limit, recipient unsealing, Ed25519 signature, freshness and replay. Anything that
 * fails is a `SignalRejected` with a reason; nothing else escapes.
 */
import { verifySignature } from '../identity/identity.js';
import { normalizeName } from '../identity/friendly-name.js';
import { ByteReader, ByteWriter } from '../util/byte-io.js';
import { concatBytes, randomBytes, toBase64Url, utf8 } from '../util/bytes.js';
import { ExpiringSet } from '../util/expiring-set.js';
import { RateLimiter } from '../util/rate-limiter.js';
import { open, seal } from './aead.js';
import {
  Kind,
  KIND_NAMES,
  LIMITS,
  ROOM_SEALED,
  WIRE_VERSION,
  isSealedKind,
  readAnnounce,
  readDirect,
  readLeave,
  signedBytes,
  writeAnnounceBody,
  writeDirectBody,
  writeLeaveBody,
  type DirectMessage,
  type KindName,
  type SenderInfo,
  type SignalMessage,
} from './messages.js';
import { inboxTopic } from './room.js';
import type { SealKeys } from './seal-keys.js';

/** Why a signaling payload was dropped. */
export type SignalDropReason =
  | 'too-large'
  | 'malformed'
  | 'unknown-version'
  | 'wrong-topic'
  | 'undecryptable'
  | 'bad-signature'
  | 'stale'
  | 'replay'
  | 'rate-limited';

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
  now?: () => number;
}

const random32 = () => new DataView(randomBytes(4).buffer).getUint32(0);

/** Builds signed (and sealed) payloads. */
export class SignalWriter {
  constructor(private readonly ctx: EnvelopeContext) {}

  get inboxTopic(): string {
    return inboxTopic(this.ctx.roomTopic, this.ctx.selfId);
  }

  async announce(from: SenderInfo): Promise<Uint8Array> {
    const body = writeAnnounceBody({ ts: this.now(), nonce: random32(), from });
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

  /** An offer, answer or decline sealed to one peer, with the topic to publish it to (its inbox). */
  async direct(
    kind: 'offer' | 'answer' | 'decline',
    from: SenderInfo,
    to: { id: string; sealKey: Uint8Array; session: number },
    sdp: Uint8Array,
  ): Promise<{ topic: string; payload: Uint8Array }> {
    const topic = inboxTopic(this.ctx.roomTopic, to.id);
    const body = writeDirectBody({ ts: this.now(), nonce: random32(), from, toSession: to.session, sdp });
    const sig = await this.ctx.signer.sign(signedBytes(topic, kind, from.sealKey, body));
    const key = await this.ctx.sealKeys.keyFor(to.sealKey);
    const sealed = await seal(key, concatBytes(body, sig), sealAad(topic, kind, from.sealKey));
    return { topic, payload: await this.frame(topic, kind, concatBytes(from.sealKey, sealed)) };
  }

  private async frame(topic: string, kind: KindName, body: Uint8Array): Promise<Uint8Array> {
    const inner = concatBytes(Uint8Array.of(Kind[kind]), body);
    if (!this.ctx.roomKey) return concatBytes(Uint8Array.of(WIRE_VERSION), inner);
    return concatBytes(Uint8Array.of(WIRE_VERSION | ROOM_SEALED), await seal(this.ctx.roomKey, inner, utf8(topic)));
  }

  private now(): number {
    return (this.ctx.now ?? Date.now)();
  }
}

const sealAad = (topic: string, kind: KindName, sealKey: Uint8Array) =>
  new ByteWriter().bytes(utf8(topic)).u8(0).u8(Kind[kind]).bytes(sealKey).finish();

/** The one gate for signaling input. */
export class SignalGate {
  private readonly replays: ExpiringSet;
  // Signature checks cost CPU: limit per claimed sender before verifying, and overall.
  private readonly perSender = new RateLimiter(5, 20);
  private readonly overall = new RateLimiter(100, 300);
  private readonly skewMs: number;

  private readonly inbox: string;

  constructor(private readonly ctx: EnvelopeContext) {
    this.inbox = inboxTopic(ctx.roomTopic, ctx.selfId);
    this.skewMs = ctx.skewMs ?? 5 * 60_000;
    // Large enough for the overall rate limit over the whole lifetime: a flood of valid
    // messages must not evict entries that are still replayable.
    this.replays = new ExpiringSet(2 * this.skewMs + 60_000, 70_000);
  }

  /**
   * Validates one payload received on `topic`.
   * @throws {SignalRejected} with the reason it was dropped
   */
  async accept(topic: string, payload: Uint8Array): Promise<SignalMessage> {
    if (payload.length > LIMITS.payloadBytes) throw new SignalRejected('too-large', `${payload.length} bytes`);
    if (!this.overall.take('all')) throw new SignalRejected('rate-limited', 'too many signaling messages');
    const inbox = this.inbox;
    if (topic !== this.ctx.roomTopic && topic !== inbox) throw new SignalRejected('wrong-topic', topic);
    if (payload.length < 2) throw new SignalRejected('malformed', 'empty');

    const version = payload[0];
    let inner: Uint8Array;
    if (this.ctx.roomKey) {
      if (version !== (WIRE_VERSION | ROOM_SEALED)) throw new SignalRejected(version === WIRE_VERSION ? 'undecryptable' : 'unknown-version', `version byte ${version}`);
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
    const kind = KIND_NAMES[inner[0]];
    if (!kind) throw new SignalRejected('malformed', `unknown kind ${inner[0]}`);
    const toInbox = isSealedKind(kind);
    if (toInbox !== (topic === inbox)) throw new SignalRejected('wrong-topic', `${kind} on ${topic}`);

    try {
      return await this.check(topic, kind, new ByteReader(inner.subarray(1)));
    } catch (e) {
      if (e instanceof SignalRejected) throw e;
      throw new SignalRejected('malformed', e instanceof Error ? e.message : String(e));
    }
  }

  private async check(topic: string, kind: KindName, r: ByteReader): Promise<SignalMessage> {
    let parsed: { message: SignalMessage; bodyEnd: number; signature: Uint8Array };
    let signed: Uint8Array;
    if (isSealedKind(kind)) {
      const sealKey = r.bytes(32);
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
    } else {
      const start = r.position;
      parsed = kind === 'announce' ? readAnnounce(r) : readLeave(r);
      signed = signedBytes(topic, kind, null, r.slice(start, parsed.bodyEnd));
    }
    const m = parsed.message;
    const senderKey = m.kind === 'leave' ? m.publicKey : m.from.publicKey;
    const sender = `${toBase64Url(senderKey)}-${m.kind === 'leave' ? m.tab : m.from.tab}`;
    if (!this.perSender.take(sender)) throw new SignalRejected('rate-limited', 'too many messages from one sender', sender);
    if (!(await verifySignature(senderKey, signed, parsed.signature))) throw new SignalRejected('bad-signature', kind, sender);
    const skew = Math.abs((this.ctx.now ?? Date.now)() - m.ts);
    if (skew > this.skewMs) throw new SignalRejected('stale', `${Math.round(skew / 1000)} s off`, sender);
    if (m.kind !== 'leave') {
      try {
        m.from.name = normalizeName(m.from.name);
      } catch {
        throw new SignalRejected('malformed', 'unusable name', sender);
      }
    }
    // Ed25519 signatures are deterministic: the same signed bytes always give the same signature.
    if (!this.replays.add(toBase64Url(parsed.signature.subarray(0, 24)))) throw new SignalRejected('replay', kind, sender);
    return m;
  }
}

export type { DirectMessage };
