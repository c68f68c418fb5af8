/** Events about peers: seen, asking to connect, connected, verified, trusted, gone. */
import type { ConnectionRequest } from '../room/connection-request.js';
import type { NameWarning } from '../identity/trust-policy.js';
import type { CloseReason, KnockState, Peer, PeerState, TrustStatus } from '../peer/peer.js';
import type { VerificationFailure } from '../peer/verification.js';

/** A peer's state changed (`peer.state`): pending, connecting, connected, verified, declined, failed, closed. */
export class PeerStateEvent extends Event {
  static readonly type = 'peerstate';
  readonly peer: Peer;
  readonly previous: PeerState;
  constructor(init: { peer: Peer; previous: PeerState }, options?: EventInit) {
    super(PeerStateEvent.type, options);
    this.peer = init.peer;
    this.previous = init.previous;
  }
}

/** A peer announced itself in the room (not yet connected). */
export class PeerSeenEvent extends Event {
  static readonly type = 'peerseen';
  readonly peer: Peer;
  constructor(init: { peer: Peer }, options?: EventInit) {
    super(PeerSeenEvent.type, options);
    this.peer = init.peer;
  }
}

/**
 * A peer knocks (it announced itself; `initiator` true), or, with `askBeforeJoining`, a
 * member offers to connect (`initiator` false): the user decides.
 * Call `accept()` or `reject()`, now or later (the request waits in `client.requests`);
 * call `preventDefault()` to tell other UI (such as `<rt-peer-list>`'s built-in prompt)
 * that you are deciding (`request.handled`). Not dispatched for peers that the
 * `autoAccept` policy admits, for our own other tabs, nor (unless `askBeforeJoining`) for
 * members offering to connect after they let us in.
 */
export class ConnectionRequestEvent extends Event {
  static readonly type = 'connectionrequest';
  /** The request: its state changes are reported as `requestchange`. */
  readonly request: ConnectionRequest;
  constructor(init: { request: ConnectionRequest }, options: EventInit = {}) {
    super(ConnectionRequestEvent.type, { cancelable: true, ...options });
    this.request = init.request;
  }

  /** The peer asking (its name is a label, not proof of anything). */
  get peer(): Peer {
    return this.request.peer;
  }

  /** true when we would send the offer, false when the peer offered. */
  get initiator(): boolean {
    return this.request.initiator;
  }

  /** Whether the peer's key was trusted explicitly under this name (a key merely seen before is not). */
  get trusted(): boolean {
    return this.request.trusted;
  }

  /** Set when the name it announced may mislead: pinned to another key, a look-alike of one, mixed alphabets. */
  get warning(): NameWarning | null {
    return this.request.warning;
  }

  /** Connect to this peer. */
  accept(): void {
    this.request.accept();
  }

  /** Do not connect; an offering peer is told. */
  reject(): void {
    this.request.reject();
  }

  /** Marks the request as handled by this listener: built-in prompts leave it alone. */
  override preventDefault(): void {
    super.preventDefault();
    if (this.cancelable) this.request.markHandled();
  }
}

/** A connection request was accepted, rejected or withdrawn (the peer left), or a listener took it (`handled`). */
export class RequestChangeEvent extends Event {
  static readonly type = 'requestchange';
  readonly request: ConnectionRequest;
  constructor(init: { request: ConnectionRequest }, options?: EventInit) {
    super(RequestChangeEvent.type, options);
    this.request = init.request;
  }
}

/**
 * Our knock at a member's door changed (`peer.knock`): its person is deciding whether to let
 * us in (`waiting`), said "Not now" (`not-now`), or let us in (null; the connection follows).
 */
export class KnockChangeEvent extends Event {
  static readonly type = 'knockchange';
  readonly peer: Peer;
  readonly knock: KnockState | null;
  readonly previous: KnockState | null;
  constructor(init: { peer: Peer; knock: KnockState | null; previous: KnockState | null }, options?: EventInit) {
    super(KnockChangeEvent.type, options);
    this.peer = init.peer;
    this.knock = init.knock;
    this.previous = init.previous;
  }
}

/** The data channel to a peer opened; its identity proof is under way (see `verified`). */
export class PeerConnectedEvent extends Event {
  static readonly type = 'peerconnected';
  readonly peer: Peer;
  constructor(init: { peer: Peer }, options?: EventInit) {
    super(PeerConnectedEvent.type, options);
    this.peer = init.peer;
  }
}

/** The peer proved, over this very channel, that it holds its Ed25519 key. Chat flows from now on. */
export class VerifiedEvent extends Event {
  static readonly type = 'verified';
  readonly peer: Peer;
  /** `trusted` (vouched for), `seen` (pinned on an earlier visit), `pinned` (first contact, now pinned) or `key-changed` (the name, or a look-alike, is pinned to another key: see `peer.nameWarning`). */
  readonly trust: TrustStatus;
  /** Compare with the peer out of band: equal codes rule out a man in the middle. */
  readonly safetyCode: string;
  constructor(init: { peer: Peer; trust: TrustStatus; safetyCode: string }, options?: EventInit) {
    super(VerifiedEvent.type, options);
    this.peer = init.peer;
    this.trust = init.trust;
    this.safetyCode = init.safetyCode;
  }
}

/**
 * A verified peer's trust or name warning changed: it renamed itself (perhaps to a name
 * pinned to another key), or the trust store changed (the "Trust" action, another tab).
 */
export class TrustChangeEvent extends Event {
  static readonly type = 'trustchange';
  readonly peer: Peer;
  readonly trust: TrustStatus;
  readonly warning: NameWarning | null;
  readonly previousTrust: TrustStatus | null;
  readonly previousWarning: NameWarning | null;
  constructor(init: { peer: Peer; trust: TrustStatus; warning: NameWarning | null; previousTrust: TrustStatus | null; previousWarning: NameWarning | null }, options?: EventInit) {
    super(TrustChangeEvent.type, options);
    this.peer = init.peer;
    this.trust = init.trust;
    this.warning = init.warning;
    this.previousTrust = init.previousTrust;
    this.previousWarning = init.previousWarning;
  }
}

/** The peer's proof failed; the connection is closed. */
export class VerificationFailedEvent extends Event {
  static readonly type = 'verificationfailed';
  readonly peer: Peer;
  readonly reason: VerificationFailure;
  constructor(init: { peer: Peer; reason: VerificationFailure }, options?: EventInit) {
    super(VerificationFailedEvent.type, options);
    this.peer = init.peer;
    this.reason = init.reason;
  }
}

/** A peer we had agreed to connect to is gone (or declined, or failed). */
export class PeerDisconnectedEvent extends Event {
  static readonly type = 'peerdisconnected';
  readonly peer: Peer;
  readonly reason: CloseReason;
  constructor(init: { peer: Peer; reason: CloseReason }, options?: EventInit) {
    super(PeerDisconnectedEvent.type, options);
    this.peer = init.peer;
    this.reason = init.reason;
  }
}
