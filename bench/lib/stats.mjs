// Small statistics and formatting helpers for the bench tables.

/** The q-quantile (0..1) of numbers, nearest-rank; NaN for none. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values) => {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Summary of samples: median, p99 (nearest rank), min, max, n. */
export const summarize = (values) => ({
  n: values.length,
  median: median(values),
  p99: quantile(values, 0.99),
  min: values.length ? Math.min(...values) : NaN,
  max: values.length ? Math.max(...values) : NaN,
});

export const ms = (v, digits = 0) => (Number.isFinite(v) ? `${v.toFixed(digits)} ms` : 'n/a');
export const ratio = (v, base) => (Number.isFinite(v) && Number.isFinite(base) && base > 0 ? `${(v / base).toFixed(2)}×` : 'n/a');
export const bytes = (v) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en-US')} B` : 'n/a');
export const kB = (v) => (Number.isFinite(v) ? `${(v / 1000).toFixed(1)} kB` : 'n/a');

/** A plain-text table (also valid Markdown): header row, separator, rows. */
export function table(header, rows) {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const sep = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(cells[0]), sep, ...cells.slice(1).map(line)].join('\n');
}
