/**
 * Our conversation's delivery: messages recorded in the history and the outbox, sent to
 * verified peers at our pace, sent again until each identity acknowledged them (also after
 * it comes back), and what peers send us recorded and reported.
 */
import type { ChatHistory, ChatRecord, SignedPart } from '../delivery/history.js';
import { Outbox, type OutboxEntry } from '../delivery/outbox.js';
import { Pacer } from '../delivery/pacer.js';
import { ChatMessageEvent, ChatSentEvent, DeliveredEvent, ReactionEvent } from '../events/index.js';
import { newMessageId } from '../peer/peer.js';
import type { PeerLink } from '../peer/peer-link.js';
import type { RoomContext } from './context.js';
import type { PeerRegistry } from './peers.js';

/** How often unacknowledged messages go again to verified peers. */
export const RESEND_MS = 5_000;
/** How long a verified peer that went away still gets room messages queued for its return. */
const AWAY_MS = 30 * 60_000;
/** Identities remembered as away, at most. */
const MAX_AWAY = 256;

export class Messenger {
  private readonly outbox = new Outbox();
  /** Keeps our chat to each peer under its budget; what must wait stays in the outbox. */
  private readonly pacer = new Pacer<PeerLink>();
  /** Identities verified earlier that went away, by key: room messages wait for them. */
  private readonly away = new Map<string, number>();
  private history: ChatHistory | null = null;
  /** Signs a room message of ours as it is written (history/history-sync.ts). */
  private signer: ((m: { id: string; text: string; sentAt: number; noForward: boolean }) => Promise<SignedPart>) | null = null;
  /** Signatures, made one at a time: our messages go out in the order written. */
  private signing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: RoomContext,
    private readonly peers: PeerRegistry,
  ) {}

  /** Starts keeping the joined session's history, and signing our room messages with `signer`. */
  attach(history: ChatHistory, signer: Messenger['signer'] = null): void {
    this.history = history;
    this.signer = signer;
  }

  /** Messages sent but not yet acknowledged by every identity they were for. */
  get pendingCount(): number {
    return this.outbox.size;
  }

  /** Whether an identity that went away may still come back for messages. */
  get missing(): boolean {
    return [...this.away.keys()].some((key) => !this.peers.live().some((p) => p.key === key));
  }

  /**
   * A room message to every verified peer, and kept for those away. It is signed first (its
   * author signature lets peers pass it on to late joiners), then sent.
   * @param forward false: its author asks that it not be passed on to anyone not sent it
   */
  broadcast(text: string, forward = true): string {
    const now = Date.now();
    for (const [key, since] of this.away) if (now - since > AWAY_MS) this.away.delete(key);
    const live = this.peers.verified();
    const recipients = new Set([...live.map((p) => p.key), ...this.away.keys()]);
    const entry: OutboxEntry = { id: newMessageId(), text, sentAt: now, direct: false };
    const signer = this.signer;
    if (!signer) return this.record(entry, recipients, live, null);
    const id = this.record(entry, recipients, [], null);
    this.signing = this.signing.then(async () => {
      try {
        entry.signed = await signer({ id, text, sentAt: now, noForward: !forward });
        this.history?.sign(id, null, entry.signed);
      } catch {
        // Unsigned, it still reaches everyone it is for; it is only never passed on.
      }
      for (const p of live) this.pace(p, entry);
    });
    return id;
  }

  /** A direct message to one verified peer. */
  direct(link: PeerLink, text: string): string {
    return this.record({ id: newMessageId(), text, sentAt: Date.now(), direct: true }, new Set([link.key]), [link], link);
  }

  /** A peer verified: whatever its identity has not acknowledged yet goes again, same ids, in order. */
  verified(link: PeerLink): void {
    this.away.delete(link.key);
    for (const m of this.outbox.pendingFor(link.key)) this.pace(link, m);
  }

  /** A verified peer went away without leaving for good: its messages wait for its return. */
  wentAway(link: PeerLink): void {
    this.away.set(link.key, Date.now());
  }

  /**
   * A chat message from a verified peer.
   * @returns whether it is new (a message re-sent after a lost acknowledgement is not)
   */
  received(link: PeerLink, m: { id: string; text: string; ts: number; direct: boolean }): boolean {
    const history = this.history;
    // Re-sent after a lost acknowledgement: already shown once.
    if (!history || history.has(m.id, link.key)) return false;
    history.add({ id: m.id, from: { key: link.key, tab: link.tab, name: link.name }, to: null, direct: m.direct, text: m.text, sentAt: m.ts, deliveredTo: [], sentTo: [] });
    this.ctx.emit(new ChatMessageEvent({ peer: link.peer, id: m.id, text: m.text, sentAt: m.ts, direct: m.direct }));
    return true;
  }

  acknowledged(link: PeerLink, id: string): void {
    this.outbox.ack(link.key, id);
    if (this.history?.delivered(id, link.key)) this.ctx.emit(new DeliveredEvent({ peer: link.peer, id, complete: this.outbox.waitingOn(id).length === 0 }));
  }

  /** A reaction: ours (`link` null, with our key) or a peer's. @returns whether it changed anything */
  reacted(link: PeerLink | null, key: string, messageId: string, emoji: string, on: boolean): boolean {
    if (!this.history?.react(messageId, key, emoji, on)) return false;
    this.ctx.emit(new ReactionEvent({ peer: link?.peer ?? null, messageId, emoji, on }));
    return true;
  }

  /**
   * Every few seconds: messages not acknowledged by a verified peer go again (a frame can be
   * lost to a rate limit or a dying channel); identities away for too long are forgotten
   * with their outbox.
   */
  sweep(now: number): void {
    for (const p of this.peers.verified()) {
      for (const m of this.outbox
        .pendingFor(p.key)
        .filter((m) => now - m.sentAt > RESEND_MS)
        .slice(0, 100))
        this.pace(p, m, RESEND_MS);
    }
    for (const [key, since] of this.away) {
      if (now - since < AWAY_MS && this.away.size <= MAX_AWAY) continue;
      this.away.delete(key);
      if (!this.peers.live().some((p) => p.key === key)) this.outbox.forget(key);
    }
  }

  /** Keeps a message of ours in the outbox and the history, and sends it to `live` peers. */
  private record(entry: OutboxEntry, recipients: Set<string>, live: PeerLink[], to: PeerLink | null): string {
    for (const lost of this.outbox.add(entry, recipients)) this.ctx.drop('channel', 'outbox-full', `gave up message ${lost.id}`, null);
    const record: ChatRecord = {
      id: entry.id,
      from: null,
      to: to ? { key: to.key, tab: to.tab, name: to.name } : null,
      direct: entry.direct,
      text: entry.text,
      sentAt: entry.sentAt,
      deliveredTo: [],
      sentTo: [...recipients],
    };
    this.history?.add(record);
    for (const p of live) this.pace(p, entry);
    this.ctx.emit(new ChatSentEvent({ record, to: to?.peer ?? null }));
    return entry.id;
  }

  /** Sends `m` to `p` at our pace (delivery/pacer.ts), unless acknowledged meanwhile or sent less than `unlessWithinMs` ago. */
  private pace(p: PeerLink, m: OutboxEntry, unlessWithinMs = 0): void {
    this.pacer.send(
      p,
      m.id,
      m.text.length,
      () => {
        if (!p.verified || !this.outbox.has(p.key, m.id)) return false; // gone, or acknowledged meanwhile
        p.sendChat(m.text, m.direct, m.id, m.sentAt, m.signed);
        return true;
      },
      unlessWithinMs,
    );
  }
}
