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
});
