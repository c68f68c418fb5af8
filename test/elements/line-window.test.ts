import { expect } from '@open-wc/testing';
import { LineWindow } from '../../src/elements/message-log/line-window.js';

// The window's arithmetic on its own: which rows are rendered as lines come, go and the
// reader moves. The log that uses it is in message-log-window.test.ts.

const rowsOf = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ key: `k${from + i}` }));

describe('LineWindow', () => {
  it('shows the newest `size` rows and follows new ones while the reader is at the end', () => {
    const w = new LineWindow(10, 5, 20);
    expect(w.range(rowsOf(0, 3), true)).to.deep.equal([0, 3]);
    expect(w.range(rowsOf(0, 100), true)).to.deep.equal([90, 100]);
    expect(w.atNewest).to.equal(true);
    expect([w.hiddenBefore, w.hiddenAfter]).to.deep.equal([90, 0]);
    expect(w.range(rowsOf(0, 104), true)).to.deep.equal([94, 104]);
  });

  it('grows at the end up to `max` while the reader is scrolled up, then lets the oldest go', () => {
    const w = new LineWindow(10, 5, 20);
    w.range(rowsOf(0, 100), true);
    expect(w.range(rowsOf(0, 105), false)).to.deep.equal([90, 105]);
    expect(w.range(rowsOf(0, 130), false)).to.deep.equal([110, 130]);
  });

  it('adds earlier rows a step at a time, dropping later ones past `max`, down to the first', () => {
    const w = new LineWindow(10, 5, 12);
    const rows = rowsOf(0, 30);
    w.range(rows, true);
    expect(w.earlier(rows)).to.equal(true);
    expect(w.range(rows, false)).to.deep.equal([15, 27]);
    expect(w.atNewest).to.equal(false);
    while (w.earlier(rows)) w.range(rows, false);
    expect(w.range(rows, false)).to.deep.equal([0, 12]);
    expect(w.earlier(rows)).to.equal(false);
    // And back down: the window follows the end again once it reaches it.
    while (w.later(rows)) w.range(rows, false);
    expect(w.range(rows, false)).to.deep.equal([18, 30]);
    expect(w.atNewest).to.equal(true);
  });

  it('keeps its place by keys while the oldest rows are dropped (the limit)', () => {
    const w = new LineWindow(10, 5, 20);
    w.range(rowsOf(0, 50), true);
    w.earlier(rowsOf(0, 50));
    expect(w.range(rowsOf(0, 50), false)).to.deep.equal([35, 50]);
    w.toOldest(rowsOf(0, 50));
    expect(w.range(rowsOf(0, 50), false)).to.deep.equal([0, 10]);
    // Rows k0–k4 dropped, 5 new at the end: the window keeps to k5–k9, now at 0.
    expect(w.range(rowsOf(5, 55), false)).to.deep.equal([0, 5]);
    // All rows shown dropped: back to the newest.
    expect(w.range(rowsOf(60, 100), false)).to.deep.equal([30, 40]);
    expect(w.atNewest).to.equal(true);
  });

  it('jumps to either end', () => {
    const w = new LineWindow(10, 5, 20);
    const rows = rowsOf(0, 50);
    w.range(rows, true);
    w.toOldest(rows);
    expect(w.range(rows, false)).to.deep.equal([0, 10]);
    w.toNewest(rows);
    expect(w.range(rows, false)).to.deep.equal([40, 50]);
    expect(w.range(rowsOf(0, 0), true)).to.deep.equal([0, 0]);
  });
});
