/**
 * A peer's lifecycle as one explicit state machine: its state, its role in the offer/answer
 * exchange, and the local user's consent. Every transition is in the table below; anything
 * else is refused (returns false), so no code path can move a peer sideways.
 *
 *   pending ──start──▶ connecting ──open──▶ connected ──prove──▶ verified
 *      ▲                   │ reset (no consent yet)
 *      └───────────────────┘
 *   any live state ──decline / fail / close──▶ declined / failed / closed (final)
 */

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

/** Who sends the offer. */
export type Role = 'offerer' | 'answerer';

/** The local user's decision about this peer session. */
export type Consent = 'pending' | 'accepted' | 'rejected';

type Input = 'start' | 'open' | 'prove' | 'decline' | 'fail' | 'close';

const ENDINGS = { decline: 'declined', fail: 'failed', close: 'closed' } as const;

const TRANSITIONS: Record<PeerState, Partial<Record<Input, PeerState>>> = {
  pending: { start: 'connecting', ...ENDINGS },
  connecting: { start: 'connecting', open: 'connected', ...ENDINGS },
  connected: { prove: 'verified', ...ENDINGS },
  verified: { ...ENDINGS },
  declined: {},
  failed: {},
  closed: {},
};

export const isFinal = (s: PeerState): boolean => s === 'declined' || s === 'failed' || s === 'closed';
export const isLive = (s: PeerState): boolean => s === 'connected' || s === 'verified';
/** Seen but not proven: what the unverified-peer bound counts. */
export const isUnverified = (s: PeerState): boolean => s === 'pending' || s === 'connecting' || s === 'connected';

export class Negotiation {
  private current: PeerState = 'pending';
  consent: Consent = 'pending';

  constructor(
    public role: Role,
    private readonly onChange: (previous: PeerState) => void,
  ) {}

  get state(): PeerState {
    return this.current;
  }

  /** Applies an input; false (and no change) when the table has no such transition. */
  apply(input: Input): boolean {
    const next = TRANSITIONS[this.current][input];
    if (!next) return false;
    this.move(next);
    return true;
  }

  /** The end a close reason leads to. */
  end(reason: 'declined' | 'failed' | string): boolean {
    return this.apply(reason === 'declined' ? 'decline' : reason === 'failed' ? 'fail' : 'close');
  }

  /**
   * Glare, or an offer made again: the half-made connection is dropped and the peer takes
   * `role`. Back to `pending` unless the user already accepted (then a new connection follows).
   */
  reset(role: Role): void {
    this.role = role;
    if (this.current === 'connecting' && this.consent !== 'accepted') this.move('pending');
  }

  private move(next: PeerState): void {
    if (next === this.current) return;
    const previous = this.current;
    this.current = next;
    this.onChange(previous);
  }
}
