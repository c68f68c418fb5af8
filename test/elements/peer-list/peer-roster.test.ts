import { expect } from '@open-wc/testing';
import { PeerRoster, rowState, trustBadge } from '../../../src/elements/peer-list/peer-roster.js';

// What <rt-peer-list> lists, on its own: peers are stand-ins with only the fields read here.

type Peer = Parameters<typeof rowState>[0];
type State = Peer['state'];
type Trust = Parameters<typeof trustBadge>[0];
type Warning = Parameters<typeof trustBadge>[1];

const peer = (id: string, state: State = 'verified') => ({ id, state }) as unknown as Peer;
const listed = (roster: PeerRoster) => roster.peers.map((p) => `${p.id}:${p.state}`);

describe('rowState', () => {
  it('shows every peer state as a list state', () => {
    const states: [State, string][] = [
      ['pending', 'connecting'],
      ['connecting', 'connecting'],
      ['connected', 'connecting'],
      ['verified', 'verified'],
      ['failed', 'failed'],
      ['declined', 'declined'],
      ['closed', 'left'],
    ];
    for (const [state, shown] of states) expect(rowState(peer('p', state)), state).to.equal(shown);
  });

  it("shows our knock at a member's door while it is pending: waiting, or not now", () => {
    const knocking = (knock: Peer['knock'], state: State = 'pending') => ({ id: 'ada', state, knock }) as unknown as Peer;
    expect(rowState(knocking('waiting'))).to.equal('waiting');
    expect(rowState(knocking('not-now'))).to.equal('not-now');
    expect(rowState(knocking(null))).to.equal('connecting');
    // Let in: the connection follows, and the knock is over.
    expect(rowState(knocking(null, 'connecting'))).to.equal('connecting');
  });
});

describe('trustBadge', () => {
  it('shows the key’s standing when the name raises no warning', () => {
    const cases: [Trust, string | null][] = [
      ['trusted', 'trusted'],
      ['pinned', 'new-key'],
      ['key-changed', 'key-changed'],
      ['seen', null],
      [null, null],
    ];
    for (const [trust, badge] of cases) {
      expect(trustBadge(trust), String(trust)).to.equal(badge);
      expect(trustBadge(trust, null), String(trust)).to.equal(badge);
    }
  });

  it('shows nothing for our own other tab, whatever is said about its name', () => {
    expect(trustBadge('self')).to.equal(null);
    expect(trustBadge('self', 'look-alike')).to.equal(null);
  });

  it('lets a key-changed or look-alike warning win over any trust', () => {
    for (const trust of ['trusted', 'pinned', 'seen', 'key-changed', null] as Trust[]) {
      expect(trustBadge(trust, 'look-alike'), String(trust)).to.equal('look-alike');
      expect(trustBadge(trust, 'key-changed'), String(trust)).to.equal('key-changed');
    }
  });

  it('shows a mixed-script warning over trusted, pinned and seen, but not over a changed key', () => {
    const cases: [Trust, string][] = [
      ['trusted', 'mixed-script'],
      ['pinned', 'mixed-script'],
      ['seen', 'mixed-script'],
      [null, 'mixed-script'],
      ['key-changed', 'key-changed'],
    ];
    for (const [trust, badge] of cases) expect(trustBadge(trust, 'mixed-script' as Warning), String(trust)).to.equal(badge);
  });
});

describe('PeerRoster', () => {
  it('lists peers in the order first seen', () => {
    const roster = new PeerRoster();
    for (const id of ['b', 'a', 'c']) roster.see(peer(id));
    expect(roster.peers.map((p) => p.id)).to.deep.equal(['b', 'a', 'c']);
  });

  it('puts a peer’s newer session in place of the older one', () => {
    const roster = new PeerRoster();
    roster.see(peer('a', 'closed'));
    roster.see(peer('b'));
    const newer = peer('a', 'connecting');
    roster.see(newer);
    expect(listed(roster)).to.deep.equal(['a:connecting', 'b:verified']);
    expect(roster.peers[0]).to.equal(newer);
  });

  it('keeps the peers that left or failed', () => {
    const roster = new PeerRoster();
    roster.see(peer('a', 'closed'));
    roster.see(peer('b', 'failed'));
    roster.see(peer('c', 'declined'));
    expect(listed(roster)).to.deep.equal(['a:closed', 'b:failed', 'c:declined']);
  });

  it('drops gone peers beyond maxGone, oldest first, and keeps every live one', () => {
    const roster = new PeerRoster(2);
    roster.see(peer('gone1', 'closed'));
    roster.see(peer('live1', 'verified'));
    roster.see(peer('gone2', 'failed'));
    roster.see(peer('live2', 'connecting'));
    roster.see(peer('gone3', 'declined'));
    expect(listed(roster)).to.deep.equal(['live1:verified', 'gone2:failed', 'live2:connecting', 'gone3:declined']);
    roster.see(peer('gone4', 'closed'));
    expect(roster.peers.map((p) => p.id)).to.deep.equal(['live1', 'live2', 'gone3', 'gone4']);
  });

  it('never drops live peers, however many', () => {
    const roster = new PeerRoster(0);
    for (let i = 0; i < 200; i++) roster.see(peer(`p${i}`, i % 2 ? 'verified' : 'pending'));
    expect(roster.peers).to.have.length(200);
  });

  it('with maxGone 0 lists no gone peer', () => {
    const roster = new PeerRoster(0);
    roster.see(peer('a'));
    roster.see(peer('a', 'closed'));
    roster.see(peer('b', 'failed'));
    expect(roster.peers).to.deep.equal([]);
  });

  it('stops counting a peer as gone once its new session is back', () => {
    const roster = new PeerRoster(1);
    roster.see(peer('a', 'closed'));
    roster.see(peer('a', 'verified')); // back
    roster.see(peer('b', 'closed'));
    expect(listed(roster)).to.deep.equal(['a:verified', 'b:closed']);
  });

  it('keeps 50 gone peers by default', () => {
    const roster = new PeerRoster();
    for (let i = 0; i < 60; i++) roster.see(peer(`p${i}`, 'closed'));
    const ids = roster.peers.map((p) => p.id);
    expect(ids).to.have.length(50);
    expect([ids[0], ids[49]]).to.deep.equal(['p10', 'p59']);
  });

  it('starts over on reset(), in the order given, within the bound', () => {
    const roster = new PeerRoster(1);
    roster.see(peer('old'));
    roster.reset([peer('x', 'closed'), peer('y'), peer('z', 'closed')]);
    expect(listed(roster)).to.deep.equal(['y:verified', 'z:closed']);
    roster.reset([]);
    expect(roster.peers).to.deep.equal([]);
  });

  it('hands out a copy of its list', () => {
    const roster = new PeerRoster();
    roster.see(peer('a'));
    roster.peers.pop();
    expect(roster.peers).to.have.length(1);
  });
});
