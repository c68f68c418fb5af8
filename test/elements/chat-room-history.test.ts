import { expect } from '@open-wc/testing';
import { closePeers, openPeer, peerEval } from '../harness/peer.js';
import { remoteDo, remoteUntil, startRemote, testOptions } from '../harness/rooms.js';
import { allInShadow, until } from './dom.js';
import { localRoom, newTopic, removeLocalRooms } from './local-room.js';
import { messageLogOf } from './room-view.js';

// `history="share"` as a person sees it: a room in this page joins late, and its log shows
// what was said before, by time, under the author's signed name marked "never met", above
// the line where our own presence began; a live message comes after that line.

/** Every line of the log in the order shown: messages as "sender: text [badge]", system lines as "— text". */
const logLines = (log: Element) =>
  allInShadow(log, '[part~="message"], [part="system"]').map((l) =>
    l.matches('[part="system"]')
      ? `— ${l.textContent!.trim()}`
      : `${l.querySelector('[part="sender"]')!.textContent}: ${l.querySelector('[part="body"]')!.textContent}${l.querySelector('[part="never-met"]') ? ' [never met]' : ''}`,
  );

describe('<rt-chat-room history="share">', function () {
  this.timeout(60_000);

  afterEach(async () => {
    removeLocalRooms();
    await closePeers();
  });

  it('shows earlier messages in time order above where our presence began, an author never met marked so, live ones below', async () => {
    const topic = newTopic();
    // Ann speaks alone; Bob comes and gets her messages; Ann leaves; Bob speaks.
    const pageA = await openPeer('new-context');
    await startRemote(pageA, testOptions(topic, { name: 'Ann', history: 'share' }), { key: 'a' });
    await remoteDo(pageA, `(c) => { c.broadcast('earlier one'); c.broadcast('earlier two <b>not bold</b>'); return true; }`, 'a');
    await peerEval(pageA, async () => {
      const c = (window as any).harness.clients.a.client;
      for (const end = Date.now() + 10_000; c.history.filter((r: any) => r.signed).length < 2; await new Promise((r) => setTimeout(r, 50)))
        if (Date.now() > end) throw new Error('not signed');
      return true;
    });
    const pageB = await openPeer('new-context');
    await startRemote(pageB, testOptions(topic, { name: 'Bob', history: 'share' }), { key: 'b' });
    await remoteUntil(pageB, `(s) => s.filter((x) => x.type === 'historymessage').length === 2`, { key: 'b' });
    await remoteDo(pageA, `(c) => c.disconnect()`, 'a');
    await remoteUntil(pageB, `(s) => s.some((x) => x.type === 'peerdisconnected')`, { key: 'b' });
    await remoteDo(pageB, `(c) => c.broadcast('bob earlier')`, 'b');

    // Alice (this page) joins late; only Bob is here.
    const room = localRoom(topic, { name: 'Alice', history: 'share' });
    await room.updateComplete;
    const log = messageLogOf(room);
    await until(() => logLines(log).filter((l) => l.includes('earlier')).length === 3, 'the earlier messages in the log');
    await remoteDo(pageB, `(c) => c.broadcast('live now')`, 'b');
    await until(() => logLines(log).some((l) => l.startsWith('Bob: live now')), 'the live message');

    const lines = logLines(log).filter((l) => l.startsWith('Ann') || l.startsWith('Bob') || l.startsWith('— You are here'));
    expect(lines).to.deep.equal([
      'Ann: earlier one [never met]',
      'Ann: earlier two <b>not bold</b> [never met]',
      'Bob: bob earlier',
      '— You are here from this point. Earlier messages were passed on by others, each checked against its author’s signature.',
      'Bob: live now',
    ]);
    // Text, never HTML.
    expect(allInShadow(log, '[part="body"] b')).to.have.length(0);
  });
});
