/**
 * When to announce: at once, then on a short backoff while the client says it is still
 * needed, then on a slow tail (about once a minute) for as long as it is needed, then
 * silence. Announces on public brokers cost everyone bandwidth, so a connected room sends
 * none (measured: zero messages per minute); the tail is what lets two peers find each
 * other again after an announce was lost, or dropped in a flood.
 */

/** Delays of the follow-up announces after the first, in ms. */
export const ANNOUNCE_BACKOFF_MS = [1_500, 4_000, 10_000];
/** Delay between announces once the backoff is over, while still needed (±20 % jitter). */
export const ANNOUNCE_TAIL_MS = 60_000;

export class Announcer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private step = 0;
  private last = -Infinity;
  /** Set by stop() (the client left), so ensure() does not restart a stopped announcer. */
  private stopped = true;

  /**
   * @param send publishes one announce
   * @param needed whether a follow-up announce is still useful (someone unconnected, nobody seen yet…)
   */
  constructor(
    private readonly send: () => Promise<void>,
    private readonly needed: () => boolean,
    private readonly backoff: readonly number[] = ANNOUNCE_BACKOFF_MS,
    private readonly tailMs = ANNOUNCE_TAIL_MS,
  ) {}

  /**
   * Announces now and starts the backoff (again).
   * @returns when the first announce was handed to the transport (it never rejects)
   */
  start(): Promise<void> {
    this.stop();
    this.stopped = false;
    this.step = 0;
    const first = this.now().catch(() => {});
    this.schedule();
    return first;
  }

  /** Makes sure a follow-up is scheduled (the slow tail), without announcing now. */
  ensure(): void {
    if (this.timer || this.stopped) return;
    this.step = this.backoff.length;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One announce now, outside the schedule (e.g. after a name change). */
  async now(): Promise<void> {
    this.last = performance.now();
    await this.send();
  }

  /** Milliseconds since our last announce (Infinity before the first). */
  get sinceLast(): number {
    return performance.now() - this.last;
  }

  private schedule(): void {
    const inBackoff = this.step < this.backoff.length;
    const delay = inBackoff ? this.backoff[this.step++] : Math.round(this.tailMs * (0.8 + Math.random() * 0.4));
    this.timer = setTimeout(() => {
      this.timer = null;
      const needed = this.needed();
      if (needed) void this.now();
      // The backoff runs its course; the tail only goes on while announcing still helps.
      if (inBackoff || needed) this.schedule();
    }, delay);
  }
}
