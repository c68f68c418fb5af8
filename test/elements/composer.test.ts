import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PeerStateEvent } from '../../src/core/events/index.js';
import type { PeerState } from '../../src/core/peer/peer.js';
import '../../src/elements/define.js';
import type { RTChatRoom } from '../../src/elements/chat-room/chat-room.js';
import type { RTComposer } from '../../src/elements/composer/composer.js';
import type { RTPeerSelectEvent } from '../../src/elements/index.js';
import type { RTPeerList } from '../../src/elements/peer-list/peer-list.js';
import { allInShadow, click, deepActiveElement, inShadow, pasteFile, press, until } from './dom.js';
import { FakeClient, fakePeer, sentTo } from './fake-client.js';
import { roomAttributes } from './remote-room.js';

// The composer on its own, fed by a stand-in client; and beside a peer list in a room the page
// arranges. Sending between two real browsers is in chat-room.test.ts and rich-chat.test.ts.

const composerWith = (client: FakeClient) => fixture<RTComposer>(html`<rt-composer .client=${client.asClient}></rt-composer>`);

/** The next `peerselect` on `target`. */
const nextPeerSelect = (target: EventTarget) => oneEvent(target, 'peerselect') as unknown as Promise<RTPeerSelectEvent>;

const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) => inShadow<T>(el, `[part="${name}"]`)!;

/** A client with one verified peer, Bob. */
function clientWithBob() {
  const client = new FakeClient();
  const bob = fakePeer({ name: 'Bob' });
  client.peers.push(bob);
  return { client, bob };
}

/** Files in a DataTransfer, as a drag or the clipboard carries them. */
function transferOf(...files: File[]): DataTransfer {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
}

describe('<rt-composer>', () => {
  it('is accessible: with nobody to write to, with a verified peer, and writing to one peer', async () => {
    const client = new FakeClient();
    const el = await composerWith(client);
    await expect(el).to.be.accessible();

    const bob = fakePeer({ name: 'Bob' });
    client.peers.push(bob);
    client.dispatchEvent(new PeerStateEvent({ peer: bob, previous: 'connected' }));
    await el.updateComplete;
    await expect(el).to.be.accessible();

    el.to = bob;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('says why it cannot send while nobody is verified, and enables Send when someone is', async () => {
    const client = new FakeClient();
    const el = await composerWith(client);
    expect(part<HTMLButtonElement>(el, 'send-button').disabled).to.be.true;
    expect(part<HTMLButtonElement>(el, 'attach-button').disabled).to.be.true;
    expect(part(el, 'hint').hidden).to.be.false;
    expect(part(el, 'hint').textContent).to.equal('Nobody to write to yet: you can send once someone has joined and been checked.');

    const bob = fakePeer({ name: 'Bob', state: 'connected' });
    client.peers.push(bob);
    client.dispatchEvent(new PeerStateEvent({ peer: bob, previous: 'connecting' }));
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'send-button').disabled, 'not yet verified').to.be.true;

    (bob as { state: PeerState }).state = 'verified';
    client.dispatchEvent(new PeerStateEvent({ peer: bob, previous: 'connected' }));
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'send-button').disabled).to.be.false;
    expect(part<HTMLButtonElement>(el, 'attach-button').disabled).to.be.false;
    expect(part(el, 'hint').hidden).to.be.true;
  });

  it('sends with Enter, starts a new line with Shift+Enter, and keeps the focus after Send', async () => {
    const { client } = clientWithBob();
    const el = await composerWith(client);
    const input = part<HTMLTextAreaElement>(el, 'input');
    expect(input.maxLength).to.equal(16384);

    el.focus();
    expect(deepActiveElement()).to.equal(input);
    await sendKeys({ type: 'Hello' });
    await press('Shift+Enter');
    await sendKeys({ type: 'world' });
    expect(client.broadcasts).to.deep.equal([]);
    await sendKeys({ press: 'Enter' });
    expect(client.broadcasts).to.deep.equal(['Hello\nworld']);
    expect(input.value).to.equal('');

    // Blank text is not sent.
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    expect(client.broadcasts).to.have.length(1);

    input.value = 'by the button';
    await click(part(el, 'send-button'));
    expect(client.broadcasts).to.deep.equal(['Hello\nworld', 'by the button']);
    expect(deepActiveElement()).to.equal(input);
  });

  it('has a short placeholder and a label, and says its keys as its description', async () => {
    const { client } = clientWithBob();
    const el = await composerWith(client);
    const input = part<HTMLTextAreaElement>(el, 'input');
    expect(input.placeholder).to.equal('Write a message…');
    expect(input.getAttribute('aria-label')).to.equal('Message');
    const described = input
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => el.shadowRoot!.getElementById(id)!.textContent);
    expect(described[0]).to.equal('Enter sends. Shift+Enter starts a new line.');
  });

  it('grows with its text, one line at a time, up to six lines, then scrolls; it has no resize grip', async () => {
    const { client } = clientWithBob();
    const el = await composerWith(client);
    const input = part<HTMLTextAreaElement>(el, 'input');
    expect(getComputedStyle(input).resize).to.equal('none');
    const heights = [input.getBoundingClientRect().height];
    el.focus();
    await sendKeys({ type: 'line 1' });
    for (let line = 2; line <= 9; line++) {
      await press('Shift+Enter');
      await sendKeys({ type: `line ${line}` });
      heights.push(input.getBoundingClientRect().height);
    }
    const lineHeight = parseFloat(getComputedStyle(input).lineHeight);
    // Lines 1 to 6: each one taller by a line; from the 7th on, the same height, and it scrolls.
    for (let i = 1; i < 6; i++) expect(heights[i] - heights[i - 1], `line ${i + 1}`).to.be.closeTo(lineHeight, 1);
    expect(heights.slice(5)).to.deep.equal(Array(4).fill(heights[5]));
    expect(input.scrollHeight).to.be.greaterThan(input.clientHeight);

    // Sent: back to one line.
    await sendKeys({ press: 'Enter' });
    expect(input.getBoundingClientRect().height).to.equal(heights[0]);
  });

  it('does not send the Enter that confirms an input method composition', async () => {
    const { client } = clientWithBob();
    const el = await composerWith(client);
    const input = part<HTMLTextAreaElement>(el, 'input');
    input.value = 'にほんご';
    for (const init of [{ isComposing: true }, { keyCode: 229 }]) {
      const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, composed: true, ...init });
      input.dispatchEvent(enter);
      expect(enter.defaultPrevented).to.be.false;
    }
    expect(client.broadcasts).to.deep.equal([]);
    expect(input.value).to.equal('にほんご');
  });

  it('leaves Escape to the page when writing to the room: the text stays', async () => {
    const { client } = clientWithBob();
    const el = await composerWith(client);
    el.focus();
    await sendKeys({ type: 'draft' });
    const escapes: KeyboardEvent[] = [];
    const listener = (e: KeyboardEvent) => e.key === 'Escape' && escapes.push(e);
    document.addEventListener('keydown', listener);
    await sendKeys({ press: 'Escape' });
    document.removeEventListener('keydown', listener);
    expect(escapes.map((e) => e.defaultPrevented)).to.deep.equal([false]);
    expect(part<HTMLTextAreaElement>(el, 'input').value).to.equal('draft');
  });

  it('tells the room when we type, but not while writing to one peer', async () => {
    const { client, bob } = clientWithBob();
    const el = await composerWith(client);
    el.focus();
    await sendKeys({ type: 'a' });
    expect(client.typings).to.equal(1);

    el.to = bob;
    await el.updateComplete;
    el.focus();
    await sendKeys({ type: 'b' });
    expect(client.typings).to.equal(1);
  });

  it('writes to one peer: says so, sends to that peer only, and Escape goes back with peerselect', async () => {
    const { client, bob } = clientWithBob();
    const el = await composerWith(client);
    el.to = bob;
    await el.updateComplete;
    expect(part(el, 'direct-target').textContent).to.match(/^\s*To: Bob\s*Back to the room\s*$/);
    const input = part<HTMLTextAreaElement>(el, 'input');
    expect(input.placeholder).to.equal('Write to Bob only');
    expect(input.getAttribute('aria-label')).to.equal('To: Bob');

    el.focus();
    await sendKeys({ type: 'just for you' });
    await sendKeys({ press: 'Enter' });
    expect(sentTo(bob)).to.deep.equal(['just for you']);
    expect(client.broadcasts).to.deep.equal([]);

    const back = nextPeerSelect(el);
    const escape = oneEvent(document, 'keydown') as unknown as Promise<KeyboardEvent>;
    await sendKeys({ press: 'Escape' });
    expect((await escape).defaultPrevented, 'Escape is taken: a panel around it stays open').to.be.true;
    const event = await back;
    expect([event.peer, event.bubbles, event.composed]).to.deep.equal([null, true, true]);
    await el.updateComplete;
    expect(el.to).to.equal(null);
    expect(inShadow(el, '[part="direct-target"]')).to.equal(null);
  });

  it('says when the chosen peer is away, and "Back to the room" returns', async () => {
    const { client, bob } = clientWithBob();
    const el = await composerWith(client);
    el.to = bob;
    (bob as { state: PeerState }).state = 'closed';
    client.dispatchEvent(new PeerStateEvent({ peer: bob, previous: 'verified' }));
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'send-button').disabled).to.be.true;
    expect(part(el, 'hint').textContent).to.equal('Bob is not connected right now. Wait, or go back to the room.');

    const back = nextPeerSelect(el);
    await click(part(el, 'back-button'));
    expect((await back).peer).to.equal(null);
    await el.updateComplete;
    expect(inShadow(el, '[part="direct-target"]')).to.equal(null);
    expect(deepActiveElement()).to.equal(part(el, 'input'));
  });

  it('sends files from the attach button, a paste and a drop onto it; says what went wrong', async () => {
    const { client, bob } = clientWithBob();
    const el = await composerWith(client);

    const fileInput = inShadow<HTMLInputElement>(el, 'input[type="file"]')!;
    fileInput.files = transferOf(new File(['a'], 'chosen.txt')).files;
    fileInput.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => client.filesSent.length === 1, 'the chosen file');

    const paste = pasteFile(part(el, 'input'), new File(['b'], 'pasted.png', { type: 'image/png' }));
    expect(paste.prevented, 'pasted as a file, not as text').to.be.true;
    await until(() => client.filesSent.length === 2, 'the pasted file');

    const data = transferOf(new File(['c'], 'dropped.txt'));
    part(el, 'base').dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    expect(el.matches(':state(dragging)'), 'shows it takes the drop').to.be.true;
    const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
    part(el, 'input').dispatchEvent(drop);
    expect(drop.defaultPrevented, 'the browser does not open the file').to.be.true;
    expect(el.matches(':state(dragging)')).to.be.false;
    await until(() => client.filesSent.length === 3, 'the dropped file');

    el.to = bob;
    await el.sendFiles([new File(['d'], 'for-bob.txt')]);
    expect(client.filesSent.map((f) => [f.name, f.to?.name ?? null])).to.deep.equal([
      ['chosen.txt', null],
      ['pasted.png', null],
      ['dropped.txt', null],
      ['for-bob.txt', 'Bob'],
    ]);

    client.maxFileSize = 1;
    await el.sendFiles([new File(['too big'], 'big.bin')]);
    await el.updateComplete;
    expect(part(el, 'notice').textContent).to.equal('big.bin is too large to send.');

    client.peers.length = 0;
    el.to = null;
    await el.sendFiles([new File(['e'], 'nobody.txt')]);
    await el.updateComplete;
    expect(part(el, 'notice').textContent).to.equal('Nobody to write to yet: you can send once someone has joined and been checked.');
    expect(client.filesSent).to.have.length(4);
  });

  it('takes replacement strings', async () => {
    const el = await composerWith(new FakeClient());
    el.strings = { send: 'Senden', nobodyVerified: 'Noch niemand da.' };
    await el.updateComplete;
    expect(part(el, 'send-button').textContent).to.equal('Senden');
    expect(part(el, 'hint').textContent).to.equal('Noch niemand da.');
  });
});

describe('<rt-composer> beside a selectable <rt-peer-list> in a room the page arranges', function () {
  this.timeout(20_000);
  let room: RTChatRoom;

  afterEach(() => room?.remove());

  it('writes to the peer chosen in the list, and the list follows the way back', async () => {
    const { client, bob } = clientWithBob();
    room = document.createElement('rt-chat-room');
    for (const [name, value] of Object.entries(roomAttributes(`composer-${crypto.randomUUID()}`))) room.setAttribute(name, value);
    room.innerHTML = '<rt-peer-list selectable></rt-peer-list><rt-composer></rt-composer>';
    document.body.append(room);
    const list = room.querySelector<RTPeerList>('rt-peer-list')!;
    const composer = room.querySelector<RTComposer>('rt-composer')!;
    await room.updateComplete;
    expect(composer.client === room.client, 'the composer writes through the room').to.be.true;
    // The pieces show the stand-in client; they still hear each other through the room.
    list.client = client.asClient;
    composer.client = client.asClient;
    await list.updateComplete;

    const message = allInShadow<HTMLButtonElement>(list, '[part="message-button"]')[0]!;
    const chosen = nextPeerSelect(room);
    await click(message);
    expect((await chosen).peer).to.equal(bob);
    await composer.updateComplete;
    expect(composer.to).to.equal(bob);
    expect(part(composer, 'direct-target').textContent).to.match(/To: Bob/);
    expect(deepActiveElement()).to.equal(part(composer, 'input'));
    expect(message.getAttribute('aria-pressed')).to.equal('true');

    await sendKeys({ press: 'Escape' });
    await list.updateComplete;
    await composer.updateComplete;
    expect(composer.to).to.equal(null);
    expect(message.getAttribute('aria-pressed')).to.equal('false');

    // room.sendFiles goes through the page's composer.
    await room.sendFiles([new File(['x'], 'via-room.txt')]);
    expect(client.filesSent.map((f) => f.name)).to.deep.equal(['via-room.txt']);
    await expect(room).to.be.accessible();
  });
});
