import { expect } from '@open-wc/testing';
import { ConnectionRequestEvent, RequestChangeEvent } from '../../../src/core/events/index.js';
import type { Peer } from '../../../src/core/peer/peer.js';
import { ConnectionRequest, type RequestState } from '../../../src/core/room/connection-request.js';

function request() {
  const settled: RequestState[] = [];
  const changes: string[] = [];
  const r: ConnectionRequest = new ConnectionRequest(
    { peer: { id: 'bob-1', name: 'Bob' } as Peer, initiator: false, trusted: false, warning: null },
    (_, state) => settled.push(state),
    (changed) => changes.push(`${changed.state}${changed.handled ? '+handled' : ''}`),
  );
  return { r, settled, changes };
}

describe('ConnectionRequest', () => {
  it('is decided once: the first accept or reject wins, later calls change nothing', () => {
    const { r, settled, changes } = request();
    expect(r.state).to.equal('waiting');
    r.reject();
    r.accept();
    r.withdraw();
    expect(r.state).to.equal('rejected');
    expect(settled).to.deep.equal(['rejected']);
    expect(changes).to.deep.equal(['rejected']);
  });

  it('is withdrawn when the peer goes away first', () => {
    const { r, settled } = request();
    r.withdraw();
    r.accept();
    expect(r.state).to.equal('withdrawn');
    expect(settled).to.deep.equal(['withdrawn']);
  });

  it('is handled once a listener prevents its event, also through a re-dispatched copy', () => {
    const { r, changes } = request();
    const event = new ConnectionRequestEvent({ request: r });
    expect(event.cancelable).to.be.true;
    const copy = new ConnectionRequestEvent(event, { bubbles: true, composed: true, cancelable: true });
    expect(copy.peer.name).to.equal('Bob');
    copy.preventDefault();
    expect(r.handled).to.be.true;
    expect(changes).to.deep.equal(['waiting+handled']);
    copy.accept();
    expect(r.state).to.equal('accepted');
  });

  it('reports its change as a requestchange event object that carries it', () => {
    const { r } = request();
    const e = new RequestChangeEvent({ request: r });
    expect([e.type, e.request]).to.deep.equal(['requestchange', r]);
  });
});
