/**
 * Meeting peers through the signaling brokers: announcing ourselves, reading what the
 * signaling gate let through, and the offer/answer exchange: who offers, glare, repeated
 * offers over a lossy broker, declines, ICE restarts, and the pace at which new
 * connections start.
 */
import { ClientErrorEvent, KnockChangeEvent, NameChangeEvent, PeerSeenEvent } from '../events/index.js';
import type { KnockState } from '../peer/peer.js';
import { Superseded } from '../peer/connection.js';
import type { CompactDescription } from '../signaling/compact-sdp.js';
import type { PeerLink } from '../peer/peer-link.js';
import { Announcer } from '../signaling/announcer.js';
import { SignalRejected } from '../signaling/envelope.js';
import { peerIdOf, type DirectKind, type DirectMessage, type SenderInfo, type SignalMessage } from '../signaling/messages.js';
import { RateLimiter } from '../util/rate-limiter.js';
import type { Admission } from './admission.js';
import { MAX_UNVERIFIED } from './admission.js';
import type { RoomContext } from './context.js';
import type { PeerRegistry } from './peers.js';
import type { Session } from './session.js';
import type { SignalingTransport } from '../signaling/transport.js';
import { evictOldest } from '../util/evict.js';
import { ExpiringSet } from '../util/expiring-set.js';

/**
 * Two announces whose `here` (time in the room, 100 ms units) differ by at most this much
 * come from people who arrived at the same moment (an announce takes 0.05–0.2 s to arrive):
 * then the lower peer id decides and offers. Otherwise the one who was here first does.
 */
const SAME_ARRIVAL = 3;
/**
 * How long we wait for the word (`wait`, offer or decline) of a peer that decides about us
 * before we announce again (ours may have been lost), and then again before we decide about
 * its announce ourselves. A member hears our announce and answers in 0.1–0.3 s; on a machine
 * whose cores are busy, the test suite saw more than 1.5 s.
 */
const ARRIVAL_WAIT_MS = [2_000, 3_000];
/** An offer without an answer after this long is made again (QoS 0 may lose it). */
const ANSWER_TIMEOUT_MS = 10_000;
/** Offers made before giving up: 6 × 10 s covers a user who takes a minute to accept. */
const OFFER_ATTEMPTS = 6;
/**
 * New RTCPeerConnections per second (offers and answers), with a burst for a room's worth
 * of members meeting a newcomer at once. Measured in Chromium: a connection with its offer
 * costs the main thread ~3 ms (40 at once stalled it 60 ms; gathering runs elsewhere). So
 * we can afford to start one for every stranger the gate lets through (60/s): a newcomer's
 * announce never waits behind a queue that a flood keeps full.
 */
const HANDSHAKES_PER_SECOND = 60;
/**
 * Started at once before the rest queue up. Small: the bench saw 32 connections started in
 * one go stall the page for ~100 ms; queued ones start every 17 ms instead, so a room of 30
 * meeting a newcomer is answered within half a second either way.
 */
const HANDSHAKE_BURST = 8;
/**
 * An offer within this long of our arrival (our first announce) may answer our knock, and so
 * may a `wait` or `decline` that comes with no record: members were here before us and answer
 * within a second or two (an offer when their policy admits us, else a `wait` first, which
 * makes our record, so their offer may come any time after). Later, anyone offering arrived
 * after us and should have knocked: its offer is judged like a knock, by the policy or the
 * person. Counted from the arrival, not the latest announce, so our repeated announces (alone
 * in a room, on the slow tail) do not open the door again.
 */
const INVITED_MS = 15_000;
/** A `wait` goes again at most this often per peer (each repeated announce of a knocker asks for one). */
const WAIT_EVERY_MS = 5_000;
/** After turning someone away, how long we keep announcing (on the announcer's slow tail) so they find us again. */
const TURNED_AWAY_MS = 5 * 60_000;

/** An offer or answer: the gate decoded its description. */
type Described = DirectMessage & { description: CompactDescription };

/** What the negotiator needs besides the shared parts. */
export interface NegotiatorDeps {
  readonly ctx: RoomContext;
  readonly peers: PeerRegistry;
  readonly admission: Admission;
  /** The joined session (null before joining and after leaving). */
  session(): Session | null;
  /** A new peer for a sender. */
  makeLink(id: string, from: SenderInfo, role: 'offerer' | 'answerer'): PeerLink;
  /** Whether we know a key (a live peer's, or one in the trust store): known keys go first. */
  knows(key: Uint8Array): boolean;
  /** Whether an identity that went away may come back (announcing helps it find us). */
  missing(): boolean;
}

export class Negotiator {
  readonly announcer = new Announcer(
    () => this.announce(),
    () => this.announceNeeded(),
  );
  /** New connections (offers and answers) per second: see HANDSHAKES_PER_SECOND. */
  private readonly handshakes = new RateLimiter(HANDSHAKES_PER_SECOND, HANDSHAKE_BURST, 1);
  /** Connections waiting for the budget, oldest first: see startHandshake. */
  private readonly queue = new Map<PeerLink, { stillWanted: () => boolean; go: () => void }>();
  private pump: ReturnType<typeof setTimeout> | null = null;
  /** Whether an announce of ours reached any broker yet. */
  announced = false;
  /** When our first announce went out (performance.now()); see `here()`. */
  private arrivedAt = -1;
  /**
   * Sessions that answered our knock (`wait` or `decline`), kept after their record is gone
   * (evicted in a flood, swept): their offer, whenever it comes, still answers our knock.
   */
  private readonly answeredKnock = new ExpiringSet(10 * 60_000, 256);
  /** When we last sent each knocker a `wait` (WAIT_EVERY_MS). */
  private readonly waitSent = new WeakMap<PeerLink, number>();

  constructor(private readonly deps: NegotiatorDeps) {}

  private get ctx(): RoomContext {
    return this.deps.ctx;
  }

  /** Reads what the transport brings, and announces again after a broker came back. */
  listen(transport: SignalingTransport): void {
    transport.addEventListener('message', (e) => void this.receive(e.topic, e.payload));
    transport.addEventListener('reconnect', () => !this.ctx.closed && void this.announcer.start());
  }

  stop(): void {
    this.announcer.stop();
    if (this.pump) clearTimeout(this.pump);
  }

  // ---- announcing -------------------------------------------------------------------------

  /** Follow-up announces help while someone seen is unconnected, nobody was seen yet, or someone who left may return. */
  private announceNeeded(): boolean {
    const { peers, admission } = this.deps;
    // Consent given but no handshake yet; or our knock still waiting for a member's person:
    // repeating it (slow tail) lets a member that lost our record, in a flood say, hear it again.
    const waiting = peers.all().some((p) => p.state === 'pending' && (p.negotiation.consent !== 'pending' || p.knock === 'waiting'));
    // Someone may have been turned away in a flood: once it calms down, they find us again.
    const turnedAway = Date.now() - admission.turnedAwayAt < TURNED_AWAY_MS;
    return peers.size === 0 || waiting || this.deps.missing() || turnedAway;
  }

  /** Whether a member may be answering our knock: we arrived recently (INVITED_MS). */
  private knocking(): boolean {
    return this.arrivedAt >= 0 && performance.now() - this.arrivedAt < INVITED_MS;
  }

  private async announce(): Promise<void> {
    const s = this.deps.session();
    if (!s || this.ctx.closed) return;
    if (this.arrivedAt < 0) this.arrivedAt = performance.now();
    if (s.transport.publish(s.roomTopic, await s.writer.announce(s.self, this.here())) > 0) this.announced = true;
  }

  /** How long we have been in the room, in 100 ms units (0 before our first announce). */
  private here(): number {
    return this.arrivedAt < 0 ? 0 : Math.floor((performance.now() - this.arrivedAt) / 100);
  }

  // ---- what the gate lets through ---------------------------------------------------------

  /** One signaling payload: through the gate, then to its handler. */
  async receive(topic: string, payload: Uint8Array): Promise<void> {
    const s = this.deps.session();
    if (!s || this.ctx.closed) return;
    let m: SignalMessage;
    try {
      m = await s.gate.accept(topic, payload);
    } catch (e) {
      if (!(e instanceof SignalRejected)) this.ctx.drop('signaling', 'malformed', String(e), null);
      else if (e.reason !== 'own') this.ctx.drop('signaling', e.reason, e.message, e.sender ?? null);
      return;
    }
    try {
      if (m.kind === 'leave') return this.onLeave(peerIdOf(m.publicKey, m.tab), m.session);
      const id = peerIdOf(m.from.publicKey, m.from.tab);
      if (id === s.selfId) return; // our own announce, echoed by the broker
      if (m.kind === 'announce') return await this.onAnnounce(id, m.from, m.ts, m.here);
      if (m.toSession !== s.self.session) return this.ctx.drop('signaling', 'stale', `${m.kind} for an earlier session`, id);
      if ((m.kind === 'offer' || m.kind === 'answer') && !m.description) return this.ctx.drop('signaling', 'malformed', `${m.kind} without a description`, id);
      if (m.kind === 'offer') return await this.onOffer(id, m as Described);
      if (m.kind === 'answer') return await this.onAnswer(id, m as Described);
      if (m.kind === 'wait') return this.onKnockAnswer(id, m, 'waiting');
      return this.onKnockAnswer(id, m, 'not-now');
    } catch (e) {
      this.ctx.error(e);
    }
  }

  /**
   * The peer for this sender: the existing one, or a new one replacing an older session.
   * Null when the message comes from a session older than the one we know (a replayed
   * announce must not end a live connection), or when too many peers are still unverified.
   */
  private linkFor(id: string, from: SenderInfo, role: 'offerer' | 'answerer', ts: number, knockOnly = false): { link: PeerLink; isNew: boolean } | null {
    const { peers, admission } = this.deps;
    const existing = peers.get(id);
    if (existing && existing.session === from.session) return { link: existing, isNew: false };
    if (existing && ts <= existing.since) {
      this.ctx.drop('signaling', 'stale', 'message from an earlier session of a known peer', id);
      return null;
    }
    if (!existing && !admission.admit(id, from, knockOnly)) return null;
    // A new session of a known peer (reload, reconnect): the old connection is over, and so
    // is a "Not now" for the old session (the new one knocks again).
    if (existing) existing.shutdown('replaced', false);
    admission.heard(id, from.session);
    const link = this.deps.makeLink(id, from, role);
    link.since = ts;
    peers.set(link);
    this.ctx.emit(new PeerSeenEvent({ peer: link.peer }));
    return { link, isNew: true };
  }

  private async onAnnounce(id: string, from: SenderInfo, ts: number, here: number): Promise<void> {
    if (this.deps.admission.isDeclined(id, from.session)) return;
    const found = this.linkFor(id, from, 'offerer', ts);
    if (!found) return;
    const { link, isNew } = found;
    if (!isNew) {
      // It knocks again while our person decides: our `wait` may have been lost on the way.
      if (link.role === 'offerer' && this.deps.admission.asking(link)) this.sendWait(link);
      // Only before the connection: from then on the name is judged at verification and
      // changes only by a `name` frame over the verified channel (trust-policy.ts judges both).
      // Nor while the user is asked about it, nor while we knock at its door: the request and
      // the knock show the name they were judged under.
      if (from.name !== link.name && (link.state === 'pending' || link.state === 'connecting') && !this.deps.admission.asking(link) && !link.knock) {
        const previous = link.name;
        link.name = from.name;
        this.ctx.emit(new NameChangeEvent({ peer: link.peer, name: from.name, previous }));
      }
      return;
    }
    // A knock: the one who was here first decides and offers. If that is the sender (a member
    // repeating its announce), it heard ours and decides about us: we wait for its word (which
    // makes us the one who answers), so a pair costs one decision and one offer. Two arriving
    // at once: the lower peer id decides. The higher one waits only when a person would be
    // asked (two people asked about one meeting is what this avoids), and announces again, as
    // the lower one may have missed its first announce (sent before it subscribed). With no
    // person to ask, it offers at once: the glare rule settles two offers that cross, and time
    // matters more than the second offer's bytes. We decide ourselves if no word comes.
    const higher = (this.deps.session()?.selfId ?? '') > id;
    const mine = this.here();
    const sameArrival = Math.abs(here - mine) <= SAME_ARRIVAL;
    link.theyDecide = here > mine + SAME_ARRIVAL || (sameArrival && higher);
    const hold = here > mine + SAME_ARRIVAL || (sameArrival && higher && this.deps.admission.wouldAsk(link, true));
    if (hold) {
      if (sameArrival) void this.announcer.now();
      // Meanwhile the peer may answer, offer, leave or be replaced, or we disconnect.
      const undecided = () => !this.ctx.closed && this.deps.peers.holds(link) && link.state === 'pending' && link.role === 'offerer';
      for (const [i, ms] of ARRIVAL_WAIT_MS.entries()) {
        if (i > 0) void this.announcer.now(); // no word: our announce may have been lost
        await new Promise((r) => setTimeout(r, ms));
        if (!undecided()) return;
      }
    }
    // A knock: our person may be asked; the knocker is told to wait, then the answer
    // (an offer, or a decline: "Not now").
    const admitted = await this.deps.admission.decide(link, true, () => this.sendWait(link));
    if (!admitted) {
      if (link.role === 'offerer' && link.negotiation.consent === 'rejected' && !this.ctx.closed) await this.sendTo('decline', link);
      return;
    }
    if (link.role !== 'offerer' || link.state !== 'pending') return;
    this.startHandshake(
      link,
      () => link.role === 'offerer' && link.state === 'pending',
      () => this.offer(link),
    );
  }

  /**
   * Starts a new connection (an offer, or the answer to one) within HANDSHAKES_PER_SECOND:
   * at once while the budget lasts, else queued and started as it refills (keys we know
   * first, then the newest), so a burst is spread out instead of stalling the page, and a
   * room's worth of offers to a newcomer is answered in well under a second.
   */
  private startHandshake(link: PeerLink, stillWanted: () => boolean, run: () => Promise<void>): void {
    const go = () => run().catch((e) => this.ctx.emit(new ClientErrorEvent({ error: e instanceof Error ? e : new Error(String(e)) })));
    if (!this.queue.size && this.handshakes.take('all')) return void go();
    this.queue.delete(link); // a newer attempt for the same peer replaces its older one
    this.queue.set(link, { stillWanted, go });
    if (this.queue.size > MAX_UNVERIFIED) evictOldest(this.queue);
    this.pumpHandshakes();
  }

  private pumpHandshakes(): void {
    if (this.pump || this.ctx.closed) return;
    this.pump = setTimeout(() => {
      this.pump = null;
      for (const [link, h] of this.queue) if (!this.deps.peers.holds(link) || !h.stillWanted()) this.queue.delete(link);
      const knows = (l: PeerLink) => Number(this.deps.knows(l.publicKey));
      const order = [...this.queue].sort(([a], [b]) => knows(b) - knows(a) || b.seenAt - a.seenAt);
      for (const [link, h] of order) {
        if (!this.handshakes.take('all')) break;
        this.queue.delete(link);
        h.go();
      }
      if (this.queue.size) this.pumpHandshakes();
    }, 1000 / HANDSHAKES_PER_SECOND);
  }

  private async offer(link: PeerLink, attempt = 1): Promise<void> {
    const s = this.deps.session();
    if (!s) return;
    try {
      const sdp = await link.createOffer();
      if (link.role !== 'offerer' || link.state !== 'connecting') return; // glare resolved against us meanwhile
      await this.send('offer', s, link, sdp);
    } catch (e) {
      if (e instanceof Superseded) return;
      link.shutdown('failed', false);
      throw e;
    }
    // Signaling is fire-and-forget (QoS 0): an offer or answer lost on the way is made again.
    setTimeout(() => {
      if (this.ctx.closed || !this.deps.peers.holds(link) || link.role !== 'offerer' || link.state !== 'connecting') return;
      if (attempt >= OFFER_ATTEMPTS || !link.awaitingAnswer) return link.shutdown('failed', false);
      link.reset('offerer');
      this.offer(link, attempt + 1).catch((e) => this.ctx.error(e));
    }, ANSWER_TIMEOUT_MS);
  }

  private async onOffer(id: string, m: Described): Promise<void> {
    const s = this.deps.session();
    if (!s) return;
    if (this.deps.admission.isDeclined(id, m.from.session)) {
      // Tell a peer we turned down, so it stops offering.
      return this.send('decline', s, { id, sealKey: m.from.sealKey, session: m.from.session }, new Uint8Array(0));
    }
    const found = this.linkFor(id, m.from, 'answerer', m.ts);
    if (!found) return;
    const { link } = found;
    const offer = m.description;
    // An answer to our knock: it heard our announce (recently, or it told us to wait). Anything
    // else is a stranger knocking by offering: the policy or our person decides, as for an announce.
    const invited = link.knock !== null || this.answeredKnock.has(`${id}|${m.from.session}`) || this.knocking();
    if ((link.state === 'connected' || link.state === 'verified') && link.role === 'answerer') {
      // An ICE restart of the live connection.
      try {
        await this.send('answer', s, link, await link.acceptRestartOffer(offer));
      } catch (e) {
        this.ctx.drop('signaling', 'malformed', `restart offer could not be applied: ${e}`, id);
      }
      return;
    }
    if (link.role === 'offerer') {
      if (link.state === 'connected' || link.state === 'verified') return;
      // Both knocked and it decided first: it let us in, so our own question is moot, if it
      // was its turn (it was here first). If we were, our person's question stands: its offer
      // waits for that answer (and is answered if the person accepts).
      if (link.state === 'pending') {
        if (link.theyDecide || !this.deps.admission.asking(link)) {
          if (!invited && !link.theyDecide) return;
          this.deps.admission.stepAside(link);
        }
      }
      // Glare: both sides offered. The lower peer id's offer wins.
      else if (s.selfId < id) return;
      link.reset('answerer');
    } else if (link.state === 'connecting') {
      // The offerer made its offer again: our answer was lost, or never arrived. Start over.
      link.reset('answerer');
    } else if (link.state !== 'pending') {
      return; // already connected: nothing to renegotiate
    }
    if (invited) this.setKnock(link, null); // it let us in
    if (!(await this.deps.admission.decide(link, false, undefined, invited))) {
      // Told only when a person or the app said no (not when the request was withdrawn).
      if (link.negotiation.consent === 'rejected') await this.sendTo('decline', link);
      return;
    }
    if (link.state !== 'pending' && link.state !== 'connecting') return;
    const session = m.from.session;
    this.startHandshake(
      link,
      () => link.session === session && (link.state === 'pending' || link.state === 'connecting') && link.role === 'answerer',
      () => this.answer(link, m),
    );
  }

  private async answer(link: PeerLink, m: Described): Promise<void> {
    const s = this.deps.session();
    if (!s) return;
    try {
      await this.send('answer', s, link, await link.createAnswer(m.description));
    } catch (e) {
      if (e instanceof Superseded) return;
      link.shutdown('failed', false);
      this.ctx.drop('signaling', 'malformed', `offer could not be applied: ${e}`, link.id);
    }
  }

  private async onAnswer(id: string, m: Described): Promise<void> {
    const link = this.deps.peers.get(id);
    const live = link?.state === 'connected' || link?.state === 'verified';
    if (!link || link.session !== m.from.session || link.role !== 'offerer' || !(link.state === 'connecting' || (live && link.awaitingAnswer))) {
      return this.ctx.drop('signaling', 'stale', 'answer to no offer of ours', id);
    }
    try {
      await link.acceptAnswer(m.description);
    } catch (e) {
      this.ctx.drop('signaling', 'malformed', `answer could not be applied: ${e}`, id);
    }
  }

  /**
   * A member heard our announce: its person is deciding (`wait`) or said "Not now"
   * (`decline`). We become the one who answers, and show the knock. If both of us knocked
   * (announces crossed) and our person is being asked too, the lower peer id decides.
   */
  private onKnockAnswer(id: string, m: DirectMessage, knock: KnockState): void {
    const s = this.deps.session();
    if (!s) return;
    const existing = this.deps.peers.get(id);
    // A decline of our offer (its person was asked before joining): that attempt is over. Never
    // a live connection: a late copy of an earlier "Not now" must not end the one let in since.
    if (existing?.session === m.from.session && existing.state !== 'pending') {
      if (knock === 'not-now' && existing.role === 'offerer' && existing.state === 'connecting' && m.ts >= existing.since) existing.shutdown('declined', false);
      return;
    }
    // With no record, only an answer to a recent announce of ours, from a session we did not turn down.
    if (!existing || existing.session !== m.from.session) {
      if (!this.knocking() || this.deps.admission.isDeclined(id, m.from.session)) return this.ctx.drop('signaling', 'stale', `${m.kind} to no recent announce of ours`, id);
    }
    const found = this.linkFor(id, m.from, 'answerer', m.ts, true);
    if (!found || found.link.state !== 'pending') return;
    this.answeredKnock.add(`${id}|${m.from.session}`);
    const { link } = found;
    if (link.role === 'offerer') {
      if (knock === 'waiting' && this.deps.admission.asking(link) && s.selfId < id) return; // we decide; our `wait` tells it
      this.deps.admission.stepAside(link);
      link.reset('answerer');
    }
    this.setKnock(link, knock);
  }

  /** Tells a knocker our person is deciding, at most every WAIT_EVERY_MS. */
  private sendWait(link: PeerLink): void {
    const now = performance.now();
    if (now - (this.waitSent.get(link) ?? -Infinity) < WAIT_EVERY_MS) return;
    this.waitSent.set(link, now);
    void this.sendTo('wait', link);
  }

  private setKnock(link: PeerLink, knock: KnockState | null): void {
    const previous = link.knock;
    if (previous === knock) return;
    link.knock = knock;
    // A name shown before any proof gets the store's warning too.
    if (knock && !link.verified) link.nameWarning = this.deps.admission.warningFor(link);
    this.ctx.emit(new KnockChangeEvent({ peer: link.peer, knock, previous }));
  }

  /**
   * Lets in a peer our person answered "Not now" (see ConnectionRequest.accept): a new link
   * for the same session, admitted, and our offer.
   * @returns false when it cannot (we left, or the peer came back as another session)
   */
  letIn(old: PeerLink): boolean {
    const s = this.deps.session();
    if (!s || this.ctx.closed || this.deps.peers.get(old.id)) return false;
    const from: SenderInfo = { publicKey: old.publicKey, tab: old.tab, session: old.session, name: old.name, sealKey: old.sealKey };
    const link = this.deps.makeLink(old.id, from, 'offerer');
    link.since = old.since;
    link.negotiation.consent = 'accepted';
    this.deps.peers.set(link);
    this.ctx.emit(new PeerSeenEvent({ peer: link.peer }));
    this.startHandshake(
      link,
      () => link.role === 'offerer' && link.state === 'pending',
      () => this.offer(link),
    );
    return true;
  }

  /** ICE restart of a live connection: the offerer of the pair sends a new offer through the brokers. */
  async restartIce(link: PeerLink): Promise<void> {
    const s = this.deps.session();
    if (!s || link.role !== 'offerer' || link.awaitingAnswer) return;
    await this.send('offer', s, link, await link.createRestartOffer());
  }

  private onLeave(id: string, session: number): void {
    this.deps.admission.heard(id, session, true);
    const link = this.deps.peers.get(id);
    // Verified peers are watched over their own channel; the will only settles the others.
    if (link && link.session === session && link.state !== 'verified' && link.state !== 'connected') link.shutdown('left', false);
  }

  private async send(kind: DirectKind, s: Session, to: { id: string; sealKey: Uint8Array; session: number }, sdp: Uint8Array): Promise<void> {
    const { topic, payload } = await s.writer.direct(kind, s.self, to, sdp);
    s.transport.publish(topic, payload);
  }

  /** A `wait` or `decline` (no description) to a peer of this session. */
  private async sendTo(kind: 'wait' | 'decline', to: PeerLink): Promise<void> {
    const s = this.deps.session();
    if (!s) return;
    await this.send(kind, s, to, new Uint8Array(0)).catch((e) => this.ctx.error(e));
  }
}
