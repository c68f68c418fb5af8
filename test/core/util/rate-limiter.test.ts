import { expect } from '@open-wc/testing';
import { RateLimiter, TokenBucket } from '../../../src/core/util/rate-limiter.js';

describe('TokenBucket', () => {
  it('spends up to its burst, earns at its rate, and says how long to wait', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    for (let i = 0; i < 5; i++) expect(bucket.take()).to.be.true;
    expect(bucket.take()).to.be.false;
    expect(bucket.wait(1)).to.equal(100);
    expect(bucket.wait(3)).to.equal(300);
    now = 100;
    expect(bucket.wait(1)).to.equal(0);
    expect(bucket.take(2)).to.be.false; // refused: nothing spent
    expect(bucket.take()).to.be.true;
    now = 10_000;
    expect(bucket.take(5)).to.be.true; // never more than the burst
    expect(bucket.take()).to.be.false;
  });

  it('takes a cost over its burst as a full bucket', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    expect(bucket.take(50)).to.be.true;
    expect(bucket.wait(50)).to.equal(500);
    now = 500;
    expect(bucket.take(50)).to.be.true;
  });

  it('starts full: a fresh bucket grants its whole burst at once', () => {
    const bucket = new TokenBucket(1, 3, () => 0);
    expect(bucket.wait(3)).to.equal(0);
    expect(bucket.take(3)).to.be.true;
    expect(bucket.take()).to.be.false;
  });

  it('earns tokens in proportion to the time passed, fractions included', () => {
    let now = 0;
    const bucket = new TokenBucket(4, 4, () => now);
    expect(bucket.take(4)).to.be.true;
    now = 125; // half a token
    expect(bucket.take()).to.be.false;
    expect(bucket.wait(1)).to.equal(125);
    now = 250; // the two halves make one
    expect(bucket.take()).to.be.true;
    expect(bucket.take()).to.be.false;
    now = 750; // two more
    expect(bucket.take(2)).to.be.true;
    expect(bucket.take()).to.be.false;
  });

  it('never holds more than its burst, however long it was idle', () => {
    let now = 0;
    const bucket = new TokenBucket(100, 3, () => now);
    now = 3_600_000;
    expect(bucket.take(3)).to.be.true;
    expect(bucket.take()).to.be.false;
    expect(bucket.wait(1)).to.equal(10);
  });

  it('spends nothing when it refuses, so a later smaller take still fits', () => {
    const bucket = new TokenBucket(1, 5, () => 0);
    expect(bucket.take(3)).to.be.true;
    expect(bucket.take(3)).to.be.false;
    expect(bucket.take(3)).to.be.false;
    expect(bucket.take(2)).to.be.true;
    expect(bucket.take()).to.be.false;
  });

  it('does not spend on wait()', () => {
    const bucket = new TokenBucket(1, 2, () => 0);
    expect(bucket.wait(2)).to.equal(0);
    expect(bucket.wait(2)).to.equal(0);
    expect(bucket.take(2)).to.be.true;
  });

  it('rounds a wait up to the next whole millisecond', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 1, () => now);
    bucket.take();
    expect(bucket.wait(1)).to.equal(334); // 333.3… ms
    now = 334;
    expect(bucket.take()).to.be.true;
  });
});

describe('RateLimiter', () => {
  it('keeps a bucket per key and forgets the oldest past its key limit', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 2, 2, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).to.deep.equal([true, true, false]);
    expect(limiter.take('b')).to.be.true;
    expect(limiter.take('c')).to.be.true; // 'a' forgotten
    expect(limiter.take('a')).to.be.true;
    now = 1000;
    expect(limiter.take('c')).to.be.true;
  });

  it('keeps keys apart: one key spending its burst leaves the others theirs', () => {
    const limiter = new RateLimiter(1, 2, 10, () => 0);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).to.deep.equal([true, true, false]);
    expect([limiter.take('b'), limiter.take('b'), limiter.take('b')]).to.deep.equal([true, true, false]);
    expect(limiter.take('a')).to.be.false;
  });

  it('refills each key at its rate', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1, 10, () => now);
    expect([limiter.take('a'), limiter.take('a')]).to.deep.equal([true, false]);
    now = 250; // half a token
    expect(limiter.take('a')).to.be.false;
    now = 500;
    expect(limiter.take('a')).to.be.true;
    expect(limiter.take('a')).to.be.false;
  });

  it('remembers exactly maxKeys keys: the oldest is forgotten only by the key past the bound', () => {
    const limiter = new RateLimiter(1, 1, 100, () => 0);
    expect(limiter.take('first')).to.be.true;
    expect(limiter.take('first')).to.be.false;
    for (let i = 0; i < 99; i++) limiter.take(`k${i}`);
    expect(limiter.take('first')).to.be.false; // 100 keys: still remembered, still empty
    limiter.take('one-more');
    expect(limiter.take('first')).to.be.true; // forgotten, so a fresh bucket
  });

  it('stays limited per key under a flood of fresh keys', () => {
    const limiter = new RateLimiter(1, 1, 16, () => 0);
    for (let i = 0; i < 10_000; i++) expect(limiter.take(`k${i}`)).to.be.true;
    // The 16 newest are remembered and spent.
    for (let i = 10_000 - 16; i < 10_000; i++) expect(limiter.take(`k${i}`), `k${i}`).to.be.false;
  });
});
