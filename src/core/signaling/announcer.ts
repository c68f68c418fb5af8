/**
 * When to announce: at once, then on a short backoff while the client says it is still
 * needed, then silence. Announces on public brokers cost everyone bandwidth, so a
 * connected room sends none (measured: zero messages per minute).
 */

/** Delays of the follow-up announces after the first, in ms. */
export const ANNOUNCE_BACKOFF_MS = [1_500, 4_000, 10_000];

export class Announcer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private step = 0;
  private last = -Infinity;

  /**
   * @param send publishes one announce
   * @param needed whether a follow-up announce is still useful (someone unconnected, nobody seen yet…)
   */
  constructor(
    private readonly send: () => Promise<void>,
    private readonly needed: () => boolean,
    private readonly backoff: readonly number[] = ANNOUNCE_BACKOFF_MS,
  ) {}

  /** Announces now and starts the backoff (again). */
  start(): void {
    this.stop();
    this.step = 0;
    void this.now();
    this.schedule();
  }

  stop(): void {
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
    const delay = this.backoff[this.step++];
    if (delay === undefined) return;
    this.timer = setTimeout(() => {
      if (this.needed()) void this.now();
      this.schedule();
    }, delay);
  }
}
