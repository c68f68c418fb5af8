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

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * A file size in the closest decimal unit, in `locale` ("39 bytes", "1.2 kB", "1,2 MB"). Bytes
 * are spelled out: the short form of the byte unit is "byte" in English ("39 byte").
 */
export function formatSize(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const options: Intl.NumberFormatOptions = { style: 'unit', unit: SIZE_UNITS[unit], unitDisplay: unit ? 'short' : 'long', maximumFractionDigits: unit ? 1 : 0 };
  try {
    return new Intl.NumberFormat(locale, options).format(value);
  } catch {
    return new Intl.NumberFormat(undefined, options).format(value);
  }
}
