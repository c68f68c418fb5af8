/**
 * `<rt-chat-launcher>`: the chat button the drop-in script paints before the rest of rtchat
 * has loaded. It looks like `<rt-chat-widget>`'s closed button, in the same corner, and is
 * replaced by the widget once the library is there. No lit and no library code: it is part
 * of the drop-in's first script, which every page that carries the drop-in pays for.
 *
 * @summary The drop-in's placeholder chat button (replaced by `<rt-chat-widget>`).
 * @tagname rt-chat-launcher
 *
 * @fires launch - The visitor pressed the button (`detail.open` is true), or pointed at or
 *   focused it (`detail.open` is false: load now, the visitor is likely to open it).
 *
 * @csspart toggle - The floating button (as on `<rt-chat-widget>`).
 * @csspart label - The button's text.
 *
 * @cssprop --rt-widget-inset - Distance from the window's corner (default 1rem).
 * @cssprop --rt-widget-z-index - Stacking order (default 2147483000).
 */
// On a server (server-side rendering) there is no HTMLElement: the class is still defined,
// so importing the drop-in never throws there; it is only constructed in a browser.
export class RTChatLauncher extends ((globalThis.HTMLElement ?? Object) as typeof HTMLElement) {
  /** Registers `<rt-chat-launcher>` (no-op when already defined). */
  static define(tag = 'rt-chat-launcher', registry: CustomElementRegistry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  /** The button, as `<rt-chat-widget>` draws its closed one (its styles and the tokens it uses). */
  private readonly button = document.createElement('button');
  private readonly root: ShadowRoot;

  constructor() {
    super();
    const root = (this.root = this.attachShadow({ mode: 'open' }));
    // The same look as chat-widget.styles.ts's toggle, from the same public --rt-* properties,
    // so that the swap to the real widget does not show.
    root.innerHTML = `<style>
:host{position:fixed;inset:auto var(--rt-widget-inset,1rem) var(--rt-widget-inset,1rem) auto;z-index:var(--rt-widget-z-index,2147483000);display:flex;font-family:var(--rt-font,system-ui,-apple-system,'Segoe UI',Roboto,sans-serif);font-size:var(--rt-font-size,.9375rem);color-scheme:light dark}
:host([position='left']){inset:auto auto var(--rt-widget-inset,1rem) var(--rt-widget-inset,1rem)}
button{position:relative;display:inline-flex;align-items:center;gap:.4em;border:0;border-radius:999px;padding:.7em 1.1em;background:var(--rt-accent,#0b5cd5);color:var(--rt-accent-text,#fff);font:inherit;font-weight:600;cursor:pointer;box-shadow:0 6px 18px rgb(0 0 0/.25)}
@media (prefers-color-scheme:dark){button{background:var(--rt-accent,#2f6fd6)}}
button:focus-visible{outline:3px solid var(--rt-focus,var(--rt-accent,#0b5cd5));outline-offset:3px}
button[aria-busy='true']{cursor:progress}
</style>`;
    this.button.setAttribute('part', 'toggle');
    this.button.setAttribute('aria-expanded', 'false');
    this.button.innerHTML = '<span part="label">Chat</span>';
    root.append(this.button);
    this.button.addEventListener('click', () => {
      // Until the widget replaces us, say that something is on its way.
      this.button.setAttribute('aria-busy', 'true');
      this.launch(true);
    });
    // Pointing at or focusing the button is a good hint: start loading before the click.
    this.button.addEventListener('pointerenter', () => this.launch(false), { once: true });
    this.button.addEventListener('focus', () => this.launch(false), { once: true });
  }

  /** Whether the button has the focus (so the widget's button takes it over). */
  get focused(): boolean {
    return this.root.activeElement === this.button;
  }

  private launch(open: boolean): void {
    this.dispatchEvent(new CustomEvent('launch', { detail: { open } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rt-chat-launcher': RTChatLauncher;
  }
}
