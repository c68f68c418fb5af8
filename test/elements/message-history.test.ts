import { expect } from '@open-wc/testing';
import { MessageHistory, type ChatLine } from '../../src/elements/message-log/message-history.js';

// The log's model on its own: what it keeps, and which line an event is about.

const message = (id: string, from: string | null, text = id) => ({ id, from, own: from === null, sender: from ?? '', text, time: 0, direct: false, recipients: from === null ? 1 : 0, complete: false });
const texts = (h: MessageHistory) => h.lines.map((l) => (l as ChatLine).text);

describe('MessageHistory', () => {
  it('keeps messages by sender and id: a peer reusing another sender’s id hides nothing', () => {
    const h = new MessageHistory();
    h.addMessage(message('m1', 'alice', 'hello from Alice'));
    h.addMessage(message('m1', 'mallory', 'a copy of the id'));
    h.addMessage(message('m1', null, 'ours, same id'));
    h.addMessage(message('m1', 'alice', 'Alice again: a re-send'));
    expect(texts(h)).to.deep.equal(['hello from Alice', 'a copy of the id', 'ours, same id']);
    expect([h.has('m1', 'alice'), h.has('m1', 'mallory'), h.has('m1'), h.has('m1', 'bob')]).to.deep.equal([true, true, true, false]);
  });

  it('gives a reaction to an id shared by several messages to ours, else to the earliest', () => {
    const h = new MessageHistory();
    h.addMessage(message('m1', 'alice', 'original'));
    h.addMessage(message('m1', 'mallory', 'copy'));
    h.react('m1', 'carol', '👍', true);
    expect((h.lines as ChatLine[]).map((l) => l.reactions)).to.deep.equal([{ '👍': ['carol'] }, {}]);

    const ours = new MessageHistory();
    ours.addMessage(message('m2', 'mallory', 'copy that came first'));
    ours.addMessage(message('m2', null, 'ours'));
    ours.react('m2', 'bob', '🎉', true);
    expect((ours.lines as ChatLine[]).map((l) => l.reactions)).to.deep.equal([{}, { '🎉': ['bob'] }]);
  });

  it('marks only our own message delivered', () => {
    const h = new MessageHistory();
    h.addMessage(message('m1', 'mallory'));
    h.markDelivered('m1');
    h.addMessage(message('m1', null));
    expect((h.lines as ChatLine[]).map((l) => l.complete)).to.deep.equal([false, false]);
    h.markDelivered('m1');
    expect((h.lines as ChatLine[]).map((l) => l.complete)).to.deep.equal([false, true]);
  });

  it('keeps at most `limit` lines and forgets the dropped ones’ ids', () => {
    const dropped: string[] = [];
    const h = new MessageHistory(2, (l) => dropped.push(l.key));
    h.addMessage(message('a', 'x'));
    h.addMessage(message('b', 'x'));
    h.addMessage(message('c', 'x'));
    expect(texts(h)).to.deep.equal(['b', 'c']);
    expect(dropped).to.have.length(1);
    expect(h.has('a', 'x')).to.be.false;
    h.addMessage(message('a', 'x', 'a again'));
    expect(texts(h)).to.deep.equal(['c', 'a again']);
  });
});
