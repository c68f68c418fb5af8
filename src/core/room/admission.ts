/**
 * Who gets in: the consent policy (`autoAccept`), connection requests waiting for the user,
 * keys the user admitted in this page, sessions turned down, and the bound on peers still
 * proving themselves (with eviction by progress, so a flood cannot keep a newcomer out).
 */
import type { AutoAccept } from '../options.js';
import { ConnectionRequestEvent, RequestChangeEvent } from '../events/index.js';
import type { SenderInfo } from '../signaling/messages.js';
import type { PeerLink } from '../peer/peer-link.js';
import type { NameWarning } from '../identity/trust-policy.js';
import { ExpiringSet } from '../util/expiring-set.js';
import { equalBytes } from '../util/bytes.js';
import { ConnectionRequest } from './connection-request.js';
import type { RoomContext } from './context.js';
import type { PeerRegistry } from './peers.js';
import type { TrustKeeper } from './trust-keeper.js';

/**
 * Peers seen but not yet verified, at most: a flood of fresh keys cannot grow memory or
 * exhaust connections. When full, the one that got least far is evicted (see admit()), so
 * the bound decides how long a newcomer has to make progress under a flood: 64 slots at
 * the gate's 60 strangers a second is about a second, against 0.1–0.4 s from announce to
 * ICE connected on a loaded machine.
 */
export const MAX_UNVERIFIED = 64;
/** Unverified peers of one identity key (its tabs), at most: one key cannot take every slot. */
const MAX_UNVERIFIED_PER_KEY = 4;
/**
 * Records made by a `wait` or `decline` alone (our knock at a member's door), at most: they
 * are evicted among themselves, so a flood of them never pushes out a request or a handshake.
 */
const MAX_KNOCKS = 16;

/** How a decision ended: a person or policy decided, the peer went away, or the peer decides instead (both knocked). */
type Outcome = 'accepted' | 'rejected' | 'withdrawn' | 'stepped-aside';

interface Decision {
  promise: Promise<boolean>;
  request: ConnectionRequest | null;
  settle: (outcome: Outcome) => void;
}

/** Knocks answered "Not now" that may still be let in, at most (oldest first out)... */
const MAX_NOT_NOW = 32;
/** ...and for this long (as long as the session stays declined): a newcomer whose leave was lost does not linger. */
const NOT_NOW_MS = 10 * 60_000;

export class Admission {
  policy: AutoAccept;
  private readonly decisions = new Map<PeerLink, Decision>();
  /** Identities the user admitted in this page, or that let us in: they come back without asking again. */
  private readonly admitted = new Set<string>();
  /** Peer sessions we declined, so their offers get a decline and their announces nothing. */
  private readonly declined = new ExpiringSet(10 * 60_000, 1024);
  /** Knocks answered "Not now", by peer id, while that session may still be let in. */
  private readonly notNow = new Map<string, { request: ConnectionRequest; session: number; at: number }>();
  /** Set while a policy change accepts waiting requests: that is not a person's Accept. */
  private byPolicy = false;
  /** When we last had to turn someone away or evict a waiting peer (Date.now()). */
  turnedAwayAt = -Infinity;

  constructor(
    private readonly ctx: RoomContext,
    private readonly peers: PeerRegistry,
    private readonly trust: TrustKeeper,
    /** Called when someone was turned away: they may need to find us again later. */
    private readonly turnedAway: () => void,
    /** Lets a peer answered "Not now" in after all (a new offer to the same session); false when it cannot. */
    private readonly reopen: (link: PeerLink) => boolean,
  ) {
    this.policy = ctx.options.autoAccept ?? 'trusted';
  }

  /** Requests waiting for a decision. */
  get requests(): ConnectionRequest[] {
    return [...this.decisions.values()].flatMap((d) => (d.request ? [d.request] : []));
  }

  /** Knocks answered "Not now" whose peer is still here, oldest first: `accept()` lets one in. */
  get turnedDown(): ConnectionRequest[] {
    return [...this.notNow.values()].map((e) => e.request);
  }

  /** Whether the user is being asked about this peer. */
  asking(link: PeerLink): boolean {
    return !!this.decisions.get(link)?.request;
  }

  /** Changes the policy; waiting requests the new one admits go through now. */
  setPolicy(value: AutoAccept): void {
    this.policy = value;
    this.byPolicy = true;
    try {
      for (const r of this.requests) if (value === 'all' || (value === 'trusted' && r.trusted)) r.accept();
    } finally {
      this.byPolicy = false;
    }
  }

  isDeclined(id: string, session: number): boolean {
    return this.declined.has(`${id}|${session}`);
  }

  /** The store's warning about the name a peer shows before any proof (a knock, a request). */
  warningFor(link: PeerLink): NameWarning | null {
    return link.ownTab ? null : (this.trust.assess(link.publicKey, link.name)?.warning ?? null);
  }

  /**
   * Decides once per peer session whether to connect. `initiator`: the peer knocked (we heard
   * its announce, we would offer); else it offered. `invited`: its offer answers our own knock
   * (it told us to wait, or our announce is recent).
   * - Our own other tabs: yes, without asking.
   * - A member's offer answering our knock: yes (joining a room is consent to meet its
   *   members), unless `askBeforeJoining`. Any other offer is judged like a knock.
   * - A knock: the `autoAccept` policy, keys a person admitted in this page, else the person
   *   is asked (a `connectionrequest`); `asking` runs when the request is still open after its
   *   event (no listener decided at once), so the knocker can be told to wait.
   * Resolves false when declined, withdrawn, or when the peer decides instead (`stepAside`).
   */
  decide(link: PeerLink, initiator: boolean, asking?: () => void, invited = false): Promise<boolean> {
    const n = link.negotiation;
    if (n.consent !== 'pending') return Promise.resolve(n.consent === 'accepted');
    if (link.state !== 'pending' && link.state !== 'connecting') return Promise.resolve(false);
    const existing = this.decisions.get(link);
    if (existing) return existing.promise;
    // Explicit trust of this key under this name: a key merely seen before, or a trusted key
    // showing someone else's name, is asked about like a stranger.
    const verdict = link.ownTab ? null : this.trust.assess(link.publicKey, link.name);
    const trusted = verdict?.status === 'trusted';
    let resolve!: (ok: boolean) => void;
    const decision: Decision = {
      promise: new Promise<boolean>((r) => (resolve = r)),
      request: null,
      settle: (outcome) => {
        if (this.decisions.get(link) !== decision) return;
        this.decisions.delete(link);
        if (outcome === 'accepted' || outcome === 'rejected') n.consent = outcome;
        // A person's Accept, or a member letting us in, lets this key back in without asking
        // (a reconnect, another tab); a policy does not (it may change).
        if (outcome === 'accepted' && (decision.request || (!initiator && invited)) && !this.byPolicy) this.admitted.add(link.key);
        if (outcome === 'rejected') {
          // Remembered by session, bounded, so a flood of declined keys cannot grow memory.
          this.declined.add(`${link.id}|${link.session}`);
          if (decision.request && initiator) this.keepForLater(link, decision.request);
          if (link.state === 'pending') link.shutdown('declined', false);
        }
        resolve(outcome === 'accepted');
      },
    };
    this.decisions.set(link, decision);
    if (!this.asks(link, initiator, trusted, invited)) {
      decision.settle('accepted');
    } else {
      const request = new ConnectionRequest(
        { peer: link.peer, initiator, trusted, warning: verdict?.warning ?? null },
        (_, state) => decision.settle(state === 'accepted' ? 'accepted' : state === 'rejected' ? 'rejected' : 'withdrawn'),
        (r) => this.ctx.emit(new RequestChangeEvent({ request: r })),
      );
      decision.request = request;
      this.ctx.emit(new ConnectionRequestEvent({ request }));
      if (request.state === 'waiting') asking?.();
    }
    return decision.promise;
  }

  /** Whether a person would be asked about this peer now (see `decide`). */
  wouldAsk(link: PeerLink, initiator: boolean): boolean {
    if (link.negotiation.consent !== 'pending') return false;
    return this.asks(link, initiator, !link.ownTab && this.trust.assess(link.publicKey, link.name)?.status === 'trusted');
  }

  private asks(link: PeerLink, initiator: boolean, trusted: boolean, invited = false): boolean {
    if (link.ownTab || (!initiator && invited && this.ctx.options.askBeforeJoining !== true)) return false;
    const policy = this.policy;
    return !(policy === 'all' || (policy === 'trusted' && trusted) || this.admitted.has(link.key));
  }

  /**
   * Both of us knocked (our announces crossed) and the peer decides: our request is
   * withdrawn, our consent stays open, and its offer is answered like any member's.
   */
  stepAside(link: PeerLink): void {
    const d = this.decisions.get(link);
    if (!d) return;
    d.settle('stepped-aside');
    d.request?.withdraw();
  }

  /** A session that sent an announce, offer or leave: a "Not now" for an older session of that peer is over. */
  heard(id: string, session: number, left = false): void {
    const entry = this.notNow.get(id);
    if (entry && (left ? entry.session === session : entry.session !== session)) {
      this.notNow.delete(id);
      entry.request.withdraw();
    }
  }

  /** The peer is gone: a request about it is withdrawn. */
  closed(link: PeerLink): void {
    const d = this.decisions.get(link);
    if (d?.request) d.request.withdraw();
    else d?.settle('withdrawn');
  }

  /** Ends "Not now"s older than NOT_NOW_MS (called by the room's sweep). */
  sweep(now: number): void {
    for (const [id, entry] of [...this.notNow]) if (now - entry.at > NOT_NOW_MS) this.heard(id, entry.session, true);
  }

  /** Withdraws every request, and every "Not now" (the client closes). */
  closeAll(): void {
    for (const [link] of [...this.decisions]) this.closed(link);
    for (const [id, entry] of [...this.notNow]) this.heard(id, entry.session, true);
  }

  /** A knock answered "Not now": kept (bounded) so the person can let the peer in later. */
  private keepForLater(link: PeerLink, request: ConnectionRequest): void {
    this.heard(link.id, link.session); // an older session's "Not now" is over
    this.notNow.set(link.id, { request, session: link.session, at: Date.now() });
    if (this.notNow.size > MAX_NOT_NOW) {
      const [oldest, entry] = this.notNow.entries().next().value as [string, { request: ConnectionRequest; session: number; at: number }];
      this.notNow.delete(oldest);
      entry.request.withdraw();
    }
    request.keepForLater(() => {
      if (this.notNow.get(link.id)?.request !== request) return false;
      this.notNow.delete(link.id);
      this.declined.delete(`${link.id}|${link.session}`);
      this.admitted.add(link.key);
      return this.reopen(link);
    });
  }

  /**
   * Makes room for a new unverified peer: within the per-key cap, and when every slot is
   * taken, by evicting the peer that got least far (no open channel; ICE without a path
   * before ICE with one; strangers before keys we know; oldest first). So an attacker whose
   * handshakes never progress cannot keep an honest newcomer out; only peers with an open
   * channel (which must prove themselves within the verification timeout) are never evicted.
   * A record made by a `wait` or `decline` alone (`knockOnly`) makes room only among its own
   * kind (MAX_KNOCKS), and is the first evicted for anyone else.
   * @returns false when the peer is refused (reported as a drop)
   */
  admit(id: string, from: SenderInfo, knockOnly = false): boolean {
    const unverified = this.peers.unverified();
    const knocks = unverified.filter((p) => p.knock && p.role === 'answerer' && p.state === 'pending');
    if (knockOnly && (knocks.length >= MAX_KNOCKS || unverified.length >= MAX_UNVERIFIED)) {
      // Names that may mislead go first, then keys we do not know, then the oldest.
      const keep = (p: PeerLink) => (p.nameWarning ? 0 : 1) + (this.trust.known(p.publicKey) ? 2 : 0);
      const oldest = knocks.sort((a, b) => keep(a) - keep(b) || a.seenAt - b.seenAt).at(0);
      if (!oldest) {
        this.ctx.drop('signaling', 'rate-limited', `${MAX_UNVERIFIED} peers are proving themselves`, id);
        return false;
      }
      this.ctx.drop('signaling', 'evicted', `${MAX_KNOCKS} knocks waiting: made room by dropping the least likely one`, oldest.id);
      oldest.shutdown('closed', false);
      this.turnedAway();
      return true;
    }
    if (unverified.filter((p) => equalBytes(p.publicKey, from.publicKey)).length >= MAX_UNVERIFIED_PER_KEY) {
      this.ctx.drop('signaling', 'rate-limited', `more than ${MAX_UNVERIFIED_PER_KEY} unverified tabs of one key`, id);
      return false;
    }
    if (unverified.length < MAX_UNVERIFIED) return true;
    // Knock records first (they only show a name), then by progress, then strangers first.
    const rank = (p: PeerLink) => (knocks.includes(p) ? -1 : p.progress * 2 + (this.trust.known(p.publicKey) ? 1 : 0));
    const victim = unverified.filter((p) => p.progress < 2).sort((a, b) => rank(a) - rank(b) || a.seenAt - b.seenAt)[0];
    this.turnedAwayAt = Date.now();
    if (!victim) {
      this.ctx.drop('signaling', 'rate-limited', `${MAX_UNVERIFIED} peers are proving themselves`, id);
      return false;
    }
    this.ctx.drop('signaling', 'evicted', `${MAX_UNVERIFIED} peers waiting: made room by dropping the one that got least far`, victim.id);
    victim.shutdown('closed', false);
    this.turnedAway();
    return true;
  }
}
