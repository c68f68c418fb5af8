import { expect } from '@open-wc/testing';
import { DedupeCache, fingerprint } from '../../../src/core/signaling/dedupe-cache.js';
import { utf8 } from '../../../src/core/util/bytes.js';

// The duplicate filter for messages arriving from several brokers, on a clock the test moves.

describe('fingerprint', () => {
  it('is 16 lower-case hex digits, the same for the same bytes', () => {
    const f = fingerprint(utf8('hello'));
    expect(f).to.match(/^[0-9a-f]{16}$/);
    expect(fingerprint(utf8('hello'))).to.equal(f);
    expect(fingerprint(new Uint8Array(0))).to.match(/^[0-9a-f]{16}$/);
  });

  it('starts with the 32-bit FNV-1a hash of the bytes', () => {
    // Published FNV-1a 32-bit vectors.
    expect(fingerprint(new Uint8Array(0)).slice(0, 8)).to.equal('811c9dc5');
    expect(fingerprint(utf8('a')).slice(0, 8)).to.equal('e40c292c');
    expect(fingerprint(utf8('foobar')).slice(0, 8)).to.equal('bf9cf968');
  });

  it('differs for payloads one bit apart, at any position', () => {
    const base = new Uint8Array(64).fill(0x55);
    const seen = new Set([fingerprint(base)]);
    for (let i = 0; i < base.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = base.slice();
        flipped[i] ^= 1 << bit;
        seen.add(fingerprint(flipped));
      }
    }
    expect(seen.size).to.equal(1 + 64 * 8);
  });

  it('gives 20,000 distinct short payloads 20,000 distinct fingerprints', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(fingerprint(new Uint8Array([i & 0xff, i >> 8, 0, 0])));
    expect(seen.size).to.equal(20_000);
  });

  it('has independent halves: payloads that collide in the first half still differ', () => {
    // 'costarring' and 'liquid' collide in 32-bit FNV-1a.
    const a = fingerprint(utf8('costarring'));
    const b = fingerprint(utf8('liquid'));
    expect(a.slice(0, 8)).to.equal(b.slice(0, 8));
    expect(a).not.to.equal(b);
  });
});

describe('DedupeCache', () => {
  const clocked = (windowMs: number, max?: number) => {
    const clock = { t: 0 };
    return { clock, cache: new DedupeCache(windowMs, max, () => clock.t) };
  };

  it('sees a (topic, payload) pair first once, then as a duplicate', () => {
    const { cache } = clocked(1000);
    expect(cache.firstSight('room', utf8('hi'))).to.be.true;
    expect(cache.firstSight('room', utf8('hi'))).to.be.false;
    expect(cache.size).to.equal(1);
  });

  it('tells pairs apart by topic and by payload', () => {
    const { cache } = clocked(1000);
    expect(cache.firstSight('room', utf8('hi'))).to.be.true;
    expect(cache.firstSight('room/inbox', utf8('hi'))).to.be.true;
    expect(cache.firstSight('room', utf8('hi!'))).to.be.true;
    expect(cache.firstSight('room', new Uint8Array(0))).to.be.true;
    expect(cache.firstSight('', utf8('hi'))).to.be.true;
    expect(cache.size).to.equal(5);
  });

  it('judges the bytes, not the array: an equal copy is a duplicate', () => {
    const { cache } = clocked(1000);
    const payload = utf8('same bytes');
    cache.firstSight('t', payload);
    expect(cache.firstSight('t', payload.slice())).to.be.false;
    expect(cache.firstSight('t', new Uint8Array([0, ...payload]).subarray(1))).to.be.false;
  });

  it('sees a pair as new again once its window has passed', () => {
    const { clock, cache } = clocked(1000);
    cache.firstSight('t', utf8('x'));
    clock.t = 999;
    expect(cache.firstSight('t', utf8('x'))).to.be.false;
    clock.t = 1000;
    expect(cache.firstSight('t', utf8('x'))).to.be.true;
  });

  it('remembers at most maxEntries pairs, forgetting the oldest first', () => {
    const { cache } = clocked(60_000, 2);
    for (const p of ['a', 'b', 'c']) cache.firstSight('t', utf8(p));
    expect(cache.size).to.equal(2);
    expect(cache.firstSight('t', utf8('c'))).to.be.false;
    expect(cache.firstSight('t', utf8('a'))).to.be.true; // forgotten
  });

  it('stays within its bound under a flood of distinct payloads', () => {
    const cache = new DedupeCache(60_000, 100);
    for (let i = 0; i < 5_000; i++) cache.firstSight('t', utf8(String(i)));
    expect(cache.size).to.equal(100);
  });
});
