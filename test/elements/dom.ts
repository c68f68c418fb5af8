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
 * Pastes `file` into `target` (a text field) as a person pasting from the clipboard would;
 * resolves with whether the page took it (the paste's `defaultPrevented`) and the files the
 * paste carried. Chromium builds such a paste from script. Firefox ignores `clipboardData`
 * in a script-made ClipboardEvent (it reads its own `dataType`/`data` fields instead), so
 * there the file goes through the real clipboard and a real Control+V.
 */
export async function pasteFile(target: HTMLElement, file: File): Promise<{ prevented: boolean; files: File[] }> {
  const data = new DataTransfer();
  data.items.add(file);
  const made = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true });
  if (made.clipboardData?.files.length === 1) {
    target.dispatchEvent(made);
    return { prevented: made.defaultPrevented, files: [...made.clipboardData.files] };
  }
  await click(target); // the focus, and the user activation the clipboard asks for
  await navigator.clipboard.write([new ClipboardItem({ [file.type]: file })]);
  let seen: { prevented: boolean; files: File[] } | undefined;
  // Bubbling up out of the shadow root, after the page's own handlers had their say.
  const listener = (e: ClipboardEvent) => (seen = { prevented: e.defaultPrevented, files: [...(e.clipboardData?.files ?? [])] });
  document.addEventListener('paste', listener);
  try {
    await press(navigator.platform.startsWith('Mac') ? 'Meta+v' : 'Control+v');
    return await until(() => seen, 'the paste');
  } finally {
    document.removeEventListener('paste', listener);
  }
}
