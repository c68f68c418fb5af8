import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { ChatMessageEvent, ConnectionRequestEvent, VerifiedEvent } from '../../src/core/index.js';
import { closePeers, colorScheme, selectAllKey } from '../harness/peer.js';
import { click, deepActiveElement, inShadow, press, until } from './dom.js';
import { joined, localRoom, newTopic, removeLocalRooms, waitForPeer } from './local-room.js';
import { openRemoteRoom, remoteDo, remoteSend, remoteUntil, roomAttributes } from './remote-room.js';
import { composerOf, messageLogOf, messages, peerListOf, peerRows, remoteProbe, systemLines } from './room-view.js';

// Two rooms as people use them: one in this page, one in a page of another browser context
// (its own profile, so its own key), a real broker and real WebRTC between them.

describe('<rt-chat-room>', function () {
  this.timeout(40_000);

  afterEach(async () => {
    removeLocalRooms();
    await closePeers();
    await colorScheme('light');
  });

  it('is accessible while connecting, with its composer disabled and saying why', async () => {
    const room = localRoom(newTopic(), { name: 'Alice' });
    await room.updateComplete;
    await expect(room).to.be.accessible();
    const send = inShadow<HTMLButtonElement>(composerOf(room), '[part="send-button"]')!;
    const hint = inShadow(composerOf(room), '[part="hint"]')!;
    expect(send.disabled).to.be.true;
    expect(hint.hidden).to.be.false;
    expect(hint.textContent).to.equal('Nobody to write to yet: you can send once someone has joined and been checked.');
    await until(() => inShadow(room, '[part="connection-status"]')!.textContent!.startsWith('Online'), 'online');
    const nameInput = inShadow<HTMLInputElement>(room, '[part="name-input"]')!;
    expect(nameInput.value).to.equal('Alice');

    // A person renames themselves in the header: same client, new name.
    const client = room.client!;
    await click(nameInput);
    await press(selectAllKey());
    await sendKeys({ type: 'Alice Liddell' });
    await sendKeys({ press: 'Enter' });
    await until(() => client.name === 'Alice Liddell', 'renamed');
    expect(room.client === client, 'the same client').to.be.true;
    expect(room.getAttribute('name')).to.equal('Alice Liddell');
  });

  it('on a phone, gives the log most of the screen: requests above it, the peer list folded into a bar, 44 px controls, the safety code whole', async () => {
    await setViewport({ width: 390, height: 844 });
    try {
      const topic = newTopic();
      const room = localRoom(topic, { name: 'Alice' });
      room.style.cssText = 'position: fixed; inset: 0; height: auto;';
      await joined(room);
      const toggle = inShadow<HTMLButtonElement>(room, '[part="peers-toggle"]')!;
      const list = peerListOf(room);
      const log = inShadow(room, '[part="message-log"]')!;
      expect(toggle.checkVisibility(), 'the bar').to.be.true;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(toggle.textContent!.trim()).to.equal('Nobody else here yet');
      await expect(room).to.be.accessible();

      // Bob knocks: his request shows above the log, the list stays folded.
      await openRemoteRoom(roomAttributes(topic, { name: 'Bob' }));
      const accept = await until(() => inShadow(list, '[part="accept-button"]'), 'the request');
      await until(() => accept.checkVisibility(), 'the request in sight');
      expect(accept.getBoundingClientRect().bottom).to.be.at.most(log.getBoundingClientRect().top + 1);
      await click(accept);
      await waitForPeer(room, 'Bob');
      await room.updateComplete;
      expect(toggle.textContent!.trim()).to.equal('1 person here');
      expect(inShadow(list, '[part="list"]')!.checkVisibility(), 'folded').to.be.false;
      expect(log.getBoundingClientRect().height / window.innerHeight, 'the log’s share of the screen').to.be.above(0.6);

      // Unfolded: Bob's row and his safety code, whole.
      await click(toggle);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(inShadow(list, '[part="list"]')!.checkVisibility()).to.be.true;
      await click(inShadow(list, '[part="code-button"]')!);
      await list.updateComplete;
      const code = inShadow(list, '[part="safety-code"] code')!;
      const box = code.getBoundingClientRect();
      expect(box.left >= 0 && box.right <= window.innerWidth, 'inside the screen').to.be.true;
      expect(code.scrollWidth).to.be.at.most(code.clientWidth);

      // Every control a finger can hit: 44 px at least each way.
      const controls = [room.shadowRoot!, list.shadowRoot!, composerOf(room).shadowRoot!].flatMap((root) =>
        [...root.querySelectorAll<HTMLElement>('button, input:not([type="file"]), textarea')].filter((el) => el.checkVisibility()),
      );
      const small = controls.filter((el) => {
        const r = el.getBoundingClientRect();
        return r.height < 44 || (el.localName === 'button' && r.width < 44);
      });
      expect(small.map((el) => el.getAttribute('part'))).to.deep.equal([]);
      await expect(room).to.be.accessible();
      await colorScheme('dark');
      await expect(room).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('takes replacement strings, for its built-in parts too', async () => {
    const room = localRoom(newTopic());
    room.strings = { send: 'Senden', noPeers: 'Noch niemand da.', emptyLog: 'Noch keine Nachrichten.' };
    await room.updateComplete;
    await peerListOf(room).updateComplete;
    await messageLogOf(room).updateComplete; // the log draws at the next frame
    expect(inShadow(composerOf(room), '[part="send-button"]')!.textContent).to.equal('Senden');
    expect(inShadow(peerListOf(room), '[part="empty"]')!.textContent).to.equal('Noch niemand da.');
    expect(inShadow(messageLogOf(room), '[part="empty"]')!.textContent).to.equal('Noch keine Nachrichten.');
  });

  it('connects two browsers, verifies both, and chats through the composer', async () => {
    const topic = newTopic();
    const seen: { verified: VerifiedEvent[]; chat: ChatMessageEvent[] } = { verified: [], chat: [] };
    const onVerified = (e: VerifiedEvent) => seen.verified.push(e);
    const onChat = (e: ChatMessageEvent) => seen.chat.push(e);
    document.body.addEventListener('verified', onVerified);
    document.body.addEventListener('chatmessage', onChat);
    try {
      const room = localRoom(topic, { name: 'Alice', 'auto-accept': 'all', class: 'themed' });
      const page = await openRemoteRoom(roomAttributes(topic, { name: 'Bob', 'auto-accept': 'all' }));
      await waitForPeer(room, 'Bob');
      await remoteUntil(page, remoteProbe.peerInState('Alice', 'verified'));
      expect(peerRows(peerListOf(room))).to.deep.equal([{ name: 'Bob', state: 'verified', badge: 'first meeting' }]);
      // The events bubble out of the room.
      expect(seen.verified.map((e) => [e.peer.name, e.trust, e.bubbles, e.composed])).to.deep.equal([['Bob', 'pinned', true, true]]);

      // A person clicks into the composer, types two lines and clicks Send.
      const input = inShadow<HTMLTextAreaElement>(composerOf(room), '[part="input"]')!;
      const send = inShadow<HTMLButtonElement>(composerOf(room), '[part="send-button"]')!;
      await until(() => !send.disabled, 'send enabled');
      expect(inShadow(composerOf(room), '[part="hint"]')!.hidden).to.be.true;
      await click(input);
      await sendKeys({ type: 'Hello Bob' });
      await press('Shift+Enter');
      await sendKeys({ type: 'second line' });
      await click(send);
      expect(input.value).to.equal('');
      expect(deepActiveElement()).to.equal(input); // ready for the next message
      const atBob = await remoteUntil<{ text: string; sender: string }[]>(page, remoteProbe.messageText('Hello Bob\nsecond line'));
      expect(atBob).to.deep.equal([{ text: 'Hello Bob\nsecond line', sender: 'Alice' }]);

      // Enter alone sends.
      await sendKeys({ type: 'and by Enter' });
      await sendKeys({ press: 'Enter' });
      await remoteUntil(page, remoteProbe.messageText('and by Enter'));

      // Bob answers from his composer.
      await remoteSend(page, 'Hi Alice');
      const log = messageLogOf(room);
      await until(() => messages(log).some((m) => m.text === 'Hi Alice'), 'the answer in the log');
      await until(
        () =>
          messages(log)
            .filter((m) => m.own)
            .every((m) => m.delivery === 'delivered'),
        'own messages delivered',
      );
      expect(messages(log)).to.deep.equal([
        { sender: 'You', text: 'Hello Bob\nsecond line', own: true, delivery: 'delivered' },
        { sender: 'You', text: 'and by Enter', own: true, delivery: 'delivered' },
        { sender: 'Bob', text: 'Hi Alice', own: false, delivery: null },
      ]);
      expect(systemLines(log)).to.deep.equal(['Bob joined.', 'Bob is verified.']);
      expect(seen.chat.map((e) => [e.peer.name, e.text, e.bubbles, e.composed])).to.deep.equal([['Bob', 'Hi Alice', true, true]]);

      // The safety code is the same on both sides.
      const list = peerListOf(room);
      inShadow<HTMLButtonElement>(list, '[part="code-button"]')!.click();
      await list.updateComplete;
      const code = inShadow(list, '[part="safety-code"] code')!.textContent;
      const bobsCode = await remoteDo<string>(
        page,
        `(room) => { const list = room.shadowRoot.querySelector('rt-peer-list'); list.shadowRoot.querySelector('[part="code-button"]').click(); return list.updateComplete.then(() => list.shadowRoot.querySelector('[part="safety-code"] code').textContent); }`,
      );
      expect(code).to.match(/^\d{5}( \d{5}){5}$/);
      expect(bobsCode).to.equal(code);

      // The page styles parts of the built-in layout from outside.
      const style = document.createElement('style');
      style.textContent = `
        rt-chat-room.themed::part(message) { border-top: 3px solid rgb(1, 2, 3); }
        rt-chat-room.themed::part(send-button) { background-color: rgb(4, 5, 6); }
        rt-chat-room.themed { --rt-accent: rgb(0, 80, 40); }`;
      document.head.append(style);
      try {
        const ownMessage = inShadow(log, '[part~="own"]')!;
        expect(getComputedStyle(ownMessage).borderTopColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(ownMessage).backgroundColor).to.equal('rgb(0, 80, 40)');
        expect(getComputedStyle(send).backgroundColor).to.equal('rgb(4, 5, 6)');
      } finally {
        style.remove();
      }

      await expect(room).to.be.accessible();
      await colorScheme('dark');
      await expect(room).to.be.accessible();

      // Back later (same browser profile and room): the conversation is shown again.
      room.remove();
      const again = localRoom(topic, { name: 'Alice', storage: room.getAttribute('storage')! });
      await again.updateComplete;
      const againLog = messageLogOf(again);
      await until(() => messages(againLog).length === 3, 'the earlier conversation');
      expect(messages(againLog).map((m) => [m.sender, m.text])).to.deep.equal([
        ['You', 'Hello Bob\nsecond line'],
        ['You', 'and by Enter'],
        ['Bob', 'Hi Alice'],
      ]);
    } finally {
      document.body.removeEventListener('verified', onVerified);
      document.body.removeEventListener('chatmessage', onChat);
    }
  });

  it('lets a page listener take the connection decision (preventDefault, then accept)', async () => {
    const topic = newTopic();
    const room = localRoom(topic, { name: 'Alice' });
    await joined(room); // Alice is here first: Bob knocks, she decides
    const requests: ConnectionRequestEvent[] = [];
    room.addEventListener('connectionrequest', (e) => {
      e.preventDefault();
      requests.push(e);
    });
    await openRemoteRoom(roomAttributes(topic, { name: 'Bob', 'auto-accept': 'all' }));
    const request = await until(() => requests[0], 'a connection request');
    expect(request.peer.name).to.equal('Bob');
    expect([request.bubbles, request.composed, request.cancelable]).to.deep.equal([true, true, true]);
    // The page is deciding: the built-in prompt stays out of it.
    await new Promise((r) => setTimeout(r, 300));
    expect(inShadow(peerListOf(room), '[part="prompt"]')).to.equal(null);
    request.accept();
    await waitForPeer(room, 'Bob');
  });

  it('asks with the built-in prompt when a newcomer knocks, and Accept connects', async () => {
    const topic = newTopic();
    const room = localRoom(topic, { name: 'Alice' });
    await joined(room);
    const page = await openRemoteRoom(roomAttributes(topic, { name: 'Bob', 'auto-accept': 'all' }));
    const list = peerListOf(room);
    const accept = await until(() => inShadow(list, '[part="accept-button"]'), 'the Accept button');
    expect(inShadow(list, '[part="prompt-text"]')!.textContent).to.equal('Bob wants to join.');
    await expect(room).to.be.accessible();
    await click(accept);
    await waitForPeer(room, 'Bob');
    await remoteUntil(page, remoteProbe.peerInState('Alice', 'verified'));
    // Bob, the newcomer, was never asked.
    expect(
      await remoteDo(page, `(room) => room.client.requests.length + room.shadowRoot.querySelector('rt-peer-list').shadowRoot.querySelectorAll('[part="prompt"]').length`),
    ).to.equal(0);
  });

  it('asks with the built-in prompt, and Not now keeps the newcomer out, tells him, and keeps him in the Not now list', async () => {
    const topic = newTopic();
    const room = localRoom(topic, { name: 'Alice' });
    await joined(room);
    const page = await openRemoteRoom(roomAttributes(topic, { name: 'Bob', 'auto-accept': 'all' }));
    const list = peerListOf(room);
    const notNow = await until(() => inShadow(list, '[part="decline-button"]'), 'the Not now button');
    expect(notNow.textContent).to.equal('Not now');
    await click(notNow);
    await until(() => inShadow(list, '[part="not-now-peer"]'), 'Bob in the Not now list');
    expect(inShadow(list, '[part="prompt"]')).to.equal(null);
    expect(inShadow(list, '[part="not-now-peer"] [part="peer-name"]')!.textContent).to.equal('Bob');
    expect(peerRows(list), 'Bob is listed once, in the Not now list').to.deep.equal([]);
    await remoteUntil(page, remoteProbe.peerInState('Alice', 'Alice said not now'));
    // We never offer to Bob, and would refuse his offer: he is not connected to us.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await remoteDo(page, `(room) => window.roomEvents.filter((e) => e.type === 'verified').length`)).to.equal(0);
    expect(room.client!.notNow.map((r) => r.peer.name)).to.deep.equal(['Bob']);
    await expect(room).to.be.accessible();
  });

  it('rejoins when an attribute changes: the old room and its peer are left behind', async () => {
    const topic = newTopic();
    const room = localRoom(topic, { name: 'Alice', 'auto-accept': 'all' });
    const page = await openRemoteRoom(roomAttributes(topic, { name: 'Bob', 'auto-accept': 'all' }));
    await waitForPeer(room, 'Bob');
    const before = room.client!;

    room.setAttribute('topic', newTopic());
    await room.updateComplete;
    expect(room.client !== before, 'room.client !== before').to.be.true;
    expect(before.state).to.equal('closed');
    const list = peerListOf(room);
    await until(() => peerRows(list).length === 0, 'Bob gone from the list');
    expect(inShadow(list, '[part="empty"]')!.textContent).to.equal('Nobody else is here yet.');
    await messageLogOf(room).updateComplete; // the log draws at the next frame
    expect(systemLines(messageLogOf(room)).at(-1)).to.equal('Rejoined the room.');
    await remoteUntil(page, remoteProbe.peerInState('Alice', 'left'));

    // Renaming keeps the connection: the same client, a new name.
    const client = room.client!;
    room.setAttribute('name', 'Alicia');
    await until(() => client.name === 'Alicia', 'renamed');
    expect(room.client === client, 'room.client === client').to.be.true;
  });

  it('applies a new auto-accept in place: a waiting request goes through, no rejoin', async () => {
    const topic = newTopic();
    const room = localRoom(topic, { name: 'Alice' });
    await joined(room);
    expect(room.client!.autoAccept, 'absent: the client default').to.equal('trusted');
    await openRemoteRoom(roomAttributes(topic, { name: 'Bob', 'auto-accept': 'all' }));
    await until(() => inShadow(peerListOf(room), '[part="prompt"]'), 'the prompt');
    const client = room.client!;
    room.setAttribute('auto-accept', 'all');
    await waitForPeer(room, 'Bob');
    expect(room.client === client, 'the same client').to.be.true;
    expect(client.autoAccept).to.equal('all');
    room.setAttribute('auto-accept', 'sometimes');
    await room.updateComplete;
    expect(inShadow(room, '[part="connection-status"]')!.textContent).to.match(/^Cannot start: auto-accept must be "all", "trusted" or "none"/);
    room.setAttribute('auto-accept', 'none');
    await room.updateComplete;
    expect(room.client, 'joined again once the attribute is fixed').to.exist;
    expect(room.client!.autoAccept, 'none: ask about everyone').to.equal(false);
    room.removeAttribute('auto-accept');
    await room.updateComplete;
    expect(room.client!.autoAccept).to.equal('trusted');
  });

  it('shows a name and a message holding HTML as inert text', async () => {
    const topic = newTopic();
    const evilName = '<img src=x onerror="window.pwned=1">';
    const evilText = '<script>window.pwned=2</script><img src=x onerror="window.pwned=3">';
    const room = localRoom(topic, { name: 'Alice', 'auto-accept': 'all' });
    const page = await openRemoteRoom(roomAttributes(topic, { name: evilName, 'auto-accept': 'all' }));
    await waitForPeer(room, evilName);
    await remoteSend(page, evilText);
    const log = messageLogOf(room);
    await until(() => messages(log).length === 1, 'the message');
    expect(messages(log)[0]).to.include({ sender: evilName, text: evilText });
    expect(peerRows(peerListOf(room))[0].name).to.equal(evilName);
    await new Promise((r) => setTimeout(r, 100));
    for (const root of [room.shadowRoot!, log.shadowRoot!, peerListOf(room).shadowRoot!]) expect(root.querySelectorAll('img, script')).to.have.length(0);
    expect((window as any).pwned).to.equal(undefined);
  });

  it('leaves the room when removed from the document, not when moved', async () => {
    const room = localRoom(newTopic());
    await room.updateComplete;
    const client = room.client!;
    document.body.prepend(room); // a move: disconnected and connected in one task
    await new Promise((r) => setTimeout(r));
    expect(room.client === client, 'room.client === client').to.be.true;
    expect(client.state).to.not.equal('closed');
    room.remove();
    await until(() => client.state === 'closed', 'closed');
    expect(room.client === undefined, 'room.client === undefined').to.be.true;
  });

  it('says it is offline while no broker can be reached', async () => {
    const room = localRoom(newTopic(), { brokers: 'ws://127.0.0.1:9/mqtt' });
    await room.updateComplete;
    const status = inShadow(room, '[part="connection-status"]')!;
    await until(() => status.textContent === 'Offline, retrying…', 'offline');
    await expect(room).to.be.accessible();
  });

  it('shows why it cannot start when an attribute is wrong', async () => {
    const room = localRoom(newTopic(), { 'ice-servers': 'not json' });
    await room.updateComplete;
    expect(room.client === undefined, 'room.client === undefined').to.be.true;
    expect(inShadow(room, '[part="connection-status"]')!.textContent).to.match(/^Cannot start: ice-servers must be JSON/);
    room.setAttribute('ice-servers', '[]');
    await room.updateComplete;
    expect(room.client !== undefined, 'room.client !== undefined').to.be.true;
  });
});
