/**
 * Shared history (`history: 'share'`; docs/protocol.md, "Shared history"). When a peer is
 * verified, each side sends the fingerprints of the room messages of its window and what it
 * takes; each then sends, paced on a lane of its own (live chat never waits for it), the
 * messages the other lacks, oldest first. Every message passed on carries its author's
 * signature and is checked against it before it is kept or shown; one that does not verify
 * is dropped with a reason and counts against the peer that passed it on, like any bad
 * frame (peer/frame-guard.ts): a peer that keeps on is disconnected.
 */
import type { ChatHistory, SignedPart } from '../delivery/history.js';
import { Pacer } from '../delivery/pacer.js';
import { HistoryMessageEvent, type AuthorTrust } from '../events/history-events.js';
import { normalizeName } from '../identity/friendly-name.js';
import type { TrustAssessment } from '../identity/trust-policy.js';
import { HISTORY_CHARS, HISTORY_MESSAGES } from '../peer/budget.js';
import type { PeerLink } from '../peer/peer-link.js';
import type { Signer } from '../signaling/envelope.js';
import type { RoomContext } from '../room/context.js';
import { fromBase64Url, toBase64Url, toHex } from '../util/bytes.js';
import { fingerprint, signMessage, verifyMessage } from './signed-message.js';
import { FUTURE_SLACK_MS, checkWindow, decodeSummary, encodeSummary, selectWindow, type HistoryWindow } from './summary.js';

/** Our pace when passing history on: 80 % of what the receiver takes (peer/budget.ts). */
const PACE = {
  messages: { perSecond: HISTORY_MESSAGES.perSecond * 0.8, burst: HISTORY_MESSAGES.burst / 2 },
  chars: { perSecond: HISTORY_CHARS.perSecond * 0.8, burst: HISTORY_CHARS.burst / 2 },
};

/**
 * Messages by keys we never met that one connection may give us. Anyone can make keys and
 * sign with them: without this a single peer could fill the stored history (500 messages)
 * with strangers' lines and push the real conversation out.
 */
export const STRANGER_CAP = 100;

/** What the sync needs of the joined session. */
export interface HistorySession {
  history: ChatHistory;
  signer: Signer;
  roomTopic: string;
  /** Our current name (signed into each message we write). */
  name(): string;
}

/** What one verified connection may still give us. */
interface Taking {
  /** Messages it may still send (the window we told it). */
  left: number;
  /** Of those, by keys we never met. */
  strangers: number;
  /** Oldest time we take, as we told it. */
  since: number;
  /** Whether it sent its summary (one per connection). */
  summarised: boolean;
}

export class HistorySync {
  private session: HistorySession | null = null;
  private readonly pacer = new Pacer<PeerLink>(PACE);
  private readonly taking = new WeakMap<PeerLink, Taking>();
  /** Signature checks, one at a time and in order: what arrives together is shown in order. */
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: RoomContext,
    /** The trust store's verdict on a key under a name (null before joining). */
    private readonly assess: (key: Uint8Array, name: string) => TrustAssessment | null,
  ) {}

  /** Resolves once every signature check queued so far is done (for tests: nothing more is pending). */
  async checked(): Promise<void> {
    let last: Promise<void>;
    do {
      last = this.checking;
      await last;
    } while (last !== this.checking);
  }

  /** Starts with the joined session. */
  attach(session: HistorySession): void {
    this.session = session;
  }

  /** Whether this client shares history (the `history` option). */
  get enabled(): boolean {
    return this.ctx.options.history === 'share';
  }

  private get window(): HistoryWindow {
    return checkWindow(this.ctx.options.historyWindow);
  }

  /** Signs a room message of ours as it is written (while we share: room.ts). */
  async signOwn(m: { id: string; text: string; sentAt: number; noForward: boolean }): Promise<SignedPart> {
    const s = this.session;
    if (!s) throw new Error('not joined');
    const name = s.name();
    const sig = await signMessage(s.signer, { room: s.roomTopic, author: s.signer.publicKey, name, id: m.id, ts: m.sentAt, text: m.text, noForward: m.noForward });
    return { sig, name, ...(m.noForward ? { noForward: true } : {}) };
  }

  /**
   * A room message from its author, live: when we share, its signature is checked and kept
   * with it so we may pass it on. A message whose signature fails is still the author's (the
   * channel proves that), so it stays shown, but it is never passed on.
   */
  live(link: PeerLink, m: { id: string; text: string; ts: number; signed?: SignedPart }): void {
    const s = this.session;
    const signed = m.signed;
    if (!s || !signed || !this.enabled) return;
    const message = { room: s.roomTopic, author: link.publicKey, name: signed.name, id: m.id, ts: m.ts, text: m.text, noForward: !!signed.noForward };
    this.checking = this.checking.then(async () => {
      if (await verifyMessage(message, signed.sig)) s.history.sign(m.id, link.key, signed);
      else this.ctx.drop('channel', 'bad-signature', `message ${m.id}: its signature does not verify; it will not be passed on`, link.id);
    });
  }

  /** A peer was verified: we tell it what we hold and what we take. */
  verified(link: PeerLink): void {
    const s = this.session;
    if (!s || !this.enabled) return;
    const w = this.window;
    const now = Date.now();
    const since = Math.max(0, now - w.maxAgeMs);
    this.taking.set(link, { left: w.messages, strangers: STRANGER_CAP, since, summarised: false });
    const held = selectWindow(s.history.all(), w, now).map((r) => fingerprint(authorOf(r, s), r.id));
    link.sendSummary(encodeSummary(held), w.messages, since);
  }

  /** A peer's summary: we send what of our window it lacks and takes. */
  summary(link: PeerLink, m: { f: string; max: number; since: number }): void {
    const s = this.session;
    const taking = this.taking.get(link);
    // Not sharing: we neither send nor take (the peer's offer goes unanswered).
    if (!s || !this.enabled || !taking) return;
    if (taking.summarised) return link.strike('policy', 'a second history summary on one connection');
    taking.summarised = true;
    let theirs: Set<string>;
    try {
      theirs = decodeSummary(m.f);
    } catch (e) {
      return link.strike('malformed', `history summary: ${e instanceof Error ? e.message : String(e)}`);
    }
    const lacking = selectWindow(s.history.all(), this.window, Date.now()).filter((r) => r.sentAt >= m.since && !theirs.has(toHex(fingerprint(authorOf(r, s), r.id))));
    // The newest it takes, sent oldest first: lines written in the same millisecond keep their order.
    const send = m.max === 0 ? [] : lacking.slice(-m.max);
    for (const r of send) {
      const a = r.from?.key ?? toBase64Url(s.signer.publicKey);
      const signed = r.signed as SignedPart;
      this.pacer.send(link, `${a}|${r.id}`, r.text.length, () => {
        if (!link.verified) return false;
        link.sendShared({ a, n: signed.name, id: r.id, ts: r.sentAt, text: r.text, sig: signed.sig });
        return true;
      });
    }
  }

  /**
   * A message passed on by a peer. Cheap checks first (policy, window, caps, duplicates),
   * then its author's signature; only then is it kept and shown.
   */
  shared(link: PeerLink, m: { a: string; n: string; id: string; ts: number; text: string; sig: string; nf: boolean }): void {
    const s = this.session;
    const taking = this.taking.get(link);
    if (!s || !this.enabled || !taking) return link.strike('policy', 'shared history we did not ask for');
    if (m.nf) return link.strike('not-forwardable', `message ${m.id}: its author asked that it not be passed on`);
    if (taking.left <= 0) return link.strike('policy', 'more shared history than the window we asked for');
    taking.left--;
    if (m.ts < taking.since || m.ts > Date.now() + FUTURE_SLACK_MS) return link.strike('stale', `message ${m.id}: outside the window we asked for`);
    let name: string;
    try {
      name = normalizeName(m.n);
    } catch {
      return link.strike('malformed', `message ${m.id}: unusable author name`);
    }
    // A name in any other form was not written by our client: its signature could not hold anyway.
    if (name !== m.n) return link.strike('malformed', `message ${m.id}: author name not in normal form`);
    let author: Uint8Array;
    try {
      author = fromBase64Url(m.a);
    } catch {
      return link.strike('malformed', `message ${m.id}: bad author key`);
    }
    // base64url has several spellings of one key (unused low bits): only the canonical one
    // names the author, or a respelled copy would pass as another sender's message.
    const a = toBase64Url(author);
    // Ours (kept, or cleared by our person: not brought back), or kept already.
    if (a === toBase64Url(s.signer.publicKey) || s.history.has(m.id, a)) return;
    const verdict = this.assess(author, name);
    const met = verdict && verdict.status !== 'new';
    if (!met && --taking.strangers < 0) return link.strike('policy', `more than ${STRANGER_CAP} shared messages by keys never met`);
    const message = { room: s.roomTopic, author, name, id: m.id, ts: m.ts, text: m.text, noForward: false };
    this.checking = this.checking.then(async () => {
      if (!(await verifyMessage(message, m.sig))) {
        return link.strike('bad-signature', `message ${m.id}: does not verify against its claimed author; dropped`);
      }
      const record = {
        id: m.id,
        from: { key: a, tab: 0, name },
        to: null,
        direct: false,
        text: m.text,
        sentAt: m.ts,
        deliveredTo: [],
        sentTo: [],
        signed: { sig: m.sig, name },
        sharedBy: link.key,
      };
      if (!s.history.addByTime(record)) return; // kept meanwhile, or older than all we keep
      const trust = trustOf(verdict);
      this.ctx.emit(new HistoryMessageEvent({ by: link.peer, record, author: a, name, trust, warning: verdict?.warning ?? null }));
    });
  }
}

/** A record's author key: its sender, or us. */
const authorOf = (r: { from: { key: string } | null }, s: HistorySession): Uint8Array => (r.from ? fromBase64Url(r.from.key) : s.signer.publicKey);

const trustOf = (v: TrustAssessment | null): AuthorTrust => {
  if (!v || v.status === 'new') return 'never-met';
  return v.status;
};
