/**
 * One Tab stop for a list of lines (a roving tabindex): the current line has tabindex 0,
 * every other line -1 (lines and their controls are drawn with tabindex="-1"), and the
 * buttons and links inside lines are out of the Tab order until
 * a person enters a line (Enter or F2); Escape goes back to the line. Up / Down move to the
 * previous / next line, Home / End to the first / last. The current line is the newest until
 * the person moves to an older one.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Lines: list items that carry their key. */
const ITEM = 'li[data-key]';
/** What a line may hold that takes the focus. */
const CONTROL = 'a[href], button, input, select, textarea';

export class RovingItems implements ReactiveController {
  /** The current line's key; null: the newest line. */
  private current: string | null = null;
  /** The line whose controls are in the Tab order. */
  private entered: HTMLElement | null = null;
  /** The line that has tabindex 0. */
  private tabStop: HTMLElement | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.entered = null;
  }

  private get root(): ShadowRoot | HTMLElement {
    return this.host.shadowRoot ?? this.host;
  }

  private items(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>(ITEM)];
  }

  /** The line that is the Tab stop. */
  private stop(): HTMLElement | null {
    const chosen = this.current === null ? null : this.root.querySelector<HTMLElement>(`${ITEM}[data-key="${CSS.escape(this.current)}"]`);
    if (chosen) return chosen;
    this.current = null; // that line was dropped: back to the newest
    const lines = this.root.querySelector('ol');
    const last = lines?.lastElementChild as HTMLElement | null | undefined;
    return last?.matches(ITEM) ? last : (this.items().at(-1) ?? null);
  }

  /**
   * After each render: the current line in the Tab order, and the controls of an entered
   * line (it may have drawn new ones). Lines and controls are drawn with tabindex -1, so the
   * work does not grow with the number of lines.
   */
  sync(): void {
    const stop = this.stop();
    if (this.tabStop !== stop && this.tabStop?.isConnected) this.tabStop.tabIndex = -1;
    this.tabStop = stop;
    if (stop) stop.tabIndex = 0;
    if (this.entered && !this.entered.isConnected) this.entered = null;
    if (this.entered) for (const c of this.entered.querySelectorAll<HTMLElement>(CONTROL)) c.tabIndex = 0;
  }

  /** Makes `item` the current line and focuses it (nothing when there is none). */
  focusItem(item: HTMLElement | undefined): void {
    if (!item) return;
    const items = this.items();
    this.current = item === items.at(-1) ? null : (item.dataset.key ?? null);
    this.leave();
    this.sync();
    item.focus();
  }

  private enter(item: HTMLElement): boolean {
    const controls = [...item.querySelectorAll<HTMLElement>(CONTROL)];
    if (!controls.length) return false;
    this.leave();
    this.entered = item;
    for (const c of controls) c.tabIndex = 0;
    controls[0].focus();
    return true;
  }

  private leave(): void {
    if (!this.entered) return;
    for (const c of this.entered.querySelectorAll<HTMLElement>(CONTROL)) c.tabIndex = -1;
    this.entered = null;
  }

  keydown(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement;
    const item = target.closest<HTMLElement>(ITEM);
    if (!item) return;
    if (target !== item) {
      // Inside a line: Escape goes back to it (a picker's own Escape comes first).
      if (e.key === 'Escape') {
        e.preventDefault();
        this.leave();
        item.focus();
      }
      return;
    }
    const items = this.items();
    const at = items.indexOf(item);
    let next: HTMLElement | undefined;
    switch (e.key) {
      case 'ArrowUp':
        next = items[Math.max(0, at - 1)];
        break;
      case 'ArrowDown':
        next = items[Math.min(items.length - 1, at + 1)];
        break;
      case 'Home':
        next = items[0];
        break;
      case 'End':
        next = items.at(-1);
        break;
      case 'Enter':
      case 'F2':
        if (this.enter(item)) e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    this.focusItem(next);
  }

  /** A click or the focus landing in a line makes it the current one. */
  focusin(e: FocusEvent): void {
    const target = e.target as HTMLElement;
    const item = target.closest<HTMLElement>(ITEM);
    if (!item) return;
    // A control reached by a click or a script: Tab goes on among that line's controls.
    if (target !== item && this.entered !== item) {
      this.leave();
      this.entered = item;
      for (const c of item.querySelectorAll<HTMLElement>(CONTROL)) c.tabIndex = 0;
    }
    const items = this.items();
    const key = item === items.at(-1) ? null : (item.dataset.key ?? null);
    if (key !== this.current || item.tabIndex !== 0) {
      this.current = key;
      this.sync();
    }
  }

  /** Leaving the line whose controls were in the Tab order takes them out again. */
  focusout(e: FocusEvent): void {
    const to = e.relatedTarget as Node | null;
    if (this.entered && !(to && this.entered.contains(to))) this.leave();
  }
}
