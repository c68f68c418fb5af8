import { expect } from '@open-wc/testing';
import { FINGERPRINT_BYTES, fingerprint } from '../../../src/core/history/signed-message.js';
import { DEFAULT_HISTORY_WINDOW, MAX_WINDOW_MESSAGES, checkWindow, decodeSummary, encodeSummary, selectWindow, summaryChars } from '../../../src/core/history/summary.js';
import { fromHex, toHex } from '../../../src/core/util/bytes.js';

// Which messages are shared (the window) and the summary two peers exchange: pure logic.

const DAY = 24 * 3600_000;
const NOW = 1_700_000_000_000;
const signed = { sig: 's', name: 'n' };
const msg = (sentAt: number, extra: object = {}) => ({ sentAt, direct: false, signed, ...extra });

describe('the shared-history window', () => {
  it('takes room messages signed by their author, not direct ones, unsigned ones or those not to be forwarded', () => {
    const rs = [msg(NOW - 5), msg(NOW - 4, { direct: true }), msg(NOW - 3, { signed: undefined }), msg(NOW - 2, { signed: { ...signed, noForward: true } }), msg(NOW - 1)];
    expect(selectWindow(rs, DEFAULT_HISTORY_WINDOW, NOW).map((r) => r.sentAt)).to.deep.equal([NOW - 5, NOW - 1]);
  });

  it('keeps the newest N within the maximum age, oldest first, whichever is smaller', () => {
    const rs = Array.from({ length: 20 }, (_, i) => msg(NOW - i * DAY));
    expect(selectWindow(rs, { messages: 3, maxAgeMs: 7 * DAY }, NOW).map((r) => (NOW - r.sentAt) / DAY)).to.deep.equal([2, 1, 0]);
    expect(selectWindow(rs, { messages: 500, maxAgeMs: 7 * DAY }, NOW)).to.have.length(8); // days 0..7
    // Messages dated far in the future are not shared (a wrong clock, or a forgery's trick).
    expect(selectWindow([msg(NOW + DAY)], DEFAULT_HISTORY_WINDOW, NOW)).to.deep.equal([]);
  });

  it('orders by the author’s time, whatever order they were kept in', () => {
    expect(selectWindow([msg(NOW - 1), msg(NOW - 3), msg(NOW - 2)], DEFAULT_HISTORY_WINDOW, NOW).map((r) => NOW - r.sentAt)).to.deep.equal([3, 2, 1]);
  });

  it('checks a window an app passes, defaulting what is left out', () => {
    expect(checkWindow(undefined)).to.deep.equal({ messages: 500, maxAgeMs: 7 * DAY });
    expect(checkWindow({ messages: 50 })).to.deep.equal({ messages: 50, maxAgeMs: 7 * DAY });
    for (const bad of [{ messages: 0 }, { messages: MAX_WINDOW_MESSAGES + 1 }, { messages: 1.5 }, { maxAgeMs: -1 }]) expect(() => checkWindow(bad)).to.throw(TypeError);
  });
});

describe('history summaries', () => {
  const key = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');

  it('encodes the test vector of docs/protocol.md', () => {
    const s = encodeSummary([fingerprint(key, 'm1'), fingerprint(key, 'm2')]);
    expect(s).to.equal('08BXcGYaEPmV8Ox6sFEteQ');
    expect([...decodeSummary(s)]).to.deep.equal(['d3c05770661a10f9', '95f0ec7ab0512d79']);
  });

  it('round-trips 500 fingerprints in 4,000 bytes (5,334 base64url characters)', () => {
    const fps = Array.from({ length: 500 }, (_, i) => fingerprint(key, `id${i}`));
    const s = encodeSummary(fps);
    expect(s.length).to.equal(summaryChars(500));
    expect(s.length).to.equal(5334);
    expect(decodeSummary(s)).to.deep.equal(new Set(fps.map(toHex)));
    expect(encodeSummary([])).to.equal('');
    expect(decodeSummary('').size).to.equal(0);
  });

  it('refuses a summary of partial or too many fingerprints', () => {
    expect(() => decodeSummary('AAAA')).to.throw(TypeError); // 3 bytes
    expect(() => decodeSummary(encodeSummary(Array.from({ length: MAX_WINDOW_MESSAGES + 1 }, () => new Uint8Array(FINGERPRINT_BYTES))))).to.throw(TypeError);
    expect(() => decodeSummary('!!!!')).to.throw(TypeError);
  });
});
