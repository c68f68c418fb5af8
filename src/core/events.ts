/**
 * Events of RTChatClient, one class each, and the typed event map.
 * Core events do not bubble (the client is a plain EventTarget); the elements re-dispatch
 * their own bubbling, composed versions.
 */
import type { ChatRecord } from './delivery/history.js';
import type { BrokerStatus } from './signaling/mqtt-transport.js';
import type { CloseReason, NameWarning, Peer, PeerState, TrustStatus } from './peer/peer.js';
import type { ClientState } from './client.js';
import type { FileTransfer } from './peer/file-transfer.js';
import type { VerificationFailure } from './peer/verification.js';

/** The client's own state changed (`client.state`): joined, lost every broker, back, left. */
export class StateChangeEvent extends Event {
  static readonly type = 'statechange';
  constructor(
    readonly state: ClientState,
    readonly previous: ClientState,
  ) {
    super(StateChangeEvent.type);
  }
}

/** A peer's state changed (`peer.state`): pending, connecting, connected, verified, declined, failed, closed. */
export class PeerStateEvent extends Event {
  static readonly type = 'peerstate';
  constructor(
    readonly peer: Peer,
    readonly previous: PeerState,
  ) {
    super(PeerStateEvent.type);
  }
}

/** A peer announced itself in the room (not yet connected). */
export class PeerSeenEvent extends Event {
  static readonly type = 'peerseen';
  constructor(readonly peer: Peer) {
    super(PeerSeenEvent.type);
  }
}

/**
 * A peer wants to connect, or we are about to connect to one: the user decides.
 * Call `accept()` or `reject()`, now or later (the request waits); call `preventDefault()`
 * to tell other UI (such as `<rt-chat-room>`'s built-in prompt) that you are deciding.
 * Not dispatched for peers that the `autoAccept` policy admits.
 */
export class ConnectionRequestEvent extends Event {
  static readonly type = 'connectionrequest';
  constructor(
    readonly peer: Peer,
    /** true when we would send the offer, false when the peer offered. */
    readonly initiator: boolean,
    /** Whether the peer's key was trusted explicitly under this name (a key merely seen before is not). */
    readonly trusted: boolean,
    private readonly decide: (accepted: boolean) => void,
    /** Set when the name it announced may mislead: pinned to another key, a look-alike of one, mixed alphabets. */
    readonly warning: NameWarning | null = null,
  ) {
    super(ConnectionRequestEvent.type, { cancelable: true });
  }

  /** Connect to this peer. */
  accept(): void {
    this.decide(true);
  }

  /** Do not connect; an offering peer is told. */
  reject(): void {
    this.decide(false);
  }
}

/** The data channel to a peer opened; its identity proof is under way (see `verified`). */
export class PeerConnectedEvent extends Event {
  static readonly type = 'peerconnected';
  constructor(readonly peer: Peer) {
    super(PeerConnectedEvent.type);
  }
}

/** The peer proved, over this very channel, that it holds its Ed25519 key. Chat flows from now on. */
export class VerifiedEvent extends Event {
  static readonly type = 'verified';
  constructor(
    readonly peer: Peer,
    /** `trusted` (vouched for), `seen` (pinned on an earlier visit), `pinned` (first contact, now pinned) or `key-changed` (the name, or a look-alike, is pinned to another key: see `peer.nameWarning`). */
    readonly trust: TrustStatus,
    /** Compare with the peer out of band: equal codes rule out a man in the middle. */
    readonly safetyCode: string,
  ) {
    super(VerifiedEvent.type);
  }
}

/**
 * A verified peer's trust or name warning changed: it renamed itself (perhaps to a name
 * pinned to another key), or the trust store changed (the "Trust" action, another tab).
 */
export class TrustChangeEvent extends Event {
  static readonly type = 'trustchange';
  constructor(
    readonly peer: Peer,
    readonly trust: TrustStatus,
    readonly warning: NameWarning | null,
    readonly previousTrust: TrustStatus | null,
    readonly previousWarning: NameWarning | null,
  ) {
    super(TrustChangeEvent.type);
  }
}

/** The peer's proof failed; the connection is closed. */
export class VerificationFailedEvent extends Event {
  static readonly type = 'verificationfailed';
  constructor(
    readonly peer: Peer,
    readonly reason: VerificationFailure,
  ) {
    super(VerificationFailedEvent.type);
  }
}

/** A peer we had agreed to connect to is gone (or declined, or failed). */
export class PeerDisconnectedEvent extends Event {
  static readonly type = 'peerdisconnected';
  constructor(
    readonly peer: Peer,
    readonly reason: CloseReason,
  ) {
    super(PeerDisconnectedEvent.type);
  }
}

/** A chat message from a verified peer. */
export class ChatMessageEvent extends Event {
  static readonly type = 'chatmessage';
  constructor(
    readonly peer: Peer,
    readonly id: string,
    /** Plain text: never interpret it as HTML. */
    readonly text: string,
    /** Sender's clock, ms since 1970. */
    readonly sentAt: number,
    /** true for a direct message to us only, false for a room message. */
    readonly direct: boolean,
  ) {
    super(ChatMessageEvent.type);
  }
}

/** We sent a chat message (to the room, or directly to `to`). */
export class ChatSentEvent extends Event {
  static readonly type = 'chatsent';
  constructor(
    /** The message as the history keeps it: `sentTo` lists the identities that owe an acknowledgement. */
    readonly record: ChatRecord,
    /** The peer of a direct message, or null for the room. */
    readonly to: Peer | null,
  ) {
    super(ChatSentEvent.type);
  }

  get id(): string {
    return this.record.id;
  }

  get text(): string {
    return this.record.text;
  }

  get sentAt(): number {
    return this.record.sentAt;
  }

  /** Keys (base64url) of the identities it is for, including peers away for now. */
  get recipients(): string[] {
    return this.record.sentTo;
  }
}

/** A verified peer acknowledged one of our messages (once per message and identity). */
export class DeliveredEvent extends Event {
  static readonly type = 'delivered';
  constructor(
    readonly peer: Peer,
    readonly id: string,
    /** true once every identity it was sent to has acknowledged it. */
    readonly complete: boolean,
  ) {
    super(DeliveredEvent.type);
  }
}

/**
 * A verified peer asked us something (`peer.ask()` on its side). Answer with
 * `respondWith(value or promise)` during dispatch; unanswered questions get an error reply.
 */
export class QuestionEvent extends Event {
  static readonly type = 'question';
  /** @internal */ response: Promise<unknown> | null = null;
  constructor(
    readonly peer: Peer,
    readonly question: unknown,
  ) {
    super(QuestionEvent.type);
  }

  /** Sets the answer (JSON, at most 32 KiB); a rejected promise answers with its message as an error. */
  respondWith(answer: unknown): void {
    if (this.response) throw new Error('respondWith was already called');
    this.response = Promise.resolve(answer);
  }
}

/** A broker's connection state changed. */
export class BrokerStatusEvent extends Event {
  static readonly type = 'brokerstatus';
  constructor(
    readonly status: BrokerStatus,
    /** Every broker's current state. */
    readonly all: BrokerStatus[],
  ) {
    super(BrokerStatusEvent.type);
  }
}

/** A peer (or we, when `peer` is null) changed display name. */
export class NameChangeEvent extends Event {
  static readonly type = 'namechange';
  constructor(
    readonly peer: Peer | null,
    readonly name: string,
    readonly previous: string,
  ) {
    super(NameChangeEvent.type);
  }
}

/** Input from the network was dropped: reported once per sender and reason per minute. */
export class DropEvent extends Event {
  static readonly type = 'drop';
  constructor(
    /** `signaling` (MQTT) or `channel` (a peer's data channel). */
    readonly source: 'signaling' | 'channel',
    readonly reason: string,
    readonly detail: string,
    /** Claimed sender (unproven for signaling). */
    readonly sender: string | null,
  ) {
    super(DropEvent.type);
  }
}

/** Something failed that the app may want to show (e.g. no broker reachable). */
export class ClientErrorEvent extends Event {
  static readonly type = 'error';
  constructor(readonly error: Error) {
    super(ClientErrorEvent.type);
  }
}

/**
 * The room secret is weak by an entropy estimate (`estimateSecretBits`): someone who sees the
 * room's topic on the broker can guess it offline. Dispatched once per client, while it joins
 * (before `connect()` resolves); the client joins all the same. `RTChatClient.createSecret()`
 * makes a strong one.
 */
export class WeakSecretEvent extends Event {
  static readonly type = 'weaksecret';
  constructor(
    /** The estimate, in bits. */
    readonly bits: number,
    /** Secrets under this many bits are weak. */
    readonly threshold: number,
  ) {
    super(WeakSecretEvent.type);
  }
}

/** A peer offers a file: call `transfer.accept()` or `transfer.decline()` (now or later). */
export class FileOfferEvent extends Event {
  static readonly type = 'fileoffer';
  constructor(
    readonly peer: Peer,
    readonly transfer: FileTransfer,
  ) {
    super(FileOfferEvent.type);
  }
}

/** A file transfer moved on (`transfer.bytes` of `transfer.size`); at most every 100 ms and at the end. */
export class FileProgressEvent extends Event {
  static readonly type = 'fileprogress';
  constructor(
    readonly peer: Peer,
    readonly transfer: FileTransfer,
  ) {
    super(FileProgressEvent.type);
  }
}

/** A file arrived whole and matching its signed SHA-256. */
export class FileReceivedEvent extends Event {
  static readonly type = 'filereceived';
  constructor(
    readonly peer: Peer,
    readonly transfer: FileTransfer,
    readonly file: File,
  ) {
    super(FileReceivedEvent.type);
  }
}

/** A transfer ended, either side: `transfer.state` is `done`, `declined`, `cancelled` or `failed` (`transfer.failure`). */
export class FileEndEvent extends Event {
  static readonly type = 'fileend';
  constructor(
    readonly peer: Peer,
    readonly transfer: FileTransfer,
  ) {
    super(FileEndEvent.type);
  }
}

/** A verified peer is typing (repeated every few seconds while it types). */
export class TypingEvent extends Event {
  static readonly type = 'typing';
  constructor(readonly peer: Peer) {
    super(TypingEvent.type);
  }
}

/** Someone (a peer, or we when `peer` is null) reacted to a message, or took a reaction back (`on: false`). */
export class ReactionEvent extends Event {
  static readonly type = 'reaction';
  constructor(
    readonly peer: Peer | null,
    readonly messageId: string,
    readonly emoji: string,
    readonly on: boolean,
  ) {
    super(ReactionEvent.type);
  }
}

/** Every event of RTChatClient by name. */
export interface RTChatClientEventMap {
  statechange: StateChangeEvent;
  peerstate: PeerStateEvent;
  peerseen: PeerSeenEvent;
  connectionrequest: ConnectionRequestEvent;
  peerconnected: PeerConnectedEvent;
  verified: VerifiedEvent;
  verificationfailed: VerificationFailedEvent;
  trustchange: TrustChangeEvent;
  peerdisconnected: PeerDisconnectedEvent;
  chatmessage: ChatMessageEvent;
  chatsent: ChatSentEvent;
  delivered: DeliveredEvent;
  question: QuestionEvent;
  brokerstatus: BrokerStatusEvent;
  namechange: NameChangeEvent;
  drop: DropEvent;
  error: ClientErrorEvent;
  weaksecret: WeakSecretEvent;
  fileoffer: FileOfferEvent;
  fileprogress: FileProgressEvent;
  filereceived: FileReceivedEvent;
  fileend: FileEndEvent;
  typing: TypingEvent;
  reaction: ReactionEvent;
}
