/**
 * Who is typing, as `<rt-message-log>` shows it below the log. A peer sends a typing signal
 * at most every 3 s while it types, so it counts as typing for a while after the last one.
 */

/** How long a typing signal counts (a little over the sender's 3 s throttle, plus the way). */
export const TYPING_SHOW_MS = 5_000;

export class TypingPeople {
  private readonly byId = new Map<string, { label: string; until: number }>();

  constructor(private readonly showMs = TYPING_SHOW_MS) {}

  /** Peer `id` (shown as `label`) is typing now. */
  see(id: string, label: string, now = Date.now()): void {
    this.byId.delete(id); // re-insert: the most recent typist is named last
    this.byId.set(id, { label, until: now + this.showMs });
  }

  /** Peer `id` stopped (it sent its message, or left); true when it was shown. */
  stop(id: string): boolean {
    return this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
  }

  /** The labels of everyone typing at `now`, first one first; forgets the others. */
  names(now = Date.now()): string[] {
    for (const [id, entry] of this.byId) if (entry.until <= now) this.byId.delete(id);
    return [...this.byId.values()].map((e) => e.label);
  }

  /** ms from `now` until someone stops counting as typing; null when nobody types. */
  nextChange(now = Date.now()): number | null {
    let next = Infinity;
    for (const entry of this.byId.values()) next = Math.min(next, entry.until);
    return next === Infinity ? null : Math.max(0, next - now);
  }
}
