/** Small DOM helpers for element tests: reach into shadow roots and act as a person would. */
import { waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';

/** The first element matching `selector` in `host`'s shadow root. */
export function inShadow<T extends Element = HTMLElement>(host: Element, selector: string): T | null {
  return host.shadowRoot!.querySelector<T>(selector as any);
}

/** All elements matching `selector` in `host`'s shadow root. */
export function allInShadow<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  return [...host.shadowRoot!.querySelectorAll<T>(selector as any)];
}

/** The element that has the keyboard focus, looked for inside shadow roots too. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Clicks the middle of `element` with the real mouse. */
export async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const r = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

/** Waits until `probe` returns something truthy, then returns it. */
export async function until<T>(probe: () => T | null | undefined | false, message: string, timeout = 15_000): Promise<T> {
  let value: T | null | undefined | false;
  await waitUntil(() => (value = probe()), message, { timeout, interval: 50 });
  return value as T;
}

/**
 * Presses a key with modifiers held, as 'Shift+Enter' or 'Control+a': the modifiers go down,
 * the key is pressed, the modifiers come up. Playwright reads such a chord in one `press`,
 * puppeteer (Firefox) knows single keys only, so the chord is spelt out for both. 'Space' is
 * Playwright's name for the space bar; puppeteer over WebDriver BiDi wants the character.
 */
export async function press(chord: string): Promise<void> {
  const keys = chord.split('+');
  const name = keys.pop()!;
  const key = name === 'Space' && navigator.userAgent.includes('Firefox/') ? ' ' : name;
  for (const modifier of keys) await sendKeys({ down: modifier });
  try {
    await sendKeys({ press: key });
  } finally {
    for (const modifier of keys.reverse()) await sendKeys({ up: modifier });
  }
}

/**
 * Pastes `file` into `target` (a text field): a paste event carrying it, as the browser
 * fires when a person pastes a picture. Resolves with whether the page took it (the paste's
 * `defaultPrevented`). Firefox ignores `clipboardData` in a script-made ClipboardEvent (it
 * reads its own `dataType`/`data` strings instead) and headless Firefox's clipboard holds
 * text only, so there the event is given the same DataTransfer as an own property.
 */
export function pasteFile(target: HTMLElement, file: File): { prevented: boolean; files: File[] } {
  const data = new DataTransfer();
  data.items.add(file);
  const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true });
  if (paste.clipboardData?.files.length !== 1) Object.defineProperty(paste, 'clipboardData', { value: data });
  target.dispatchEvent(paste);
  return { prevented: paste.defaultPrevented, files: [...paste.clipboardData!.files] };
}
