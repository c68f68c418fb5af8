/**
 * Which rows of the log are in the document: a window of at most `max` consecutive rows,
 * so a room with 5,000 lines renders, lays out and restyles a few hundred.
 *
 * Why a window of our own and not @lit-labs/virtualizer: a chat log is read from its end,
 * keeps to the newest line while new ones arrive, and must keep the reader's place when
 * earlier lines come in above; its rows have every height (one word, 15 lines, an image).
 * The virtualizer positions each item absolutely from estimated sizes, has no "stay at the
 * end" mode, and takes items out of reading order for assistive technology. A window over
 * the list keeps the rows in normal flow (one `<ol>`, real heights, CSS unchanged), and the
 * log only has to extend it at the edge the reader scrolls towards and hold an anchor line
 * in place while it does.
 *
 * The window is kept by row keys, not indexes: lines are added at the end and the oldest
 * are dropped from the start (the `limit`), and keys survive both.
 */

/** Anything with a stable key: the log's rows. */
interface Keyed {
  readonly key: string;
}

/** Rows shown while the reader is at the newest line. */
export const WINDOW_ROWS = 150;
/** Rows added at an edge the reader scrolls towards. */
export const STEP_ROWS = 100;
/** The most rows ever in the document. */
export const MAX_ROWS = 400;

export class LineWindow {
  /** Key of the first row shown; null: `size` rows before the end. */
  private first: string | null = null;
  /** Key of the last row shown; null: the newest row (the window follows the end). */
  private last: string | null = null;
  /** The window last worked out, as indexes into the rows it was worked out for. */
  private start = 0;
  private end = 0;
  private count = 0;

  constructor(
    readonly size = WINDOW_ROWS,
    readonly step = STEP_ROWS,
    readonly max = MAX_ROWS,
  ) {}

  /** Whether the window ends at the newest row. */
  get atNewest(): boolean {
    return this.last === null;
  }

  /** Rows before the window (after the last `range`). */
  get hiddenBefore(): number {
    return this.start;
  }

  /** Rows after the window (after the last `range`). */
  get hiddenAfter(): number {
    return this.count - this.end;
  }

  /**
   * The rows to render, as [start, end) indexes into `rows`. `following`: the reader is at
   * the newest line, so older rows leave the window as new ones come (it stays `size` long).
   */
  range(rows: readonly Keyed[], following: boolean): [number, number] {
    const n = rows.length;
    let end = n;
    if (this.last !== null) {
      const i = indexOf(rows, this.last);
      if (i < 0)
        this.last = null; // that row was dropped: back to the end
      else end = i + 1;
    }
    let start = Math.max(0, end - this.size);
    if (this.first !== null) {
      const i = indexOf(rows, this.first);
      if (i >= 0 && i < end) start = i;
    }
    if (following && this.last === null) start = Math.max(start, end - this.size);
    if (end - start > this.max) start = end - this.max;
    this.first = n ? (rows[start]?.key ?? null) : null;
    this.start = start;
    this.end = end;
    this.count = n;
    return [start, end];
  }

  /** Adds `step` earlier rows at the start (dropping rows at the end past `max`). False: none left. */
  earlier(rows: readonly Keyed[]): boolean {
    if (this.start <= 0) return false;
    const start = Math.max(0, this.start - this.step);
    let end = this.end;
    if (end - start > this.max) end = start + this.max;
    this.set(rows, start, end);
    return true;
  }

  /** Adds `step` later rows at the end (dropping rows at the start past `max`). False: none left. */
  later(rows: readonly Keyed[]): boolean {
    if (this.end >= rows.length) return false;
    const end = Math.min(rows.length, this.end + this.step);
    let start = this.start;
    if (end - start > this.max) start = end - this.max;
    this.set(rows, start, end);
    return true;
  }

  /** The newest `size` rows, following the end. */
  toNewest(rows: readonly Keyed[]): void {
    this.set(rows, Math.max(0, rows.length - this.size), rows.length);
  }

  /** The oldest `size` rows. */
  toOldest(rows: readonly Keyed[]): void {
    this.set(rows, 0, Math.min(rows.length, this.size));
  }

  private set(rows: readonly Keyed[], start: number, end: number): void {
    this.first = rows[start]?.key ?? null;
    this.last = end >= rows.length ? null : (rows[end - 1]?.key ?? null);
    this.start = start;
    this.end = end;
    this.count = rows.length;
  }
}

/** Where `key` is; rows near the window's old place are the likely ones, but 5,000 compares cost ~0.02 ms. */
function indexOf(rows: readonly Keyed[], key: string): number {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i].key === key) return i;
  return -1;
}
