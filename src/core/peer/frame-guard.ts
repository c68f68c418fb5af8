/**
 * What one peer may make us do with its frames: a frame rate (a sustained flood
 * disconnects it), strikes for bad frames, and the budget of what it may make us store and
 * show (budget.ts). Drops are reported; a peer past the limits is disconnected by policy.
 */
import type { DropReason } from '../drop-reasons.js';
import { RateLimiter } from '../util/rate-limiter.js';
import { PeerBudget } from './budget.js';
import type { Frame } from './frames.js';

/** Bad frames tolerated per window before the peer is disconnected. */
const STRIKE_LIMIT = 50;
const STRIKE_WINDOW_MS = 10_000;
/** Frames over the frame limit within one second that end the connection: no honest client sends them (it paces its chat, files have their own channels). */
const FLOOD_POLICY_FRAMES = 2_000;

export interface GuardActions {
  drop(reason: DropReason, detail: string): void;
  /** Ends the connection by policy. */
  disconnect(): void;
}

export class FrameGuard {
  private readonly limiter = new RateLimiter(1000, 2000);
  private lastLimitStrike = 0;
  private overLimit = 0;
  private readonly budget = new PeerBudget();
  private lastBudgetReport = 0;
  private readonly strikes: number[] = [];

  constructor(private readonly actions: GuardActions) {}

  /** Whether one more frame may be read now (the frame rate). */
  admit(): boolean {
    if (this.limiter.take('frames')) return true;
    // One strike per second of flooding, not one per frame: a burst of honest chat is
    // slowed (the outbox re-sends what was dropped), only a sustained flood disconnects.
    if (Date.now() - this.lastLimitStrike >= 1000) {
      this.lastLimitStrike = Date.now();
      this.overLimit = 0;
      this.strike('rate-limited', 'frame flood');
    }
    // Tens of thousands of tiny frames a second keep the page busy with their events alone,
    // however cheaply each is dropped: past this many over the limit within a second no
    // honest client is sending, and the connection ends (so does the stall).
    if (++this.overLimit === FLOOD_POLICY_FRAMES + 1) {
      this.actions.drop('policy', `more than ${FLOOD_POLICY_FRAMES} frames over the limit in a second: disconnected`);
      this.actions.disconnect();
    }
    return false;
  }

  /**
   * Drops a bad frame with a reason; a peer that keeps sending them (flood, fuzzing, a
   * broken client) is disconnected by policy rather than allowed to burn our CPU.
   */
  strike(reason: DropReason, detail: string): void {
    this.actions.drop(reason, detail);
    const now = Date.now();
    this.strikes.push(now);
    while (this.strikes.length && now - this.strikes[0] > STRIKE_WINDOW_MS) this.strikes.shift();
    if (this.strikes.length > STRIKE_LIMIT) {
      this.strikes.length = 0;
      this.actions.drop('policy', `more than ${STRIKE_LIMIT} bad frames in ${STRIKE_WINDOW_MS / 1000} s: disconnected`);
      this.actions.disconnect();
    }
  }

  /**
   * Charges a verified peer's frame to its budget.
   * @returns true when within budget; otherwise the frame is dropped unanswered (a chat
   * frame is not acknowledged, so an honest sender's outbox sends it again), reported at
   * most once a second, without a strike (an older honest client may burst)
   */
  spend(f: Frame): boolean {
    const over = this.budget.spend(f);
    if (!over) return true;
    const now = Date.now();
    if (now - this.lastBudgetReport >= 1000) {
      this.lastBudgetReport = now;
      this.actions.drop('rate-limited', over);
    }
    return false;
  }
}
