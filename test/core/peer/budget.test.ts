import { expect } from '@open-wc/testing';
import { CHAT_CHARS, CHAT_MESSAGES, FILE_OFFERS, NAMES, PeerBudget, REACTIONS, TYPING } from '../../../src/core/peer/budget.js';
import type { Frame } from '../../../src/core/peer/frames.js';

const chat = (text: string): Frame => ({ t: 'chat', id: 'm', text, ts: 0 });

describe('PeerBudget', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 0));

  it('takes a burst of chat messages, then as many as the rate earns', () => {
    const budget = new PeerBudget(clock);
    for (let i = 0; i < CHAT_MESSAGES.burst; i++) expect(budget.spend(chat('hi'))).to.equal(null);
    expect(budget.spend(chat('hi'))).to.match(/^chat over 100 messages/);
    now += 1000 / CHAT_MESSAGES.perSecond;
    expect(budget.spend(chat('hi'))).to.equal(null);
    expect(budget.spend(chat('hi'))).to.not.equal(null);
  });

  it('bounds characters: 16 of the longest messages at once, then four a second, and spends nothing on a refused one', () => {
    const budget = new PeerBudget(clock);
    const longest = 'x'.repeat(16 * 1024);
    for (let i = 0; i < CHAT_CHARS.burst / longest.length; i++) expect(budget.spend(chat(longest))).to.equal(null);
    expect(budget.spend(chat(longest))).to.match(/Ki characters a second/);
    now += 250;
    expect(budget.spend(chat(longest))).to.equal(null);
    // A refused long message took no message token: short ones still go as characters come.
    now += 10;
    expect(budget.spend(chat('x'.repeat(500)))).to.equal(null);
  });

  it('has a budget for each other kind that becomes an event, and none for the rest', () => {
    const budget = new PeerBudget(clock);
    const frames: [Frame, number][] = [
      [{ t: 'typing' }, TYPING.burst],
      [{ t: 'react', id: 'm', emoji: '👍', on: true }, REACTIONS.burst],
      [{ t: 'name', name: 'Bob' }, NAMES.burst],
      [{ t: 'file-offer', id: 'f', name: 'a', type: '', size: 1, hash: 'h', sig: 's' }, FILE_OFFERS.burst],
    ];
    for (const [frame, burst] of frames) {
      for (let i = 0; i < burst; i++) expect(budget.spend(frame), frame.t).to.equal(null);
      expect(budget.spend(frame), frame.t).to.match(new RegExp(`^${frame.t} over`));
    }
    for (let i = 0; i < 10_000; i++) {
      expect(budget.spend({ t: 'ack', id: 'm' })).to.equal(null);
      expect(budget.spend({ t: 'ping' })).to.equal(null);
    }
  });
});
