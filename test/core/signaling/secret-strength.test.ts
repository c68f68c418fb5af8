import { expect } from '@open-wc/testing';
import { WEAK_SECRET_BITS, estimateSecretBits } from '../../../src/core/signaling/secret-strength.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const randomBase64Url = (length: number) => Array.from(crypto.getRandomValues(new Uint8Array(length)), (b) => B64URL[b & 63]).join('');
const bits = (secret: string) => Math.round(estimateSecretBits(secret) * 10) / 10;

describe('estimateSecretBits', () => {
  it('calls a secret weak below 64 bits', () => {
    expect(WEAK_SECRET_BITS).to.equal(64);
  });

  it('reads the secrets people pick as weak', () => {
    for (const secret of ['sunshine1', 'Sunshine1', 'password123', 'P@ssw0rd!', 'qwerty123', 'letmein', 'iloveyou', 'abcd1234', 'aaaaaaaa', 'hunter2']) {
      expect(estimateSecretBits(secret), secret).to.be.below(20);
    }
    for (const secret of ['correct horse', 'Tr0ub4dor&3', 'MyDogMax2015!', 'kangaroo2024!', 'ThisIsMyPasswordForIt', 'open sesame']) {
      expect(estimateSecretBits(secret), secret).to.be.below(WEAK_SECRET_BITS);
    }
  });

  it('counts a word-like run as one word of a 20,000-word list, not 26^n', () => {
    expect(bits('kangaroo')).to.equal(16.3); // vs 8 × log2(26) = 37.6 for random letters
    expect(bits('xqzjvkwp')).to.equal(37.6); // random letters stay random
    expect(bits('correct horse')).to.be.within(26, 34); // two words ≈ 30 bits
    expect(bits('correct horse battery staple')).to.be.within(55, 61); // four words
    expect(bits('correcthorsebatterystaple')).to.be.within(45, 61); // run together
    expect(bits('the quick brown fox jumps over')).to.be.within(75, 95); // six words
  });

  it('knows the most common passwords, under their usual disguises', () => {
    expect(bits('password')).to.equal(7);
    expect(estimateSecretBits('Password')).to.equal(estimateSecretBits('password') + 1);
    expect(estimateSecretBits('p@ssw0rd')).to.equal(estimateSecretBits('password') + 2); // one bit per substitution
    expect(estimateSecretBits('sunshinesunshine')).to.be.below(estimateSecretBits('sunshine') + 3);
  });

  it('adds little for digits before or after a word, years, runs and repeats', () => {
    const word = estimateSecretBits('kangaroo');
    expect(estimateSecretBits('kangaroo7') - word).to.be.within(3, 5); // one digit: log2(10) + a bit
    expect(estimateSecretBits('7kangaroo')).to.equal(estimateSecretBits('kangaroo7'));
    expect(estimateSecretBits('kangaroo1987') - word).to.be.below(9); // a year
    for (const run of ['abcdefgh', 'hgfedcba', '12345678', 'qwertyuiop', 'poiuytrewq', 'asdfgh']) expect(estimateSecretBits(run), run).to.be.below(13);
    expect(estimateSecretBits('Tr0ub4dor&3Tr0ub4dor&3') - estimateSecretBits('Tr0ub4dor&3')).to.be.below(3);
    expect(bits('0123456789abcdef0123456789abcdef')).to.be.below(45);
  });

  it('never goes above length × log2 of the character classes used', () => {
    expect(bits('')).to.equal(0);
    expect(bits('7')).to.equal(3.3);
    for (let i = 0; i < 50; i++) {
      const s = randomBase64Url(1 + (i % 30));
      const classes = [/[a-z]/, /[A-Z]/, /\d/, /[-_]/].reduce((n, re, k) => n + (re.test(s) ? [26, 26, 10, 33][k] : 0), 0);
      // A machine-made mix of cases is taken to come from letters and digits (62), as generators' do.
      const alphabet = /^[A-Za-z]{12,}$/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s) ? 62 : classes;
      expect(estimateSecretBits(s), s).to.be.at.most(s.length * Math.log2(alphabet) + 1e-9);
    }
  });

  it('reads 22 random base64url characters as at least 128 bits', () => {
    for (const secret of ['Xk3_pQ9aZ-mB7tLr2Vn8Yw', 'q0Vd8WmTz1LxR4aBcY7nKg', 'CZSbvCxzBhiAowiCQyskCo', '3f6Z4KM0SibzzcnuCarakb']) {
      expect(estimateSecretBits(secret), secret).to.be.at.least(128);
    }
    // Random letters can look like words, and no dictionary is shipped to tell: in 600,000
    // samples 1 in 30,000 read under 128 bits (the lowest 67), none under 64.
    const samples = Array.from({ length: 300 }, () => randomBase64Url(22)).map(estimateSecretBits);
    expect(samples.filter((b) => b >= 128).length).to.be.at.least(297);
    expect(Math.min(...samples)).to.be.at.least(WEAK_SECRET_BITS);
    // 32 hex digits: 128 bits, from the hex alphabet, not from letters and digits.
    expect(bits('9f86d081884c7d659a2feaa0c55ad015')).to.equal(128);
  });

  it('reads a long secret in a few milliseconds', () => {
    const t = performance.now();
    for (const secret of ['a'.repeat(10_000), 'correct horse battery staple '.repeat(20), randomBase64Url(500)]) estimateSecretBits(secret);
    expect(performance.now() - t).to.be.below(500);
  });
});
