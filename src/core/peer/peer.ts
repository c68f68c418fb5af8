/**
 * `Peer`: the read-only public handle of one remote peer, as pages see it through the
 * client's events and `client.peers`. Its state lives in the client's PeerLink
 * (peer-link.ts); nothing outside the core can change it.
 */
import type { NameWarning } from '../identity/trust-policy.js';
import { NotVerifiedError } from '../errors.js';
import { randomBytes, toBase64Url } from '../util/bytes.js';
import type { AskOptions } from './asks.js';
import { MAX_TEXT } from './frames.js';
import type { PeerState } from './negotiation.js';
import type { PeerLink } from './peer-link.js';

export type { PeerState } from './negotiation.js';
export type { AskOptions } from './asks.js';
export type { NameWarning } from '../identity/trust-policy.js';

/**
 * How a verified peer's key and name relate to the trust store (decided in
 * identity/trust-policy.ts):
 * - `trusted`: trusted explicitly (by the app, the "Trust" action or a confirmed safety code)
 * - `seen`: pinned on first use earlier; nobody vouched for it
 * - `pinned`: first contact; now pinned (seen from now on)
 * - `key-changed`: its name, or a look-alike of it, is pinned to another key (see `nameWarning`)
 * - `self`: another tab of our own identity (the same key); nothing to compare
 */
export type TrustStatus = 'trusted' | 'seen' | 'pinned' | 'key-changed' | 'self';

/**
 * Our knock at a member's door: it heard our announce and its person decides whether to
 * let us in (see docs/protocol.md, "Knocks").
 * - `waiting`: its person is deciding
 * - `not-now`: its person said "Not now"; it may still let us in while we stay
 */
export type KnockState = 'waiting' | 'not-now';

/** Why a peer went away. */
export type CloseReason = 'left' | 'lost' | 'timeout' | 'closed' | 'replaced' | 'declined' | 'failed' | 'policy';

export const newMessageId = (): string => toBase64Url(randomBytes(12));

/**
 * Checks a chat text from the app.
 * @throws {RangeError} when empty or over {@link MAX_TEXT} characters
 */
export function checkText(text: unknown): asserts text is string {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) throw new RangeError(`message must be 1–${MAX_TEXT} characters`);
}

/** The link behind each handle, for the core's own parts (never exported from the package). */
const links = new WeakMap<Peer, PeerLink>();

/** The inside of a handle the client gave out; undefined for anything else (a page's fake). */
export const linkOf = (peer: Peer): PeerLink | undefined => links.get(peer);

/** One remote peer in the room. Read-only: the client keeps it up to date. */
export class Peer {
  /** Peer id: key prefix + tab (`q0Zz3…-2`). */
  readonly id: string;
  /** Ed25519 public key (32 bytes): the identity that signed this peer's signaling. */
  readonly publicKey: Uint8Array;
  /** Tab number of that identity. */
  readonly tab: number;
  readonly #link: PeerLink;

  /** @internal made by the client only */
  constructor(link: PeerLink) {
    this.#link = link;
    this.id = link.id;
    this.publicKey = link.publicKey;
    this.tab = link.tab;
    links.set(this, link);
  }

  /** Display name: a label chosen by the peer, never proof of anything. */
  get name(): string {
    return this.#link.name;
  }

  /** Where this peer is in its lifecycle (changes are reported as `peerstate` events). */
  get state(): PeerState {
    return this.#link.state;
  }

  /**
   * Another tab of our own identity (the same key, another tab number): it connects without
   * asking either side, and is verified like anyone (trust `self`). Show it as "You (another tab)".
   */
  get ownTab(): boolean {
    return this.#link.ownTab;
  }

  /**
   * Our knock at this peer's door (changes are reported as `knockchange` events): `waiting`
   * while its person decides whether to let us in, `not-now` when they declined for now,
   * null otherwise (never asked, or let in: the connection follows).
   */
  get knock(): KnockState | null {
    return this.#link.knock;
  }

  /** Set once verified; may change later (renames, the trust store changing). */
  get trust(): TrustStatus | null {
    return this.#link.trust;
  }

  /**
   * Set once verified when the name may mislead: `key-changed` (the name is pinned to another
   * key), `look-alike` (it looks like a name pinned to another key), `mixed-script`.
   * Show it wherever the name is shown.
   */
  get nameWarning(): NameWarning | null {
    return this.#link.nameWarning;
  }

  /** Set once verified: compare it out of band to rule out a man in the middle. */
  get safetyCode(): string | null {
    return this.#link.safetyCode;
  }

  /** Display label with the tab number when it is not the first tab: "Alice (2)". */
  get label(): string {
    return this.#link.label;
  }

  /** Public key as base64url (43 characters), for storage and display. */
  get key(): string {
    return this.#link.key;
  }

  /** True once the identity proof passed and until the peer goes away. */
  get verified(): boolean {
    return this.#link.verified;
  }

  /** ICE restarts this peer's connection went through (for diagnostics). */
  get restarts(): number {
    return this.#link.restarts;
  }

  /**
   * Sends a direct chat message to this peer only.
   * @returns the message id (the peer acknowledges it)
   * @throws {NotVerifiedError} when the peer is not verified
   * @throws {RangeError} when the text is empty or longer than 16 384 characters
   */
  send(text: string): string {
    if (!this.verified) throw new NotVerifiedError(`peer ${this.label} is not verified`);
    checkText(text);
    return this.#link.sendDirect(text);
  }

  /**
   * Asks this peer a question; its app answers through its `question` event.
   * @returns the answer, from this peer only
   * @throws {TimeoutError} when no answer came within `timeout`
   * @throws {NotVerifiedError} when the peer is not verified
   * @throws {PeerGoneError} when it went away first
   * @throws {RemoteError} when it answered with an error
   * @throws the signal's reason when `signal` aborted
   * @example
   * const sum = await peer.ask({ op: 'add', args: [1, 2] }, { signal: AbortSignal.timeout(5000) });
   */
  ask(question: unknown, options: AskOptions = {}): Promise<unknown> {
    if (!this.verified) return Promise.reject(new NotVerifiedError(`peer ${this.label} is not verified`));
    return this.#link.ask(newMessageId(), question, options);
  }

  /** Closes the connection to this peer (it is told). */
  close(): void {
    this.#link.shutdown('closed');
  }
}
