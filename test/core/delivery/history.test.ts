import { expect } from '@open-wc/testing';
import { ChatHistory, HISTORY_LIMIT, type ChatRecord } from '../../../src/core/delivery/history.js';
import { deleteKvStore, openKvStore, type KvStore } from '../../../src/core/identity/kv-store.js';

// The stored conversation: in memory (no store), and in a real IndexedDB store of its own.

const alice = { key: 'alice-key', tab: 1, name: 'Alice' };
const mallory = { key: 'mallory-key', tab: 1, name: 'Mallory' };

const ours = (id: string, text = id, sentTo = ['alice-key']): ChatRecord => ({ id, from: null, to: null, direct: false, text, sentAt: 1, deliveredTo: [], sentTo });
const theirs = (id: string, from = alice, text = id): ChatRecord => ({ id, from, to: null, direct: false, text, sentAt: 1, deliveredTo: [], sentTo: [] });
const texts = (h: ChatHistory) => h.all().map((r) => r.text);

describe('ChatHistory in memory', () => {
  it('keeps messages oldest first', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(ours('m1'));
    h.add(theirs('m2'));
    expect(texts(h)).to.deep.equal(['m1', 'm2']);
    expect([h.has('m1'), h.has('m2', 'alice-key'), h.has('m2'), h.has('m3')]).to.deep.equal([true, true, false, false]);
  });

  it('adds a message once per sender and id: a re-send is ignored, another sender’s copy is kept', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(theirs('m1', alice, 'original'));
    h.add(theirs('m1', alice, 're-sent'));
    h.add(theirs('m1', mallory, 'copied id'));
    h.add(ours('m1', 'ours'));
    expect(texts(h)).to.deep.equal(['original', 'copied id', 'ours']);
  });

  it('keeps at most `limit` messages, forgetting the dropped ones’ ids', async () => {
    const h = await ChatHistory.open(null, 'room', 2);
    for (const id of ['a', 'b', 'c']) h.add(theirs(id));
    expect(texts(h)).to.deep.equal(['b', 'c']);
    expect(h.has('a', 'alice-key')).to.be.false;
    h.add(theirs('a', alice, 'a again'));
    expect(texts(h)).to.deep.equal(['c', 'a again']);
  });

  it('keeps HISTORY_LIMIT messages by default', async () => {
    const h = await ChatHistory.open(null, 'room');
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h.add(theirs(`m${i}`));
    const all = h.all();
    expect(all).to.have.length(HISTORY_LIMIT);
    expect(all[0].id).to.equal('m10');
  });

  it('hands out copies: changing them changes nothing kept', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(ours('m1'));
    h.react('m1', 'bob', '👍', true);
    const [copy] = h.all();
    copy.deliveredTo.push('x');
    copy.sentTo.push('x');
    copy.reactions!['👍'].push('x');
    copy.reactions!['🎉'] = ['x'];
    copy.text = 'changed';
    expect(h.all()[0]).to.deep.include({ text: 'm1', deliveredTo: [], sentTo: ['alice-key'], reactions: { '👍': ['bob'] } });
  });

  it('notes each acknowledgement of our message once', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(ours('m1', 'm1', ['alice-key', 'bob-key']));
    expect(h.delivered('m1', 'alice-key')).to.be.true;
    expect(h.delivered('m1', 'alice-key')).to.be.false;
    expect(h.delivered('m1', 'bob-key')).to.be.true;
    expect(h.all()[0].deliveredTo).to.deep.equal(['alice-key', 'bob-key']);
  });

  it('ignores acknowledgements of unknown messages and of messages not ours', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(theirs('m1'));
    expect(h.delivered('m1', 'bob-key')).to.be.false;
    expect(h.delivered('nope', 'bob-key')).to.be.false;
    expect(h.all()[0].deliveredTo).to.deep.equal([]);
  });

  it('adds and takes back reactions, saying whether anything changed', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(theirs('m1'));
    expect(h.react('m1', 'bob', '👍', true)).to.be.true;
    expect(h.react('m1', 'bob', '👍', true)).to.be.false;
    expect(h.react('m1', 'carol', '👍', true)).to.be.true;
    expect(h.react('m1', 'dave', '👍', false)).to.be.false;
    expect(h.react('m1', 'bob', '👍', false)).to.be.true;
    expect(h.all()[0].reactions).to.deep.equal({ '👍': ['carol'] });
    expect(h.react('m1', 'carol', '👍', false)).to.be.true;
    expect(h.all()[0].reactions).to.deep.equal({});
    expect(h.react('nope', 'bob', '👍', true)).to.be.false;
  });

  it('gives a reaction to an id shared by several messages to ours, else to the earliest', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(theirs('m1', alice, 'original'));
    h.add(theirs('m1', mallory, 'copy'));
    h.react('m1', 'carol', '👍', true);
    expect(h.all().map((r) => r.reactions)).to.deep.equal([{ '👍': ['carol'] }, {}]);

    const o = await ChatHistory.open(null, 'room');
    o.add(theirs('m2', mallory, 'copy that came first'));
    o.add(ours('m2'));
    o.react('m2', 'bob', '🎉', true);
    expect(o.all().map((r) => r.reactions)).to.deep.equal([{}, { '🎉': ['bob'] }]);
  });

  it('keeps at most 32 different emoji on a message, still letting more people use those', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(theirs('m1'));
    const emoji = Array.from({ length: 33 }, (_, i) => String.fromCodePoint(0x1f600 + i));
    for (const e of emoji.slice(0, 32)) expect(h.react('m1', 'bob', e, true), e).to.be.true;
    expect(h.react('m1', 'bob', emoji[32], true)).to.be.false;
    expect(h.react('m1', 'carol', emoji[0], true)).to.be.true;
    const reactions = h.all()[0].reactions!;
    expect(Object.keys(reactions)).to.have.length(32);
    expect(reactions[emoji[0]]).to.deep.equal(['bob', 'carol']);
    // Taking one back makes room for another.
    expect(h.react('m1', 'bob', emoji[1], false)).to.be.true;
    expect(h.react('m1', 'bob', emoji[32], true)).to.be.true;
  });

  it('clears everything', async () => {
    const h = await ChatHistory.open(null, 'room');
    h.add(ours('m1'));
    await h.clear();
    expect(h.all()).to.deep.equal([]);
    expect(h.has('m1')).to.be.false;
  });
});

describe('ChatHistory in a store', () => {
  let name: string;
  let kv: KvStore;
  beforeEach(async () => {
    name = `rtchat-test-${crypto.randomUUID()}:history`;
    kv = await openKvStore(name);
  });
  afterEach(async () => {
    kv.close();
    await deleteKvStore(name);
  });

  it('gives back after a reload what was added, acknowledged and reacted to', async () => {
    const h = await ChatHistory.open(kv, 'room');
    h.add(ours('m1'));
    h.add(theirs('m2'));
    h.delivered('m1', 'alice-key');
    h.react('m2', 'bob', '👍', true);
    await h.flush();
    const again = await ChatHistory.open(kv, 'room');
    expect(again.all()).to.deep.equal(h.all());
    expect(again.all()[0].deliveredTo).to.deep.equal(['alice-key']);
    expect(again.has('m2', 'alice-key')).to.be.true;
  });

  it('recognises a re-sent message after a reload', async () => {
    const h = await ChatHistory.open(kv, 'room');
    h.add(theirs('m1', alice, 'first'));
    await h.flush();
    const again = await ChatHistory.open(kv, 'room');
    again.add(theirs('m1', alice, 're-sent'));
    expect(texts(again)).to.deep.equal(['first']);
  });

  it('writes every change made while a write was under way', async () => {
    const h = await ChatHistory.open(kv, 'room');
    for (let i = 0; i < 50; i++) h.add(theirs(`m${i}`));
    await h.flush();
    const again = await ChatHistory.open(kv, 'room');
    expect(again.all()).to.have.length(50);
    expect(again.all().at(-1)!.id).to.equal('m49');
  });

  it('keeps each room apart', async () => {
    const lobby = await ChatHistory.open(kv, 'lobby');
    const other = await ChatHistory.open(kv, 'other');
    lobby.add(theirs('m1', alice, 'in the lobby'));
    other.add(theirs('m1', alice, 'elsewhere'));
    await Promise.all([lobby.flush(), other.flush()]);
    expect(texts(await ChatHistory.open(kv, 'lobby'))).to.deep.equal(['in the lobby']);
    expect(texts(await ChatHistory.open(kv, 'other'))).to.deep.equal(['elsewhere']);
  });

  it('loads only the newest `limit` stored messages', async () => {
    const h = await ChatHistory.open(kv, 'room');
    for (const id of ['a', 'b', 'c', 'd']) h.add(theirs(id));
    await h.flush();
    expect(texts(await ChatHistory.open(kv, 'room', 2))).to.deep.equal(['c', 'd']);
  });

  it('clears the stored conversation too', async () => {
    const h = await ChatHistory.open(kv, 'room');
    h.add(ours('m1'));
    await h.clear();
    expect(await kv.get('history:room')).to.equal(undefined);
    expect((await ChatHistory.open(kv, 'room')).all()).to.deep.equal([]);
  });

  it('opens empty when the stored value is not a list', async () => {
    for (const value of [null, 42, 'text', { id: 'm1', text: 'hi' }]) {
      await kv.set('history:room', value);
      expect((await ChatHistory.open(kv, 'room')).all(), JSON.stringify(value)).to.deep.equal([]);
    }
  });

  it('skips stored records it cannot use, keeping the others', async () => {
    const good = theirs('good');
    const damaged = [
      null,
      42,
      'text',
      { id: 1, text: 'numeric id' },
      { id: 'no-text' },
      { id: 'no-lists', from: null, text: 'no deliveredTo or sentTo' },
      { ...theirs('bad-delivered'), deliveredTo: 'x' },
      { ...theirs('bad-sent'), sentTo: null },
      { ...theirs('bad-reactions'), reactions: 'x' },
      { ...theirs('bad-reaction'), reactions: { '👍': 'bob' } },
      good,
    ];
    await kv.set('history:room', damaged);
    const h = await ChatHistory.open(kv, 'room');
    expect(h.all().map((r) => r.id)).to.deep.equal(['good']);
    // What was kept works in full.
    expect(h.react('good', 'bob', '👍', true)).to.be.true;
  });

  it('opens empty in memory when the store fails to read, and keeps working when it fails to write', async () => {
    kv.close(); // every later call rejects
    const h = await ChatHistory.open(kv, 'room');
    expect(h.all()).to.deep.equal([]);
    h.add(ours('m1'));
    h.add(ours('m2'));
    await h.flush();
    expect(texts(h)).to.deep.equal(['m1', 'm2']);
    expect(h.delivered('m1', 'alice-key')).to.be.true;
    await h.flush();
  });
});
