/**
 * How the log's lines are laid out: a date separator where the day changes, and messages
 * grouped by sender and minute (the first of a group shows the name, avatar and time).
 */
import { dayOf } from './days.js';
import type { LogLine } from './message-history.js';

/** A line of the log, or the date separator before the first line of a day. */
export type Row = { kind: 'day'; key: string; day: number; time: number } | { kind: 'line'; key: string; line: LogLine; head: boolean };

/** The day of each line, worked out once: a line's time never changes, and every render lays out every line. */
const days = new WeakMap<LogLine, number>();

/** Minutes since 1970: messages of one sender in one minute are one group. */
const minuteOf = (time: number) => Math.floor(time / 60_000);

/**
 * The log's rows: a separator where the day changes, and for each message whether it heads
 * a group (a new sender, minute or kind of message) or continues the one above.
 */
export function layoutOf(lines: readonly LogLine[]): Row[] {
  const rows: Row[] = [];
  let day = -1;
  let previous: LogLine | undefined;
  for (const line of lines) {
    let d = days.get(line);
    if (d === undefined) days.set(line, (d = dayOf(line.time)));
    if (d !== day) {
      rows.push({ kind: 'day', key: `day-${line.key}`, day: d, time: line.time });
      day = d;
      previous = undefined;
    }
    const head =
      line.kind !== 'message' ||
      previous?.kind !== 'message' ||
      previous.own !== line.own ||
      previous.from !== line.from ||
      previous.direct !== line.direct ||
      previous.to !== line.to ||
      minuteOf(previous.time) !== minuteOf(line.time);
    rows.push({ kind: 'line', key: line.key, line, head });
    previous = line;
  }
  return rows;
}
