import { expect } from '@open-wc/testing';
import { MessageHistory, type LogLine } from '../../src/elements/message-log/message-history.js';
import { earlierLine, storedEarlier } from '../../src/elements/message-log/earlier.js';
import { HistoryMessageEvent, TrustStore, toBase64Url, type AuthorTrust, type ChatRecord, type Peer } from '../../src/core/index.js';

// The log's model with shared history: earlier messages go where their time puts them, with
// one line where our presence began; what the log shows of an author it never met.

const line = (id: string, from: string, time: number) => ({ id, from, own: false, sender: from, text: id, time, direct: false, recipients: 0, complete: false });
const shown = (lines: readonly LogLine[]) => lines.map((l) => (l.kind === 'system' ? `[${l.what}]` : l.kind === 'message' ? l.text : 'file'));

describe('MessageHistory with earlier messages', () => {
  it('places them by time, with the presence line once at the moment we joined', () => {
    const h = new MessageHistory();
    h.addMessage(line('live1', 'bob', 100));
    h.addMessage(line('live2', 'bob', 120));
    h.addEarlier(line('old2', 'ann', 50), 90);
    h.addEarlier(line('old1', 'ann', 10), 90);
    h.addEarlier(line('late', 'ann', 110), 90); // written while we were here, but reached us only now
    h.addEarlier(line('old2', 'ann', 50), 90); // a second copy
    expect(shown(h.lines)).to.deep.equal(['old1', 'old2', '[presence]', 'live1', 'late', 'live2']);
  });

  it('keeps its limit, dropping the oldest lines: one older than everything a full log holds goes at once', () => {
    const dropped: LogLine[] = [];
    const h = new MessageHistory(3, (l) => dropped.push(l));
    for (const [id, t] of [
      ['a', 10],
      ['b', 20],
      ['c', 30],
    ] as const)
      h.addMessage(line(id, 'bob', t));
    h.addEarlier(line('older', 'ann', 25), 5);
    expect(h.lines).to.have.length(3);
    expect(shown(h.lines)).to.deep.equal(['b', 'older', 'c']);
    h.addEarlier(line('ancient', 'ann', 1), 5);
    expect(shown(h.lines)).to.deep.equal(['b', 'older', 'c']);
    expect(shown(dropped)).to.deep.equal(['[presence]', 'a', 'ancient']);
  });
});

describe('earlierLine', () => {
  const event = (trust: AuthorTrust, warning: 'key-changed' | null = null) =>
    new HistoryMessageEvent({
      by: {} as Peer,
      record: { id: 'm1', from: { key: 'annKey', tab: 0, name: 'Ann' }, to: null, direct: false, text: '<i>hi</i>', sentAt: 42, deliveredTo: [], sentTo: [] },
      author: 'annKey',
      name: 'Ann',
      trust,
      warning,
    });

  it("shows the author's signed name at the author's time, marked with what we know of the key", () => {
    expect(earlierLine(event('never-met'))).to.deep.include({
      id: 'm1',
      from: 'annKey',
      sender: 'Ann',
      text: '<i>hi</i>',
      time: 42,
      own: false,
      direct: false,
      earlier: { trust: 'never-met' },
    });
    expect(earlierLine(event('seen'))).not.to.have.property('warning');
    expect(earlierLine(event('key-changed')).warning).to.equal('key-changed');
    expect(earlierLine(event('seen', 'key-changed')).warning).to.equal('key-changed');
  });
});

describe('storedEarlier', () => {
  it('marks a stored message that came through shared history with what the trust store says of its author now', async () => {
    const key = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    const record: ChatRecord = { id: 'm1', from: { key, tab: 0, name: 'Ann' }, to: null, direct: false, text: 'hi', sentAt: 1, deliveredTo: [], sentTo: [], sharedBy: 'bobKey' };
    expect(storedEarlier({ ...record, sharedBy: undefined }, null)).to.equal(null); // heard live: nothing to mark
    expect(storedEarlier(record, null)).to.deep.equal({ earlier: { trust: 'never-met' } });
    const trust = await TrustStore.open({ namespace: `rtchat-test-${crypto.randomUUID()}:` });
    expect(storedEarlier(record, trust)).to.deep.equal({ earlier: { trust: 'never-met' } });
    await trust.pin(key, 'Ann');
    expect(storedEarlier(record, trust)).to.deep.equal({ earlier: { trust: 'seen' } });
    // Another key under the same name: warned about.
    expect(storedEarlier({ ...record, from: { key: toBase64Url(crypto.getRandomValues(new Uint8Array(32))), tab: 0, name: 'Ann' } }, trust)).to.deep.equal({
      earlier: { trust: 'key-changed' },
      warning: 'key-changed',
    });
    trust.close();
  });
});
