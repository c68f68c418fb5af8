/**
 * Events about the client itself: its state, brokers, joining, its own name, drops and errors.
 * Every core event takes its fields as one init object (and an optional EventInit), so an
 * element can copy any of them generically as its own bubbling DOM event (see
 * elements/internal/redispatch.ts): `new (e.constructor)(e, { bubbles: true, composed: true })`.
 */
import type { ClientState } from '../client-state.js';
import type { BrokerStatus } from '../signaling/transport.js';
import type { Peer } from '../peer/peer.js';
import type { DropReason } from '../drop-reasons.js';

/** The client's own state changed (`client.state`): joined, lost every broker, back, left. */
export class StateChangeEvent extends Event {
  static readonly type = 'statechange';
  readonly state: ClientState;
  readonly previous: ClientState;
  constructor(init: { state: ClientState; previous: ClientState }, options?: EventInit) {
    super(StateChangeEvent.type, options);
    this.state = init.state;
    this.previous = init.previous;
  }
}

/**
 * The client has its identity, storage and stored conversation (`id`, `publicKey`, `trust`,
 * `history` are set) and starts meeting the room through its brokers. Once per client.
 */
export class JoinedEvent extends Event {
  static readonly type = 'joined';
  /** Our peer id. */
  readonly id: string;
  /** The MQTT topic of the room. */
  readonly roomTopic: string;
  constructor(init: { id: string; roomTopic: string }, options?: EventInit) {
    super(JoinedEvent.type, options);
    this.id = init.id;
    this.roomTopic = init.roomTopic;
  }
}

/** A broker's connection state changed. */
export class BrokerStatusEvent extends Event {
  static readonly type = 'brokerstatus';
  readonly status: BrokerStatus;
  /** Every broker's current state. */
  readonly all: BrokerStatus[];
  constructor(init: { status: BrokerStatus; all: BrokerStatus[] }, options?: EventInit) {
    super(BrokerStatusEvent.type, options);
    this.status = init.status;
    this.all = init.all;
  }
}

/** A peer (or we, when `peer` is null) changed display name. */
export class NameChangeEvent extends Event {
  static readonly type = 'namechange';
  readonly peer: Peer | null;
  readonly name: string;
  readonly previous: string;
  constructor(init: { peer: Peer | null; name: string; previous: string }, options?: EventInit) {
    super(NameChangeEvent.type, options);
    this.peer = init.peer;
    this.name = init.name;
    this.previous = init.previous;
  }
}

/** Input from the network was dropped: reported once per sender and reason per minute. */
export class DropEvent extends Event {
  static readonly type = 'drop';
  /** `signaling` (MQTT) or `channel` (a peer's data channel). */
  readonly source: 'signaling' | 'channel';
  readonly reason: DropReason;
  readonly detail: string;
  /** Claimed sender (unproven for signaling). */
  readonly sender: string | null;
  constructor(init: { source: 'signaling' | 'channel'; reason: DropReason; detail: string; sender: string | null }, options?: EventInit) {
    super(DropEvent.type, options);
    this.source = init.source;
    this.reason = init.reason;
    this.detail = init.detail;
    this.sender = init.sender;
  }
}

/** Something failed that the app may want to show (e.g. no broker reachable). */
export class ClientErrorEvent extends Event {
  static readonly type = 'error';
  readonly error: Error;
  constructor(init: { error: Error }, options?: EventInit) {
    super(ClientErrorEvent.type, options);
    this.error = init.error;
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
  /** The estimate, in bits. */
  readonly bits: number;
  /** Secrets under this many bits are weak. */
  readonly threshold: number;
  constructor(init: { bits: number; threshold: number }, options?: EventInit) {
    super(WeakSecretEvent.type, options);
    this.bits = init.bits;
    this.threshold = init.threshold;
  }
}
