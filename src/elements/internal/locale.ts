/**
 * The language an element is shown in: the `lang` of its closest ancestor that has one,
 * looking through shadow roots to their hosts, else the browser's language.
 */
export function localeOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    const root = node.getRootNode();
    node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return navigator.language;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached hour:minute formatter for `locale` (invalid locales fall back to the default). */
export function timeFormatter(locale: string): Intl.DateTimeFormat {
  let f = formatters.get(locale);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    } catch {
      f = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
    }
    formatters.set(locale, f);
  }
  return f;
}
