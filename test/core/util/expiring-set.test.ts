import { expect } from '@open-wc/testing';
import { ExpiringSet } from '../../../src/core/util/expiring-set.js';

// The bounded set with expiry, on a clock the test moves.

function clocked(ttlMs: number, max?: number) {
  const clock = { t: 1_000 };
  const set = new ExpiringSet(ttlMs, max, () => clock.t);
  return { clock, set };
}

describe('ExpiringSet', () => {
  it('adds a key once: a second add while it is remembered returns false', () => {
    const { set } = clocked(100);
    expect(set.add('a')).to.be.true;
    expect(set.add('a')).to.be.false;
    expect(set.add('b')).to.be.true;
    expect([set.has('a'), set.has('b'), set.has('c')]).to.deep.equal([true, true, false]);
  });

  it('forgets a key exactly ttlMs after it was added', () => {
    const { clock, set } = clocked(100);
    set.add('a');
    clock.t += 99;
    expect(set.has('a')).to.be.true;
    clock.t += 1;
    expect(set.has('a')).to.be.false;
    expect(set.add('a')).to.be.true;
  });

  it('counts the ttl from the first add: a repeat does not extend it', () => {
    const { clock, set } = clocked(100);
    set.add('a');
    clock.t += 60;
    expect(set.add('a')).to.be.false;
    clock.t += 40;
    expect(set.has('a')).to.be.false;
  });

  it('restarts the ttl when an expired key is added again', () => {
    const { clock, set } = clocked(100);
    set.add('a');
    clock.t += 150;
    expect(set.add('a')).to.be.true;
    clock.t += 99;
    expect(set.has('a')).to.be.true;
    expect(set.add('a')).to.be.false;
  });

  it('holds at most `max` keys, dropping the oldest first', () => {
    const { set } = clocked(60_000, 3);
    for (const k of ['a', 'b', 'c', 'd', 'e']) expect(set.add(k)).to.be.true;
    expect(set.size).to.equal(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => set.has(k))).to.deep.equal([false, false, true, true, true]);
    expect(set.add('a')).to.be.true; // forgotten, so new again
    expect(set.has('c')).to.be.false;
  });

  it('keeps expired keys counted in size until the next add clears them', () => {
    const { clock, set } = clocked(100);
    set.add('a');
    set.add('b');
    clock.t += 100;
    expect(set.size).to.equal(2);
    set.add('c');
    expect(set.size).to.equal(1);
  });

  it('clears only the expired keys on add, keeping the younger ones', () => {
    const { clock, set } = clocked(100);
    set.add('old');
    clock.t += 50;
    set.add('young');
    clock.t += 50;
    set.add('new');
    expect(set.size).to.equal(2);
    expect([set.has('old'), set.has('young'), set.has('new')]).to.deep.equal([false, true, true]);
  });

  it('treats an expired key as new even after the clock went backwards', () => {
    // Date.now() can step back (the system clock is set); keys then expire out of insertion order.
    const { clock, set } = clocked(100);
    set.add('late');
    clock.t -= 500; // the clock steps back
    set.add('early');
    clock.t += 200; // 'early' expired, 'late' (ahead of it in the set) has not
    expect(set.has('early')).to.be.false;
    expect(set.add('early')).to.be.true;
    expect(set.has('early')).to.be.true;
  });

  it('uses Date.now() when given no clock', () => {
    const set = new ExpiringSet(60_000);
    expect(set.add('a')).to.be.true;
    expect(set.has('a')).to.be.true;
    expect(set.add('a')).to.be.false;
    const expired = new ExpiringSet(-1);
    expired.add('a');
    expect(expired.has('a')).to.be.false;
  });
});
