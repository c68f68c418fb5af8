import { expect } from '@open-wc/testing';
import { ChatMessageEvent, ConnectionRequestEvent, RequestChangeEvent } from '../../src/core/events/index.js';
import { ConnectionRequest } from '../../src/core/room/connection-request.js';
import { redispatchEvent } from '../../src/elements/internal/redispatch.js';
import { fakePeer } from './fake-client.js';

// How <rt-chat-room> hands its client's events to the page: a copy of the same class, as the
// element's own bubbling, composed event.

describe('redispatchEvent', () => {
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    host.attachShadow({ mode: 'open' });
    document.body.append(host);
  });
  afterEach(() => host.remove());

  it('dispatches a copy of the same class with the same fields, bubbling and composed', () => {
    const bob = fakePeer({ name: 'Bob' });
    const original = new ChatMessageEvent({ peer: bob, id: 'm1', text: 'hi', sentAt: 5, direct: true });
    let heard: Event | undefined;
    document.body.addEventListener('chatmessage', (e) => (heard = e), { once: true });
    expect(redispatchEvent(host, original)).to.be.true;
    expect(heard).to.be.instanceOf(ChatMessageEvent);
    expect(heard).not.to.equal(original);
    const copy = heard as ChatMessageEvent;
    expect([copy.peer, copy.id, copy.text, copy.sentAt, copy.direct]).to.deep.equal([bob, 'm1', 'hi', 5, true]);
    expect([copy.bubbles, copy.composed, copy.target]).to.deep.equal([true, true, host]);
  });

  it('writes preventDefault back: a page that takes a connection request tells the client', () => {
    const changes: RequestChangeEvent[] = [];
    const request = new ConnectionRequest(
      { peer: fakePeer({ name: 'Carol', state: 'pending' }), initiator: false, trusted: false, warning: null },
      () => {},
      (r) => changes.push(new RequestChangeEvent({ request: r })),
    );
    const original = new ConnectionRequestEvent({ request });
    host.addEventListener('connectionrequest', (e) => e.preventDefault(), { once: true });
    expect(redispatchEvent(host, original)).to.be.false;
    expect(original.defaultPrevented).to.be.true;
    expect(request.handled).to.be.true;
    expect(changes).to.have.length(1);
  });
});
