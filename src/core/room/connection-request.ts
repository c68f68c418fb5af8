/**
 * A request to connect, waiting for the user's decision: the object behind a
 * `connectionrequest` event and `client.requests`. Its changes are reported as
 * `requestchange` events.
 */
import type { NameWarning } from '../identity/trust-policy.js';
import type { Peer } from '../peer/peer.js';

/**
 * - `waiting`: nobody decided yet
 * - `accepted` / `rejected`: decided (by a person, the app, or a policy change). A rejected
 *   knock ("Not now") stays in `client.notNow` while the peer is in the room: `accept()`
 *   then lets it in after all.
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
  /** Lets a peer turned away with "Not now" in after all; false when it is gone. */
  #letIn: (() => boolean) | null = null;

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

  /**
   * Connect to this peer. After `reject()` ("Not now"), lets the peer in after all while it
   * is still in the room (see `client.notNow`). No effect once accepted or withdrawn.
   */
  accept(): void {
    if (this.#state === 'rejected') return this.reopen();
    this.end('accepted');
  }

  /** Do not connect ("Not now"); the peer is told. No effect once decided. */
  reject(): void {
    this.end('rejected');
  }

  /** @internal the peer went away, or the client closed (also ends a "Not now") */
  withdraw(): void {
    if (this.#state === 'rejected' && this.#letIn) {
      this.#letIn = null;
      this.#state = 'withdrawn';
      return this.#changed(this);
    }
    this.end('withdrawn');
  }

  /** @internal a rejected knock that may still be let in, through `letIn` */
  keepForLater(letIn: () => boolean): void {
    if (this.#state === 'rejected') this.#letIn = letIn;
  }

  private reopen(): void {
    const letIn = this.#letIn;
    this.#letIn = null;
    if (!letIn) return;
    this.#state = letIn() ? 'accepted' : 'withdrawn';
    this.#changed(this);
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
