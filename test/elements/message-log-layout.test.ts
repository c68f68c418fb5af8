import { expect } from '@open-wc/testing';
import { AVATAR_LIGHTNESS, AVATAR_SATURATION, avatarColour, hueOf, initialsOf } from '../../src/elements/message-log/avatar.js';
import { dayLabel, dayOf } from '../../src/elements/message-log/days.js';
import type { ChatLine, LogLine } from '../../src/elements/message-log/message-history.js';
import { layoutOf } from '../../src/elements/message-log/layout.js';

// The pure parts of the log's layout: initials and their colours, day labels, groups.

/** WCAG relative luminance of an sRGB colour from HSL. */
function luminanceOfHsl(h: number, s: number, l: number): number {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(f(0)) + 0.7152 * lin(f(8)) + 0.0722 * lin(f(4));
}

let seq = 0;
const message = (from: string | null, time: number, extra: Partial<ChatLine> = {}): ChatLine => ({
  kind: 'message',
  key: `m${seq++}`,
  id: `id${seq}`,
  from,
  own: from === null,
  sender: from ?? '',
  text: 'x',
  time,
  direct: false,
  recipients: 0,
  complete: false,
  reactions: {},
  ...extra,
});

describe('avatars', () => {
  it('takes up to two initials, by grapheme, without the tab number', () => {
    expect(initialsOf('Ada Lovelace')).to.equal('AL');
    expect(initialsOf('bob')).to.equal('BO');
    expect(initialsOf('Alice (2)')).to.equal('AL');
    expect(initialsOf('😀 smile')).to.equal('😀S');
    expect(initialsOf('   ')).to.equal('?');
  });

  it('gives a key always the same hue, and different keys different hues', () => {
    expect(hueOf('key-a')).to.equal(hueOf('key-a'));
    expect(avatarColour('key-a')).to.equal(avatarColour('key-a'));
    const hues = new Set(Array.from({ length: 50 }, (_, i) => hueOf(`key-${i}`)));
    expect(hues.size).to.be.above(40);
    for (const h of hues) expect(h).to.be.within(0, 359);
  });

  it('keeps white initials at AA contrast (4.5:1) on every hue', () => {
    for (let h = 0; h < 360; h++) {
      const contrast = 1.05 / (luminanceOfHsl(h, AVATAR_SATURATION, AVATAR_LIGHTNESS) + 0.05);
      expect(contrast, `hue ${h}`).to.be.at.least(4.5);
    }
  });
});

describe('day labels', () => {
  const now = new Date(2026, 10, 29, 10, 0).getTime();
  const words = { today: 'Today', yesterday: 'Yesterday' };

  it('says Today, Yesterday, else the date in the language given', () => {
    expect(dayLabel(new Date(2026, 10, 29, 0, 1).getTime(), now, 'en', words)).to.equal('Today');
    expect(dayLabel(new Date(2026, 10, 28, 23, 59).getTime(), now, 'en', words)).to.equal('Yesterday');
    expect(dayLabel(new Date(2026, 10, 27, 12).getTime(), now, 'en', words)).to.equal('Friday, November 27, 2026');
    expect(dayLabel(new Date(2026, 10, 27, 12).getTime(), now, 'de', words)).to.equal('Freitag, 27. November 2026');
    expect(dayLabel(new Date(2026, 10, 27, 12).getTime(), now, 'not a locale!', words)).to.be.a('string');
  });

  it('changes day at local midnight', () => {
    expect(dayOf(new Date(2026, 0, 1, 23, 59).getTime())).to.not.equal(dayOf(new Date(2026, 0, 2, 0, 0).getTime()));
    expect(dayOf(new Date(2026, 0, 1, 0, 0).getTime())).to.equal(dayOf(new Date(2026, 0, 1, 23, 59).getTime()));
  });
});

describe('layoutOf', () => {
  const t0 = new Date(2026, 10, 29, 10, 0, 5).getTime();
  const shape = (lines: LogLine[]) => layoutOf(lines).map((r) => (r.kind === 'day' ? 'day' : r.head ? 'head' : 'cont'));

  it('groups consecutive messages of one sender within a minute', () => {
    const lines = [message('a', t0), message('a', t0 + 10_000), message('b', t0 + 20_000), message('b', t0 + 70_000), message(null, t0 + 71_000), message(null, t0 + 72_000)];
    expect(shape(lines)).to.deep.equal(['day', 'head', 'cont', 'head', 'head', 'head', 'cont']);
  });

  it('starts a group after a system line, on a direct message, and on a new day with a separator', () => {
    const system: LogLine = { kind: 'system', key: 's1', what: 'joined', name: 'x', time: t0 + 1 };
    const nextDay = new Date(2026, 10, 30, 0, 0, 1).getTime();
    const lines = [message('a', t0), system, message('a', t0 + 2), message('a', t0 + 3, { direct: true }), message('a', nextDay)];
    expect(shape(lines)).to.deep.equal(['day', 'head', 'head', 'head', 'head', 'day', 'head']);
  });

  it('gives separators keys of their own, even when a day comes back (a peer with a wrong clock)', () => {
    const yesterday = t0 - 86_400_000;
    const rows = layoutOf([message('a', t0), message('b', yesterday), message('a', t0)]);
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).to.equal(keys.length);
  });
});
