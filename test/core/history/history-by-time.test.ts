import { expect } from '@open-wc/testing';
import { ChatHistory, type ChatRecord } from '../../../src/core/delivery/history.js';

// The stored conversation takes late messages (shared history) where their time puts them.

const rec = (id: string, sentAt: number, key = 'alice'): ChatRecord => ({
  id,
  from: { key, tab: 1, name: key },
  to: null,
  direct: false,
  text: id,
  sentAt,
  deliveredTo: [],
  sentTo: [],
});
const ids = (h: ChatHistory) => h.all().map((r) => r.id);

describe('ChatHistory: messages placed by time', () => {
  it('puts a late message among the others by its time, once', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(rec('a', 10));
    h.add(rec('c', 30));
    expect(h.addByTime(rec('b', 20, 'bob'))).to.be.true;
    expect(h.addByTime(rec('z', 5, 'bob'))).to.be.true;
    expect(h.addByTime(rec('b', 20, 'bob'))).to.be.false;
    expect(ids(h)).to.deep.equal(['z', 'a', 'b', 'c']);
  });

  it('keeps its bound: a full history refuses what is older than everything, and drops its oldest for newer', async () => {
    const h = await ChatHistory.open(null, 'room', 3);
    for (const [id, t] of [
      ['a', 10],
      ['b', 20],
      ['c', 30],
    ] as const)
      h.add(rec(id, t));
    expect(h.addByTime(rec('old', 1, 'bob'))).to.be.false;
    expect(h.addByTime(rec('mid', 25, 'bob'))).to.be.true;
    expect(ids(h)).to.deep.equal(['b', 'mid', 'c']);
  });

  it('attaches an author signature to a kept message, and keeps it in copies', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(rec('a', 10));
    expect(h.sign('a', 'alice', { sig: 'sig', name: 'alice' })).to.be.true;
    expect(h.sign('a', 'bob', { sig: 'sig', name: 'bob' })).to.be.false;
    expect(h.all()[0].signed).to.deep.equal({ sig: 'sig', name: 'alice' });
  });
});
