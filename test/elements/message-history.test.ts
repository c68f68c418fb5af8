import { expect } from '@open-wc/testing';
import { MessageHistory, deliveryOf, type ChatLine, type FileLine, type LogLine, type SystemLine } from '../../src/elements/message-log/message-history.js';

// The log's model on its own: what it keeps, and which line an event is about.

const message = (id: string, from: string | null, text = id) => ({
  id,
  from,
  own: from === null,
  sender: from ?? '',
  text,
  time: 0,
  direct: false,
  recipients: from === null ? 1 : 0,
  complete: false,
});
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

  it('keeps every kind of line in the order added, each with its own key', () => {
    const h = new MessageHistory();
    h.addSystem('joined', 'Bob');
    h.addMessage(message('m1', 'bob'));
    h.addTransfer(transfer('f1', 'bob'), 'Bob');
    h.addMessage(message('m2', null));
    expect(h.lines.map((l) => l.kind)).to.deep.equal(['system', 'message', 'file', 'message']);
    expect(new Set(h.lines.map((l) => l.key)).size).to.equal(4);
  });

  it('copies the reactions a message comes with, leaving out empty or malformed ones', () => {
    const h = new MessageHistory();
    const given = { '👍': ['alice'], '🎉': [], '❤️': 'bob' as unknown as string[] };
    h.addMessage({ ...message('m1', 'alice'), reactions: given });
    given['👍'].push('mallory');
    expect(chat(h, 0).reactions).to.deep.equal({ '👍': ['alice'] });
  });

  it('adds a reaction once per person and emoji, in the order given', () => {
    const h = new MessageHistory();
    h.addMessage(message('m1', 'alice'));
    h.react('m1', 'bob', '👍', true);
    h.react('m1', 'carol', '👍', true);
    h.react('m1', 'bob', '👍', true);
    h.react('m1', 'bob', '🎉', true);
    expect(chat(h, 0).reactions).to.deep.equal({ '👍': ['bob', 'carol'], '🎉': ['bob'] });
  });

  it('takes a reaction back, dropping the emoji when nobody is left on it', () => {
    const h = new MessageHistory();
    h.addMessage(message('m1', 'alice'));
    h.react('m1', 'bob', '👍', true);
    h.react('m1', 'carol', '👍', true);
    h.react('m1', 'bob', '👍', false);
    h.react('m1', 'dave', '👍', false); // never reacted
    h.react('m1', 'dave', '🎉', false);
    expect(chat(h, 0).reactions).to.deep.equal({ '👍': ['carol'] });
    h.react('m1', 'carol', '👍', false);
    expect(chat(h, 0).reactions).to.deep.equal({});
  });

  it('ignores a reaction to a message it does not keep, or no longer keeps', () => {
    const h = new MessageHistory(1);
    h.react('nope', 'bob', '👍', true);
    h.addMessage(message('m1', 'alice'));
    h.addMessage(message('m2', 'alice'));
    h.react('m1', 'bob', '👍', true);
    expect(h.lines).to.have.length(1);
    expect(chat(h, 0).reactions).to.deep.equal({});
  });

  it('ignores markDelivered for an id it does not keep', () => {
    const h = new MessageHistory();
    h.addMessage(message('m1', null));
    h.markDelivered('m2');
    expect(chat(h, 0).complete).to.be.false;
  });

  it('tells the delivery state of our message: nobody, sent or delivered', () => {
    const line = (recipients: number, complete: boolean) => ({ ...message('m', null), recipients, complete, kind: 'message', key: 'k', reactions: {} }) as ChatLine;
    expect(deliveryOf(line(0, false))).to.equal('nobody');
    expect(deliveryOf(line(0, true))).to.equal('nobody');
    expect(deliveryOf(line(2, false))).to.equal('sent');
    expect(deliveryOf(line(2, true))).to.equal('delivered');
  });

  it('keeps our file to several peers as one line with a transfer for each', () => {
    const h = new MessageHistory();
    const toBob = transfer('f1', 'bob', 'send');
    const toCarol = transfer('f1', 'carol', 'send');
    const line = h.addTransfer(toBob, 'Bob');
    expect(h.addTransfer(toCarol, 'Carol')).to.equal(line);
    h.addTransfer(toBob, 'Bob'); // the same transfer again
    expect(h.lines).to.have.length(1);
    expect(line).to.include({ kind: 'file', own: true, sender: '', name: 'f1.txt', type: 'text/plain', size: 10 });
    expect(line.transfers.map((t) => [t.transfer, t.peer])).to.deep.equal([
      [toBob, 'Bob'],
      [toCarol, 'Carol'],
    ]);
  });

  it('keeps the files of two peers that share a file id as two lines', () => {
    const h = new MessageHistory();
    const fromBob = h.addTransfer(transfer('f1', 'bob'), 'Bob');
    const fromMallory = h.addTransfer(transfer('f1', 'mallory'), 'Mallory');
    expect(fromMallory).not.to.equal(fromBob);
    expect(files(h).map((l) => [l.own, l.sender])).to.deep.equal([
      [false, 'Bob'],
      [false, 'Mallory'],
    ]);
  });

  it('notes the one recipient of a direct file only when given', () => {
    const h = new MessageHistory();
    expect(h.addTransfer(transfer('f1', 'bob', 'send'), 'Bob', 'Bob').to).to.equal('Bob');
    expect('to' in h.addTransfer(transfer('f2', 'bob', 'send'), 'Bob')).to.be.false;
  });

  it('makes a new file line for a transfer whose line was dropped', () => {
    const h = new MessageHistory(1);
    const first = h.addTransfer(transfer('f1', 'bob'), 'Bob');
    h.addSystem('left', 'Bob');
    const again = h.addTransfer(transfer('f1', 'bob'), 'Bob');
    expect(again).not.to.equal(first);
    expect(h.lines).to.deep.equal([again]);
  });

  it('keeps what happened in a system line, with a reason only when given', () => {
    const h = new MessageHistory();
    h.addSystem('joined', 'Bob', undefined, 1234);
    h.addSystem('verification-failed', 'Eve', 'bad-signature', 5678);
    h.addSystem('rejoined');
    const [joined, failed, rejoined] = h.lines as SystemLine[];
    expect(joined).to.include({ kind: 'system', what: 'joined', name: 'Bob', time: 1234 });
    expect('reason' in joined).to.be.false;
    expect(failed).to.include({ what: 'verification-failed', name: 'Eve', reason: 'bad-signature', time: 5678 });
    expect(rejoined.name).to.equal('');
    expect(rejoined.time).to.be.closeTo(Date.now(), 60_000);
  });

  it('applies a lowered limit on trim(), dropping the oldest lines and reporting each', () => {
    const dropped: LogLine[] = [];
    const h = new MessageHistory(10, (l) => dropped.push(l));
    for (const id of ['a', 'b', 'c', 'd']) h.addMessage(message(id, 'x'));
    h.limit = 2;
    expect(h.lines).to.have.length(4); // not before trim()
    h.trim();
    expect(texts(h)).to.deep.equal(['c', 'd']);
    expect(dropped.map((l) => (l as ChatLine).text)).to.deep.equal(['a', 'b']);
    expect([h.has('a', 'x'), h.has('c', 'x')]).to.deep.equal([false, true]);
  });

  it('keeps at least one line, even with a limit of zero or less', () => {
    for (const limit of [0, -5]) {
      const h = new MessageHistory(limit);
      h.addMessage(message('a', 'x'));
      h.addMessage(message('b', 'x'));
      expect(texts(h), String(limit)).to.deep.equal(['b']);
    }
  });

  it('clears every line, reporting each dropped, and forgets their ids and files', () => {
    const dropped: string[] = [];
    const h = new MessageHistory(500, (l) => dropped.push(l.kind));
    h.addMessage(message('m1', 'alice'));
    const file = h.addTransfer(transfer('f1', 'bob'), 'Bob');
    h.addSystem('joined', 'Bob');
    h.clear();
    expect(h.lines).to.deep.equal([]);
    expect(dropped).to.deep.equal(['message', 'file', 'system']);
    expect(h.has('m1', 'alice')).to.be.false;
    h.addMessage(message('m1', 'alice', 'again'));
    expect(texts(h)).to.deep.equal(['again']);
    expect(h.addTransfer(transfer('f1', 'bob'), 'Bob')).not.to.equal(file);
  });

  it('gives keys that stay unique after lines are dropped or cleared', () => {
    const h = new MessageHistory(2);
    const keys = new Set<string>();
    for (let i = 0; i < 5; i++) {
      h.addMessage(message(`m${i}`, 'x'));
      keys.add(h.lines.at(-1)!.key);
    }
    h.clear();
    h.addMessage(message('m0', 'x'));
    keys.add(h.lines[0].key);
    expect(keys.size).to.equal(6);
  });
});

type Transfer = Parameters<MessageHistory['addTransfer']>[0];

/** A stand-in for a live file transfer, with only the fields the history reads. */
function transfer(id: string, peerId: string, direction: 'send' | 'receive' = 'receive'): Transfer {
  return { id, peerId, direction, name: `${id}.txt`, type: 'text/plain', size: 10 } as unknown as Transfer;
}

const chat = (h: MessageHistory, i: number) => h.lines[i] as ChatLine;
const files = (h: MessageHistory) => h.lines.filter((l): l is FileLine => l.kind === 'file');
