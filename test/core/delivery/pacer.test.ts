import { expect } from '@open-wc/testing';
import { PACE_CHARS, PACE_MESSAGES, Pacer } from '../../../src/core/delivery/pacer.js';
import { PeerBudget } from '../../../src/core/peer/budget.js';

/** A clock and timers the test moves by hand. */
function fakeTime() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => timers.push({ at: now + ms, fn }),
    /** Moves the clock on by `ms`, running timers as they fall due. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        if (!timers.length || timers[0].at > end) break;
        const t = timers.shift()!;
        now = t.at;
        t.fn();
      }
      now = end;
    },
    get pending() {
      return timers.length;
    },
  };
}

const lane = {};

describe('Pacer', () => {
  it('sends a burst at once, then the rest in order at its pace', () => {
    const time = fakeTime();
    const pacer = new Pacer<object>({ messages: { perSecond: 10, burst: 5 }, chars: { perSecond: 1e9, burst: 1e9 }, ...time });
    const sent: number[] = [];
    for (let i = 0; i < 20; i++) pacer.send(lane, `m${i}`, 10, () => (sent.push(i), true));
    expect(sent).to.deep.equal([0, 1, 2, 3, 4]);
    expect(pacer.waiting(lane)).to.equal(15);
    time.advance(100);
    expect(sent).to.have.length(6);
    time.advance(900);
    expect(sent).to.have.length(15);
    time.advance(500);
    expect(sent).to.deep.equal([...Array(20).keys()]);
    expect(time.pending, 'no timer left once the lane is empty').to.equal(0);
  });

  it('paces by characters too: long messages wait for the bytes, a short one behind them waits its turn', () => {
    const time = fakeTime();
    const pacer = new Pacer<object>({ messages: { perSecond: 1000, burst: 1000 }, chars: { perSecond: 100, burst: 100 }, ...time });
    const sent: string[] = [];
    pacer.send(lane, 'a', 60, () => (sent.push('a'), true));
    pacer.send(lane, 'b', 60, () => (sent.push('b'), true));
    pacer.send(lane, 'c', 1, () => (sent.push('c'), true));
    expect(sent).to.deep.equal(['a']);
    time.advance(199);
    expect(sent).to.deep.equal(['a']);
    time.advance(1);
    expect(sent).to.deep.equal(['a', 'b']);
    time.advance(10);
    expect(sent).to.deep.equal(['a', 'b', 'c']);
  });

  it('skips what no longer needs sending without spending the pace on it', () => {
    const time = fakeTime();
    const pacer = new Pacer<object>({ messages: { perSecond: 1, burst: 1 }, chars: { perSecond: 1e9, burst: 1e9 }, ...time });
    const acked = new Set(['m1', 'm2']);
    const sent: string[] = [];
    for (const id of ['m0', 'm1', 'm2', 'm3']) pacer.send(lane, id, 1, () => !acked.has(id) && (sent.push(id), true));
    expect(sent).to.deep.equal(['m0']);
    time.advance(1000);
    expect(sent).to.deep.equal(['m0', 'm3']);
  });

  it('queues an id once, and skips one sent less than `unlessWithinMs` ago', () => {
    const time = fakeTime();
    const pacer = new Pacer<object>({ messages: { perSecond: 1, burst: 1 }, chars: { perSecond: 1e9, burst: 1e9 }, ...time });
    const sent: string[] = [];
    const write = (id: string) => () => (sent.push(id), true);
    pacer.send(lane, 'a', 1, write('a'));
    pacer.send(lane, 'b', 1, write('b'));
    pacer.send(lane, 'b', 1, write('b'));
    expect(pacer.waiting(lane)).to.equal(1);
    time.advance(1000);
    expect(sent).to.deep.equal(['a', 'b']);
    time.advance(3000);
    pacer.send(lane, 'a', 1, write('a'), 5000); // the sweep: a went out 4 s ago
    expect(sent).to.deep.equal(['a', 'b']);
    time.advance(2000);
    pacer.send(lane, 'a', 1, write('a'), 5000); // now 6 s ago: again
    expect(sent).to.deep.equal(['a', 'b', 'a']);
  });

  it('keeps lanes apart', () => {
    const time = fakeTime();
    const pacer = new Pacer<object>({ messages: { perSecond: 1, burst: 1 }, chars: { perSecond: 1e9, burst: 1e9 }, ...time });
    const one = {};
    const two = {};
    const sent: string[] = [];
    pacer.send(one, 'x', 1, () => (sent.push('one'), true));
    pacer.send(two, 'x', 1, () => (sent.push('two'), true));
    expect(sent).to.deep.equal(['one', 'two']);
  });

  it("stays within the receiver's budget at its default pace, for short and for the longest messages", () => {
    const time = fakeTime();
    const pacer = new Pacer<object>(time);
    const budget = new PeerBudget(time.now);
    let over = 0;
    let delivered = 0;
    const send = (id: string, size: number) =>
      pacer.send(lane, id, size, () => {
        const text = 'x'.repeat(size);
        if (budget.spend({ t: 'chat', id, text, ts: 0 })) over++;
        else delivered++;
        return true;
      });
    for (let i = 0; i < 1000; i++) send(`short${i}`, 20);
    for (let i = 0; i < 100; i++) send(`long${i}`, 16 * 1024);
    time.advance(60_000);
    expect(over).to.equal(0);
    expect(delivered).to.equal(1100);
    // 1,000 short ones take about (1000 - burst) / rate seconds.
    expect(PACE_MESSAGES.perSecond).to.be.above(0);
    expect(PACE_CHARS.burst).to.be.at.least(16 * 1024);
  });
});
