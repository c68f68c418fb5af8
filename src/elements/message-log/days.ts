/**
 * Date separators of the log: which lines start a new day, and what the separator says
 * ("Today", "Yesterday", else the date in the reader's language).
 */

/** The local calendar day of `time` (ms), as a number that changes at local midnight. */
export function dayOf(time: number): number {
  const d = new Date(time);
  return d.getFullYear() * 10_000 + (d.getMonth() + 1) * 100 + d.getDate();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: string): Intl.DateTimeFormat {
  let f = formatters.get(locale);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' };
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      f = new Intl.DateTimeFormat(undefined, options);
    }
    formatters.set(locale, f);
  }
  return f;
}

/**
 * What the separator before the lines of `time`'s day says.
 * @param now the present (ms); a parameter so tests and a page's clock agree
 */
export function dayLabel(time: number, now: number, locale: string, words: { today: string; yesterday: string }): string {
  const day = dayOf(time);
  if (day === dayOf(now)) return words.today;
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (day === dayOf(yesterday.getTime())) return words.yesterday;
  return dateFormatter(locale).format(new Date(time));
}
