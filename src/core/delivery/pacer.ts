/**
 * Sender-side pacing of chat frames, one lane per connection. A receiver drops chat over
 * its budget (peer/budget.ts) and the outbox would send it again only at the next sweep,
 * seconds later; so the sender stays under that budget itself: a message goes at once
 * while the lane has room, the rest wait in order and go on the lane's own timer as room
 * comes back. They stay in the outbox meanwhile (acknowledged ones are skipped).
 */
import { CHAT_CHARS, CHAT_MESSAGES, type Rate } from '../peer/budget.js';
import { TokenBucket } from '../util/rate-limiter.js';

/**
 * Our pace: 80 % of the receiver's rate and half its burst. The margin absorbs frames that
 * arrive bunched (a short network stall delivers several seconds' worth at once) and clocks
 * that tick differently.
 */
export const PACE_MESSAGES: Rate = { perSecond: CHAT_MESSAGES.perSecond * 0.8, burst: CHAT_MESSAGES.burst / 2 };
export const PACE_CHARS: Rate = { perSecond: CHAT_CHARS.perSecond * 0.8, burst: CHAT_CHARS.burst / 2 };

/** How long a lane remembers that an id went out (for `unlessWithinMs`). */
const REMEMBER_MS = 10_000;

export interface PacerOptions {
  messages?: Rate;
  chars?: Rate;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

interface Waiting {
  size: number;
  write: () => boolean;
}

interface Lane {
  messages: TokenBucket;
  chars: TokenBucket;
  /** In order of arrival; an id waits once. */
  queue: Map<string, Waiting>;
  /** When each id last went out, oldest first. */
  written: Map<string, number>;
  timer: boolean;
}

/** Lanes are keyed by connection objects and go with them (a WeakMap). */
export class Pacer<K extends object> {
  private readonly lanes = new WeakMap<K, Lane>();
  private readonly rates: { messages: Rate; chars: Rate };
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(options: PacerOptions = {}) {
    this.rates = { messages: options.messages ?? PACE_MESSAGES, chars: options.chars ?? PACE_CHARS };
    this.now = options.now ?? (() => performance.now());
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  }

  /**
   * Sends message `id` of `size` characters through `lane`: at once when nothing waits
   * there and the pace allows, else after what waits before it. `write` sends it and returns
   * true, or returns false when it no longer needs sending (acknowledged meanwhile, the
   * connection gone): then it costs nothing.
   * @param unlessWithinMs skip it when it went through this lane less than that long ago (at most 10 s)
   */
  send(lane: K, id: string, size: number, write: () => boolean, unlessWithinMs = 0): void {
    const l = this.lane(lane);
    if (l.queue.has(id)) return;
    const last = l.written.get(id);
    if (last !== undefined && this.now() - last < unlessWithinMs) return;
    l.queue.set(id, { size, write });
    this.drain(l);
  }

  /** Messages waiting in `lane`. */
  waiting(lane: K): number {
    return this.lanes.get(lane)?.queue.size ?? 0;
  }

  private lane(key: K): Lane {
    let l = this.lanes.get(key);
    if (!l) {
      const bucket = (r: Rate) => new TokenBucket(r.perSecond, r.burst, this.now);
      l = { messages: bucket(this.rates.messages), chars: bucket(this.rates.chars), queue: new Map(), written: new Map(), timer: false };
      this.lanes.set(key, l);
    }
    return l;
  }

  private drain(l: Lane): void {
    for (const [id, m] of l.queue) {
      const wait = Math.max(l.messages.wait(1), l.chars.wait(m.size));
      if (wait > 0) {
        if (!l.timer) {
          l.timer = true;
          this.setTimer(() => {
            l.timer = false;
            this.drain(l);
          }, wait);
        }
        return;
      }
      l.queue.delete(id);
      if (!m.write()) continue;
      l.messages.take(1);
      l.chars.take(m.size);
      this.remember(l, id);
    }
  }

  private remember(l: Lane, id: string): void {
    const now = this.now();
    l.written.delete(id);
    l.written.set(id, now);
    for (const [old, at] of l.written) {
      if (now - at < REMEMBER_MS) break;
      l.written.delete(old);
    }
  }
}
