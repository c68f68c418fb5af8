import { expect } from '@open-wc/testing';
import { closePeers, openPeer, peerEval } from '../harness/peer.js';
import { remoteDo, remoteUntil, startRemote, testOptions } from '../harness/rooms.js';

// A room named by its page (no `topic`): two people who reach one page by different
// addresses, a directory and its index.html with a query and a fragment, meet in one room.

const DIRECTORY = '/test/harness/page-path/';

describe('the room of a page', function () {
  this.timeout(40_000);
  afterEach(() => closePeers());

  it('is one room for /x/ and /x/index.html?query#fragment: two visitors meet and verify', async () => {
    // No topic: the room is origin + the page's path + this name (unique to this run).
    const options = { ...testOptions('unused'), topic: undefined, room: `page-path-${crypto.randomUUID()}` };
    const [a, b] = [await openPeer('new-context', DIRECTORY), await openPeer('new-context', `${DIRECTORY}index.html?from=mail#top`)];
    expect([await peerEval(a, () => location.pathname), await peerEval(b, () => location.pathname)]).to.deep.equal([DIRECTORY, `${DIRECTORY}index.html`]);

    const [alice, bob] = [await startRemote(a, { ...options, name: 'Alice' }), await startRemote(b, { ...options, name: 'Bob' })];
    const [seenByAlice, seenByBob] = await Promise.all([
      remoteUntil(a, `(s) => s.some((x) => x.type === 'verified')`),
      remoteUntil(b, `(s) => s.some((x) => x.type === 'verified')`),
    ]);
    expect(seenByAlice.find((x) => x.type === 'verified')).to.include({ peer: bob.id, name: 'Bob' });
    expect(seenByBob.find((x) => x.type === 'verified')).to.include({ peer: alice.id, name: 'Alice' });
    const topic = (page: string) => remoteDo<string>(page, '(client) => client.roomTopic');
    expect(await topic(a)).to.equal(await topic(b));

    // The same room name on another page is another room.
    const other = await openPeer('new-context', '/test/harness/peer.html');
    await startRemote(other, { ...options, name: 'Carol' });
    expect(await topic(other)).to.not.equal(await topic(a));
  });
});
