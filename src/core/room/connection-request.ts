/**
 * A request to connect, waiting for the user's decision: the object behind a
 * `connectionrequest` event and `client.requests`. Its changes are reported as
 * `requestchange` events.
 */
import type { NameWarning } from '../identity/trust-policy.js';
import type { Peer } from '../peer/peer.js';

/**
 * - `waiting`: nobody decided yet
 * - `accepted` / `rejected`: decided (by a person, the app, or a policy change)
 * - `withdrawn`: the peer left, was replaced by a newer session, or the client closed first
 */
export type RequestState = 'waiting' | 'accepted' | 'rejected' | 'withdrawn';

export class ConnectionRequest {
  /** The peer asking (its name is a label, not proof of anything). */
  readonly peer: Peer;
  /** true when we would send the offer, false when the peer offered. */
  readonly initiator: boolean;
  /** Whether the peer's key was trusted explicitly under this name (a key merely seen before is not). */
  readonly trusted: boolean;
  /** Set when the name it announced may mislead: pinned to another key, a look-alike of one, mixed alphabets. */
  readonly warning: NameWarning | null;
  #state: RequestState = 'waiting';
  #handled = false;
  readonly #settle: (request: ConnectionRequest, state: RequestState) => void;
  readonly #changed: (request: ConnectionRequest) => void;

  /** @internal made by the client */
  constructor(
    init: { peer: Peer; initiator: boolean; trusted: boolean; warning: NameWarning | null },
    settle: (request: ConnectionRequest, state: RequestState) => void,
    changed: (request: ConnectionRequest) => void,
  ) {
    this.peer = init.peer;
    this.initiator = init.initiator;
    this.trusted = init.trusted;
    this.warning = init.warning;
    this.#settle = settle;
    this.#changed = changed;
  }

  /** See {@link RequestState}. */
  get state(): RequestState {
    return this.#state;
  }

  /** true once a listener called `preventDefault()` on its event: that listener decides, built-in prompts stay away. */
  get handled(): boolean {
    return this.#handled;
  }

  /** Connect to this peer. No effect once decided. */
  accept(): void {
    this.end('accepted');
  }

  /** Do not connect; an offering peer is told. No effect once decided. */
  reject(): void {
    this.end('rejected');
  }

  /** @internal the peer went away, or the client closed */
  withdraw(): void {
    this.end('withdrawn');
  }

  /** @internal a listener took the decision */
  markHandled(): void {
    if (this.#handled || this.#state !== 'waiting') return;
    this.#handled = true;
    this.#changed(this);
  }

  private end(state: RequestState): void {
    if (this.#state !== 'waiting') return;
    this.#state = state;
    this.#settle(this, state);
    this.#changed(this);
  }
}
