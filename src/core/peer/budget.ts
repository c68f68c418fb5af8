/**
 * What one verified peer may make us store and show, per second. Verified only means the
 * peer speaks for its own key: under `autoAccept: 'all'` that is anyone, and a peer that
 * writes 16 KB chat frames as fast as its channel takes them (about 1,000 in a second
 * here) made a page with `<rt-chat-room>` stop answering for 6–10 s.
 *
 * Each kind of frame that becomes an event (a line in the log, a redraw, a stored record)
 * spends from its own token buckets. A frame over budget is dropped before it has any
 * effect: a chat frame is not acknowledged, so an honest sender's outbox sends it again
 * later and nothing is lost. Honest clients pace their chat below these figures
 * (delivery/pacer.ts), so they never meet them in a burst.
 */
import { TokenBucket } from '../util/rate-limiter.js';
import type { Frame } from './frames.js';

export interface Rate {
  perSecond: number;
  burst: number;
}

/**
 * Chat messages. A person types well under one a second; a pasted list, a bot, or the
 * outbox of a peer that reconnected (up to 1,000 messages) comes in bursts: at the sender's
 * pace (80 % of this) a full outbox goes in about 12 s, a burst of 600 in 5 s. Short lines
 * are cheap for the log, which draws once per frame however many arrive in it; what is
 * expensive is long text, which CHAT_CHARS bounds.
 */
export const CHAT_MESSAGES: Rate = { perSecond: 100, burst: 200 };

/**
 * Characters of chat text. The longest message is 16 Ki characters (frames.ts MAX_TEXT):
 * the burst lets 16 of those through back to back (a paste, an outbox sent again), the rate
 * four a second after that, several thousand words a second. Stored history is bounded by
 * count (500 messages), so this is what bounds the bytes a peer makes us store, render and
 * write to IndexedDB each second.
 */
export const CHAT_CHARS: Rate = { perSecond: 64 * 1024, burst: 256 * 1024 };

/**
 * File offers: each costs a signature check and a line with buttons. At most 8 wait for an
 * answer anyway (peer-files.ts); the burst is twice that, so an honest drop of many files
 * meets that limit first. Offers over budget are declined, so the sender's transfer ends.
 */
export const FILE_OFFERS: Rate = { perSecond: 4, burst: 16 };

/** Reactions: a click each, from a person; each redraws a message and rewrites the stored history. */
export const REACTIONS: Rate = { perSecond: 10, burst: 30 };

/** Typing signals: our client sends one every 3 s at most while someone types. */
export const TYPING: Rate = { perSecond: 1, burst: 3 };

/** Name changes: each redraws the peer list and is checked against the trust store. */
export const NAMES: Rate = { perSecond: 1, burst: 5 };

/**
 * Shared history, apart from live chat so that a sync never slows what people say now: at
 * most 500 messages (the default window) in about 10 s at the sender's pace (80 % of this).
 * Each costs a signature check. What a peer may send in all is bounded per connection by
 * history/history-sync.ts (the window it was told, fewer from strangers).
 */
export const HISTORY_MESSAGES: Rate = { perSecond: 60, burst: 120 };
/** Characters of shared history: as for live chat, this bounds what we store and draw each second. */
export const HISTORY_CHARS: Rate = { perSecond: 64 * 1024, burst: 128 * 1024 };
/** History summaries: one per connection is honest; a few more are tolerated (a reconnect). */
export const SUMMARIES: Rate = { perSecond: 0.2, burst: 3 };

const KINDS = { 'file-offer': FILE_OFFERS, react: REACTIONS, typing: TYPING, name: NAMES, hsum: SUMMARIES } as const;

/** One peer's budget. */
export class PeerBudget {
  private readonly messages: TokenBucket;
  private readonly chars: TokenBucket;
  private readonly history: TokenBucket;
  private readonly historyChars: TokenBucket;
  private readonly others: Record<keyof typeof KINDS, TokenBucket>;

  constructor(now: () => number = () => performance.now()) {
    const bucket = (r: Rate) => new TokenBucket(r.perSecond, r.burst, now);
    this.messages = bucket(CHAT_MESSAGES);
    this.chars = bucket(CHAT_CHARS);
    this.history = bucket(HISTORY_MESSAGES);
    this.historyChars = bucket(HISTORY_CHARS);
    this.others = { 'file-offer': bucket(FILE_OFFERS), react: bucket(REACTIONS), typing: bucket(TYPING), name: bucket(NAMES), hsum: bucket(SUMMARIES) };
  }

  /**
   * Spends what `frame` costs. Null when it fits (or costs nothing: acks, answers, pings…);
   * otherwise the limit it went over, in words, and nothing is spent.
   */
  spend(frame: Frame): string | null {
    if (frame.t === 'chat') {
      const size = frame.text.length;
      if (this.messages.wait(1) > 0 || this.chars.wait(size) > 0) {
        return `chat over ${CHAT_MESSAGES.perSecond} messages or ${CHAT_CHARS.perSecond / 1024} Ki characters a second`;
      }
      this.messages.take(1);
      this.chars.take(size);
      return null;
    }
    if (frame.t === 'hmsg') {
      const size = frame.text.length;
      if (this.history.wait(1) > 0 || this.historyChars.wait(size) > 0) {
        return `shared history over ${HISTORY_MESSAGES.perSecond} messages or ${HISTORY_CHARS.perSecond / 1024} Ki characters a second`;
      }
      this.history.take(1);
      this.historyChars.take(size);
      return null;
    }
    if (!Object.hasOwn(KINDS, frame.t)) return null;
    const kind = frame.t as keyof typeof KINDS;
    return this.others[kind].take() ? null : `${kind} over ${KINDS[kind].perSecond} a second`;
  }
}
