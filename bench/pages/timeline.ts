/**
 * Timestamps of what a bench page saw. Each page times itself (join call to its own events),
 * so no figure depends on two processes' clocks agreeing; broker bytes are cut by order in Node.
 */

/** Now, as epoch milliseconds with the precision of `performance.now()` (0.1 ms in Chromium). */
export const now = (): number => performance.timeOrigin + performance.now();

export interface Mark {
  kind: string;
  at: number;
  peer?: string;
  detail?: string;
}

/** A list of marks plus a way to wait for the n-th mark of a kind. */
export class Timeline {
  readonly marks: Mark[] = [];
  private readonly waiters = new Set<() => void>();

  mark(kind: string, peer?: string, detail?: string): void {
    this.marks.push({ kind, at: now(), ...(peer ? { peer } : {}), ...(detail ? { detail } : {}) });
    for (const w of this.waiters) w();
  }

  /** Marks of one kind, first seen per peer (a peer counts once). */
  distinct(kind: string): Mark[] {
    const seen = new Set<string | undefined>();
    return this.marks.filter((m) => m.kind === kind && !seen.has(m.peer) && (seen.add(m.peer), true));
  }

  /**
   * Resolves with the timestamps of the first `n` distinct-peer marks of `kind`.
   * Rejects after `timeoutMs` with everything seen, so a run that did not connect says why.
   */
  until(kind: string, n: number, timeoutMs: number): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.distinct(kind);
        if (found.length < n) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found.slice(0, n).map((m) => m.at));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const summary = this.marks.map((m) => `${m.kind}${m.peer ? `(${m.peer.slice(0, 8)})` : ''}${m.detail ? `: ${m.detail}` : ''}`).join(', ');
        reject(new Error(`saw ${this.distinct(kind).length}/${n} '${kind}' by the deadline; marks: ${summary || 'none'}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}

/** Times `rounds` sequential calls of `once` after `warmup` untimed ones; samples in ms (Node computes median and p99). */
export async function timeRounds(rounds: number, warmup: number, once: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await once();
    samples.push(performance.now() - t);
  }
  return samples;
}
