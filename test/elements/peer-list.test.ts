import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { KnockChangeEvent, PeerConnectedEvent, PeerDisconnectedEvent, VerifiedEvent } from '../../src/core/events/index.js';
import type { Peer, PeerState } from '../../src/core/peer/peer.js';
import '../../src/elements/peer-list/define.js';
import type { RTPeerList } from '../../src/elements/peer-list/peer-list.js';
import { allInShadow, deepActiveElement, inShadow, press, until } from './dom.js';
import { FakeClient, fakePeer } from './fake-client.js';

// The list on its own, fed by a stand-in client, for its states and keyboard use. The
// real Accept / Not now between browsers is in chat-room.test.ts and first-contact.test.ts.

const listWith = (client: FakeClient) => fixture<RTPeerList>(html`<rt-peer-list .client=${client.asClient}></rt-peer-list>`);

const rows = (el: RTPeerList) =>
  allInShadow(el, '[part="peer"]').map((li) => ({
    name: li.querySelector('[part="peer-name"]')!.textContent,
    tab: li.querySelector('[part="tab"]')?.textContent ?? null,
    state: li.querySelector('[part="state"]')!.textContent,
    badge: li.querySelector('[part="badge"]')?.textContent ?? null,
  }));

/** The Not now list: names and their buttons. */
const notNowRows = (el: RTPeerList) =>
  allInShadow(el, '[part="not-now"] [part="not-now-peer"]').map((li) => ({
    name: li.querySelector('[part="peer-name"]')!.textContent,
    badge: li.querySelector('[part="badge"]')?.textContent ?? null,
    button: li.querySelector('[part="let-in-button"]')!.textContent,
  }));

describe('<rt-peer-list>', () => {
  it('is accessible: empty, with requests, and with peers in every state', async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    await expect(el).to.be.accessible();
    expect(inShadow(el, '[part="empty"]')!.textContent).to.equal('Nobody else is here yet.');

    client.request(fakePeer({ name: 'Carol', state: 'pending' }));
    client.request(fakePeer({ name: 'Dave', tab: 3, state: 'pending' }), true, true);
    const peers: [string, PeerState, Peer['trust']][] = [
      ['Ann', 'verified', 'trusted'],
      ['Ben', 'verified', 'pinned'],
      ['Cat', 'verified', 'key-changed'],
      ['Dan', 'connected', null],
      ['Eve', 'failed', null],
      ['Fay', 'closed', null],
    ];
    for (const [name, state, trust] of peers) client.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name, state, trust }) }));
    // We knocked at two members' doors; one of our own tabs is here; a knock answered "Not now".
    client.dispatchEvent(new KnockChangeEvent({ peer: fakePeer({ name: 'Gil', state: 'pending', knock: 'waiting' }), knock: 'waiting', previous: null }));
    client.dispatchEvent(new KnockChangeEvent({ peer: fakePeer({ name: 'Hal', state: 'pending', knock: 'not-now' }), knock: 'not-now', previous: null }));
    client.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name: 'Me', tab: 2, trust: 'self', ownTab: true }) }));
    client.request(fakePeer({ name: 'Ivy', state: 'pending' }), true).reject();
    await el.updateComplete;
    expect(notNowRows(el)).to.have.length(1);
    await expect(el).to.be.accessible();
    inShadow(el, '[part="code-button"]')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('shows each peer with name, state and trust badge, and no tab number for a person in one tab', async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    const ann = fakePeer({ name: 'Ann', tab: 2, state: 'connected', trust: null });
    client.dispatchEvent(new PeerConnectedEvent({ peer: ann }));
    client.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name: 'Ben', trust: 'trusted' }) }));
    client.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name: 'Cat', trust: 'key-changed' }) }));
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([
      { name: 'Ann', tab: null, state: 'connecting', badge: null },
      { name: 'Ben', tab: null, state: 'verified', badge: 'trusted' },
      { name: 'Cat', tab: null, state: 'verified', badge: 'key changed' },
    ]);

    (ann as { state: PeerState; trust: Peer['trust'] }).state = 'verified';
    (ann as { trust: Peer['trust'] }).trust = 'pinned';
    client.dispatchEvent(new VerifiedEvent({ peer: ann, trust: 'pinned', safetyCode: ann.safetyCode ?? '' }));
    await el.updateComplete;
    expect(rows(el)[0]).to.deep.equal({ name: 'Ann', tab: null, state: 'verified', badge: 'first meeting' });

    // Gone peers stay listed, as left or failed.
    (ann as { state: PeerState }).state = 'closed';
    client.dispatchEvent(new PeerDisconnectedEvent({ peer: ann, reason: 'left' }));
    await el.updateComplete;
    expect(rows(el)[0]).to.deep.equal({ name: 'Ann', tab: null, state: 'left', badge: null });
  });

  it('shows tab numbers only for a person here in two tabs', async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    const bob1 = fakePeer({ name: 'Bob', tab: 1 });
    const bob2 = fakePeer({ name: 'Bob', tab: 2 });
    (bob2 as { key: string }).key = bob1.key; // the same person, another tab
    client.dispatchEvent(new PeerConnectedEvent({ peer: bob1 }));
    client.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name: 'Cy', tab: 3 }) }));
    await el.updateComplete;
    expect(rows(el).map((r) => [r.name, r.tab])).to.deep.equal([
      ['Bob', null],
      ['Cy', null],
    ]);

    client.dispatchEvent(new PeerConnectedEvent({ peer: bob2 }));
    await el.updateComplete;
    expect(rows(el).map((r) => [r.name, r.tab])).to.deep.equal([
      ['Bob', 'tab 1'],
      ['Cy', null],
      ['Bob', 'tab 2'],
    ]);
  });

  it('says a first meeting plainly, with what it means, not as a warning', async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    client.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name: 'Ann', trust: 'pinned' }) }));
    await el.updateComplete;
    const badge = inShadow(el, '[part="badge"]')!;
    expect(badge.textContent).to.equal('first meeting');
    expect(badge.title).to.contain('first time');
    expect(inShadow(el, '[part="warning"]')).to.equal(null);
    expect(getComputedStyle(badge, '::before').content).to.equal('none');
  });

  it('shows the safety code on demand, from the keyboard', async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    client.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name: 'Ann', safetyCode: '11111 22222 33333 44444 55555 66666' }) }));
    await el.updateComplete;
    const button = inShadow<HTMLButtonElement>(el, '[part="code-button"]')!;
    const code = inShadow(el, '[part="safety-code"]')!;
    expect(code.hidden).to.be.true;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-controls')).to.equal(code.id);

    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(code.hidden).to.be.false;
    expect(code.querySelector('code')!.textContent).to.equal('11111 22222 33333 44444 55555 66666');
    expect(button.getAttribute('aria-expanded')).to.equal('true');

    await press('Space');
    await el.updateComplete;
    expect(code.hidden).to.be.true;
  });

  it('asks about pending requests with Accept and Not now buttons, reachable by Tab', async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    const carol = fakePeer({ name: 'Carol', state: 'pending' });
    const dave = fakePeer({ name: 'Dave', state: 'pending' });
    client.request(carol); // with ask-before-joining: a member who let us in offers
    client.request(dave, true); // a knock
    await el.updateComplete;
    const prompts = allInShadow(el, '[part="prompt"]');
    expect(prompts.map((p) => p.querySelector('[part="prompt-text"]')!.textContent)).to.deep.equal(['Carol invites you to connect.', 'Dave wants to join.']);
    expect(prompts.map((p) => [...p.querySelectorAll('button')].map((b) => b.textContent))).to.deep.equal([
      ['Accept', 'Not now'],
      ['Accept', 'Not now'],
    ]);
    expect(inShadow(el, '[part="empty"]'), 'no "nobody here" next to requests').to.equal(null);

    // Carol's Accept with Enter; then from Dave's Accept, Tab reaches his Decline.
    inShadow<HTMLButtonElement>(el, '[part="accept-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(client.decisions.map((d) => [d.peer.name, d.accepted])).to.deep.equal([['Carol', true]]);
    // The focus goes on to the next request, not to the page's <body>.
    await until(() => el.shadowRoot!.activeElement, 'the focus kept in the list');
    expect(el.shadowRoot!.activeElement).to.equal(inShadow(el, '[part="accept-button"]'));
    expect(el.shadowRoot!.activeElement!.getAttribute('aria-describedby')).to.equal(inShadow(el, '[part="prompt-text"]')!.id);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('decline-button');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(client.decisions.map((d) => [d.peer.name, d.accepted])).to.deep.equal([
      ['Carol', true],
      ['Dave', false],
    ]);
    expect(allInShadow(el, '[part="prompt"]')).to.have.length(0);
    // Dave knocked and was answered "Not now": he waits in that list, not as a declined row.
    expect(rows(el).map((r) => [r.name, r.state])).to.deep.equal([['Carol', 'connecting']]);
    expect(notNowRows(el)).to.deep.equal([{ name: 'Dave', badge: null, button: 'Let in' }]);
    // Dave's "Not now" pressed from the keyboard: the focus is on his Let in.
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('let-in-button');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(deepActiveElement(), 'after Let in').to.not.equal(document.body);
    expect(el.shadowRoot!.activeElement).to.not.equal(null);
  });

  it('lets someone answered "Not now" in later, from the keyboard', async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    const newt = fakePeer({ name: 'Newt', state: 'pending' });
    client.request(newt, true, false, 'look-alike').reject();
    await el.updateComplete;
    expect(inShadow(el, '[part="not-now-label"]')!.textContent).to.equal('Not now');
    expect(inShadow(el, '[part="not-now"]')!.getAttribute('aria-labelledby')).to.equal(inShadow(el, '[part="not-now-label"]')!.id);
    expect(notNowRows(el)).to.deep.equal([{ name: 'Newt', badge: 'look-alike name', button: 'Let in' }]);
    expect(inShadow(el, '[part="empty"]'), 'someone is here, outside').to.equal(null);
    expect(rows(el)).to.deep.equal([]);

    inShadow<HTMLButtonElement>(el, '[part="let-in-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(client.decisions.map((d) => [d.peer.name, d.accepted])).to.deep.equal([
      ['Newt', false],
      ['Newt', true],
    ]);
    expect(client.notNow).to.have.length(0);
    expect(inShadow(el, '[part="not-now"]')).to.equal(null);
    expect(rows(el).map((r) => [r.name, r.state])).to.deep.equal([['Newt', 'connecting']]);
  });

  it("shows our knock at a member's door: waiting, then not now, with a warning about the name", async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    const ada = fakePeer({ name: 'Ada', state: 'pending', knock: 'waiting' });
    client.dispatchEvent(new KnockChangeEvent({ peer: ada, knock: 'waiting', previous: null }));
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([{ name: 'Ada', tab: null, state: 'Waiting for Ada to let you in…', badge: null }]);
    expect(inShadow(el, '[part="peer"]')!.dataset.state).to.equal('waiting');
    expect(inShadow(el, '[part="empty"]'), 'not "nobody here" while we wait to be let in').to.equal(null);

    (ada as { knock: Peer['knock'] }).knock = 'not-now';
    client.dispatchEvent(new KnockChangeEvent({ peer: ada, knock: 'not-now', previous: 'waiting' }));
    await el.updateComplete;
    expect(rows(el)[0].state).to.equal('Ada said not now');
    expect(inShadow(el, '[part="peer"]')!.dataset.state).to.equal('not-now');

    // Someone else calling itself Ada, from a key that is not hers.
    client.dispatchEvent(
      new KnockChangeEvent({ peer: fakePeer({ name: 'Ada', state: 'pending', knock: 'waiting', nameWarning: 'key-changed' }), knock: 'waiting', previous: null }),
    );
    await el.updateComplete;
    expect(rows(el)[1]).to.deep.equal({ name: 'Ada', tab: null, state: 'Waiting for Ada to let you in…', badge: 'key changed' });
    expect(allInShadow(el, '[part="peer"]')[1].querySelector('[part="warning"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows our own other tab as "You (another tab)", with no trust badge, safety code or Message button', async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    el.selectable = true;
    client.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name: 'Me', tab: 2, trust: 'self', ownTab: true }) }));
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([{ name: 'You (another tab)', tab: null, state: 'verified', badge: null }]);
    const row = inShadow(el, '[part="peer"]')!;
    expect(row.querySelector('[part="code-button"], [part="trust-button"], [part="message-button"], [part="warning"]')).to.equal(null);
  });

  it('leaves a request alone when a listener took the decision (preventDefault)', async () => {
    const client = new FakeClient();
    client.addEventListener('connectionrequest', (e) => e.preventDefault());
    const el = await listWith(client);
    client.request(fakePeer({ name: 'Carol', state: 'pending' }));
    await el.updateComplete;
    expect(allInShadow(el, '[part="prompt"]')).to.have.length(0);
    expect(rows(el).map((r) => [r.name, r.state])).to.deep.equal([['Carol', 'connecting']]);
  });

  it('with `selectable`, offers a Message button per verified peer that chooses it (peerselect)', async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    const ann = fakePeer({ name: 'Ann' });
    client.dispatchEvent(new PeerConnectedEvent({ peer: ann }));
    client.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name: 'Ben', state: 'connected', trust: null }) }));
    await el.updateComplete;
    expect(allInShadow(el, '[part="message-button"]'), 'none without selectable').to.have.length(0);

    el.selectable = true;
    await el.updateComplete;
    const buttons = allInShadow<HTMLButtonElement>(el, '[part="message-button"]');
    expect(buttons, 'only verified peers').to.have.length(1);
    expect(buttons[0].textContent!.trim()).to.equal('Message');
    expect(buttons[0].getAttribute('aria-pressed')).to.equal('false');
    await expect(el).to.be.accessible();

    const chosen: (Peer | null)[] = [];
    el.addEventListener('peerselect', (e) => chosen.push(e.peer));
    buttons[0].focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(chosen).to.deep.equal([ann]);
    expect(el.selected).to.equal(ann.id);
    expect(buttons[0].getAttribute('aria-pressed')).to.equal('true');
    await press('Space'); // pressed again: back to the room
    await el.updateComplete;
    expect(chosen).to.deep.equal([ann, null]);
    expect(buttons[0].getAttribute('aria-pressed')).to.equal('false');
  });

  it('shows names as text: markup stays inert', async () => {
    const client = new FakeClient();
    const el = await listWith(client);
    const name = '<img src=x onerror="window.pwned=1">';
    client.request(fakePeer({ name, state: 'pending' }));
    client.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name }) }));
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(inShadow(el, '[part="peer-name"]')!.textContent).to.equal(name);
    expect(inShadow(el, '[part="prompt-text"]')!.textContent).to.equal(`${name} invites you to connect.`);
    expect(el.shadowRoot!.querySelectorAll('img')).to.have.length(0);
    expect((window as any).pwned).to.equal(undefined);
  });

  it('starts over when given another client, and stops listening when removed', async () => {
    const first = new FakeClient();
    const el = await listWith(first);
    first.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name: 'Ann' }) }));
    await el.updateComplete;
    const second = new FakeClient();
    second.peers = [fakePeer({ name: 'Zed' })];
    el.client = second.asClient;
    await el.updateComplete;
    expect(rows(el).map((r) => r.name)).to.deep.equal(['Zed']);

    el.remove();
    second.dispatchEvent(new PeerConnectedEvent({ peer: fakePeer({ name: 'Yan' }) }));
    document.body.append(el);
    await el.updateComplete;
    expect(rows(el).map((r) => r.name)).to.deep.equal(['Zed']);
  });
});
