import type { ConnectionRequestEvent, NameWarning, Peer } from '../../core/index.js';

/**
 * `connectionrequest`: a peer wants to connect, or we found one to connect to. Cancelable:
 * a listener that calls `preventDefault()` takes the decision, now or later, with
 * `accept()` / `reject()`; otherwise the built-in prompt of `<rt-peer-list>` asks the user.
 * Not fired for peers the `auto-accept` policy admits.
 */
export class RTConnectionRequestEvent extends Event {
  static readonly type = 'connectionrequest';
  /** The peer asking (its name is a label, not proof of anything). */
  readonly peer: Peer;
  /** true when we would send the offer, false when the peer offered. */
  readonly initiator: boolean;
  /** Whether the peer's key was trusted explicitly under this name (a key merely seen before is not). */
  readonly trusted: boolean;
  /** Set when the name it announced may mislead: pinned to another key, a look-alike of one, mixed alphabets. */
  readonly warning: NameWarning | null;

  constructor(private readonly request: ConnectionRequestEvent) {
    super(RTConnectionRequestEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.peer = request.peer;
    this.initiator = request.initiator;
    this.trusted = request.trusted;
    this.warning = request.warning;
  }

  /** Connect to this peer. */
  accept(): void {
    this.request.accept();
  }

  /** Do not connect; an offering peer is told. */
  reject(): void {
    this.request.reject();
  }
}

declare global {
  interface HTMLElementEventMap {
    connectionrequest: RTConnectionRequestEvent;
  }
}
