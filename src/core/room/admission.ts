/**
 * Who gets in: the consent policy (`autoAccept`), connection requests waiting for the user,
 * keys the user admitted in this page, sessions turned down, and the bound on peers still
 * proving themselves (with eviction by progress, so a flood cannot keep a newcomer out).
 */
import type { AutoAccept } from '../options.js';
import { ConnectionRequestEvent, RequestChangeEvent } from '../events/index.js';
import type { SenderInfo } from '../signaling/messages.js';
import type { PeerLink } from '../peer/peer-link.js';
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

interface Decision {
  promise: Promise<boolean>;
  request: ConnectionRequest | null;
  settle: (ok: boolean) => void;
}

export class Admission {
  policy: AutoAccept;
  private readonly decisions = new Map<PeerLink, Decision>();
  /** Identities the user admitted in this page: they come back without asking again. */
  private readonly admitted = new Set<string>();
  /** Peer sessions declined (by us or them), so their offers get a decline and their announces nothing. */
  private readonly declined = new ExpiringSet(10 * 60_000, 1024);
  /** When we last had to turn someone away or evict a waiting peer (Date.now()). */
  turnedAwayAt = -Infinity;

  constructor(
    private readonly ctx: RoomContext,
    private readonly peers: PeerRegistry,
    private readonly trust: TrustKeeper,
    /** Called when someone was turned away: they may need to find us again later. */
    private readonly turnedAway: () => void,
  ) {
    this.policy = ctx.options.autoAccept ?? false;
  }

  /** Requests waiting for a decision. */
  get requests(): ConnectionRequest[] {
    return [...this.decisions.values()].flatMap((d) => (d.request ? [d.request] : []));
  }

  /** Whether the user is being asked about this peer. */
  asking(link: PeerLink): boolean {
    return !!this.decisions.get(link)?.request;
  }

  /** Changes the policy; waiting requests the new one admits go through now. */
  setPolicy(value: AutoAccept): void {
    this.policy = value;
    for (const r of this.requests) if (value === 'all' || (value === 'trusted' && r.trusted)) r.accept();
  }

  isDeclined(id: string, session: number): boolean {
    return this.declined.has(`${id}|${session}`);
  }

  /** Asks once per peer session, according to the policy. */
  decide(link: PeerLink, initiator: boolean): Promise<boolean> {
    const n = link.negotiation;
    if (n.consent !== 'pending') return Promise.resolve(n.consent === 'accepted');
    if (link.state !== 'pending' && link.state !== 'connecting') return Promise.resolve(false);
    const existing = this.decisions.get(link);
    if (existing) return existing.promise;
    // Explicit trust of this key under this name: a key merely seen before, or a trusted key
    // showing someone else's name, is asked about like a stranger.
    const verdict = this.trust.assess(link.publicKey, link.name);
    const trusted = verdict?.status === 'trusted';
    let resolve!: (ok: boolean) => void;
    const decision: Decision = {
      promise: new Promise<boolean>((r) => (resolve = r)),
      request: null,
      settle: (ok) => {
        if (this.decisions.get(link) !== decision) return;
        this.decisions.delete(link);
        n.consent = ok ? 'accepted' : 'rejected';
        // Only a person's Accept lets this key back in without asking (not the 'all' policy).
        if (ok && decision.request) this.admitted.add(link.key);
        if (!ok && link.state === 'pending') link.shutdown('declined', false);
        resolve(ok);
      },
    };
    this.decisions.set(link, decision);
    const policy = this.policy;
    if (policy === 'all' || (policy === 'trusted' && trusted) || this.admitted.has(link.key)) {
      decision.settle(true);
    } else {
      decision.request = new ConnectionRequest(
        { peer: link.peer, initiator, trusted, warning: verdict?.warning ?? null },
        (_, state) => decision.settle(state === 'accepted'),
        (request) => this.ctx.emit(new RequestChangeEvent({ request })),
      );
      this.ctx.emit(new ConnectionRequestEvent({ request: decision.request }));
    }
    return decision.promise;
  }

  /** The peer is gone: a request about it is withdrawn, a declined session remembered. */
  closed(link: PeerLink, declined: boolean): void {
    const d = this.decisions.get(link);
    if (d?.request) d.request.withdraw();
    else d?.settle(false);
    // Remembered by session, bounded, so a flood of declined keys cannot grow memory.
    if (declined) this.declined.add(`${link.id}|${link.session}`);
  }

  /** Withdraws every request (the client closes). */
  closeAll(): void {
    for (const [link] of [...this.decisions]) this.closed(link, false);
  }

  /**
   * Makes room for a new unverified peer: within the per-key cap, and when every slot is
   * taken, by evicting the peer that got least far (no open channel; ICE without a path
   * before ICE with one; strangers before keys we know; oldest first). So an attacker whose
   * handshakes never progress cannot keep an honest newcomer out; only peers with an open
   * channel (which must prove themselves within the verification timeout) are never evicted.
   * @returns false when the peer is refused (reported as a drop)
   */
  admit(id: string, from: SenderInfo): boolean {
    const unverified = this.peers.unverified();
    if (unverified.filter((p) => equalBytes(p.publicKey, from.publicKey)).length >= MAX_UNVERIFIED_PER_KEY) {
      this.ctx.drop('signaling', 'rate-limited', `more than ${MAX_UNVERIFIED_PER_KEY} unverified tabs of one key`, id);
      return false;
    }
    if (unverified.length < MAX_UNVERIFIED) return true;
    const rank = (p: PeerLink) => p.progress * 2 + (this.trust.known(p.publicKey) ? 1 : 0);
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
