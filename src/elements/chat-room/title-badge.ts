/**
 * The page title as a badge: "(3) Page" while something waits unseen in a room (connection
 * requests, unread messages), the page's own title again once it is seen. One owner of
 * `document.title` per document, however many rooms: each room reports its own count and the
 * title shows the sum.
 */

export class TitleBadge {
  private readonly counts = new Map<object, number>();
  /** The page's own title text while ours is shown (null: the page had no `<title>`). */
  private base: string | null = null;
  /** The title we wrote last (null while the page's own is shown). */
  private written: string | null = null;

  constructor(private readonly doc: Document) {}

  /** What waits unseen in all rooms together. */
  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Sets what waits unseen in `source` (0 takes it off the title). */
  set(source: object, count: number): void {
    if (count > 0) this.counts.set(source, count);
    else this.counts.delete(source);
    this.apply();
  }

  /** `source` no longer counts (its room left, or does not want the title touched). */
  delete(source: object): void {
    if (this.counts.delete(source)) this.apply();
  }

  private apply(): void {
    const total = this.total;
    const element = this.doc.querySelector('title');
    const current = element ? (element.textContent ?? '') : null;
    if (total > 0) {
      // The page set a title of its own since we wrote ours: that one is the page's now.
      if (this.written === null || current !== this.written) this.base = current;
      this.written = `(${total}) ${this.base ?? ''}`;
      if (current !== this.written) this.doc.title = this.written;
      return;
    }
    if (this.written === null) return;
    // Restored exactly, unless the page changed its title meanwhile (then it keeps it).
    if (current === this.written) {
      if (this.base === null) element?.remove();
      else this.doc.title = this.base;
    }
    this.written = null;
    this.base = null;
  }
}

const badges = new WeakMap<Document, TitleBadge>();

/** The one title badge of `doc`. */
export function titleBadgeOf(doc: Document = document): TitleBadge {
  let badge = badges.get(doc);
  if (!badge) badges.set(doc, (badge = new TitleBadge(doc)));
  return badge;
}
