import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RTChatRoom } from '../../src/elements/chat-room/chat-room.js';
import type { FileProgressEvent, FileReceivedEvent, ReactionEvent, TypingEvent } from '../../src/core/index.js';
import type { RTUnreadChangeEvent } from '../../src/elements/index.js';
import { closePeers } from '../harness/peer.js';
import { allInShadow, click, deepActiveElement, inShadow, pasteFile, until } from './dom.js';
import { localRoom, newTopic, removeLocalRooms, waitForPeer } from './local-room.js';
import { openRemoteRoom, remoteAttach, remoteDo, remoteSend, remoteUntil, roomAttributes } from './remote-room.js';
import { composerOf, fileLines, messageLogOf, messages, peerListOf, remoteClickInLog, remoteComposerRoot, remoteFileLines, remoteProbe } from './room-view.js';

// Files, direct messages, typing, reactions and notifications between rooms in separate
// browser contexts (own profiles, own keys), through a real broker and real WebRTC, used
// the way a person uses them: buttons, the file input, drag and drop, paste, the keyboard.

const sha256 = async (blob: Blob) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join('');

/** Everything the room fired of `types`, in order. */
function record<T extends Event>(room: RTChatRoom, ...types: string[]): T[] {
  const seen: T[] = [];
  for (const type of types) room.addEventListener(type, (e) => seen.push(e as T));
  return seen;
}

/** Alice in this page and Bob (or `bobName`) in another browser context, verified on both sides. */
async function pair(bobName = 'Bob', aliceExtra: Record<string, string> = {}) {
  const topic = newTopic();
  const room = localRoom(topic, { name: 'Alice', 'auto-accept': 'all', ...aliceExtra });
  const page = await openRemoteRoom(roomAttributes(topic, { name: bobName, 'auto-accept': 'all' }));
  await waitForPeer(room, bobName);
  await remoteUntil(page, remoteProbe.peerInState('Alice', 'verified'));
  await until(() => !inShadow<HTMLButtonElement>(composerOf(room), '[part="attach-button"]')!.disabled, 'attach enabled');
  return { room, page, topic, log: messageLogOf(room) };
}

/** Alice picks `file` with her attach button (the file input, as the chooser sets it). */
function attach(room: RTChatRoom, file: File): void {
  const data = new DataTransfer();
  data.items.add(file);
  const input = inShadow<HTMLInputElement>(composerOf(room), 'input[type="file"]')!;
  input.files = data.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * A PNG of `side`² noisy pixels (about half a megabyte at 400). Files in these tests are not tiny: a
 * file of a few bytes can fail on the receiving side under load (see the report on the
 * core's file channel closing), which is not what these tests are about.
 */
const png = (side = 400) =>
  new Promise<Blob>((resolve) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = side;
    const context = canvas.getContext('2d')!;
    const pixels = context.createImageData(side, side);
    crypto.getRandomValues(new Uint8Array(pixels.data.buffer, 0, 65_536));
    for (let i = 65_536; i < pixels.data.length; i += 65_536) pixels.data.copyWithin(i, 0, Math.min(65_536, pixels.data.length - i));
    for (let i = 3; i < pixels.data.length; i += 4) pixels.data[i] = 255;
    context.putImageData(pixels, 0, 0);
    canvas.toBlob((b) => resolve(b!), 'image/png');
  });

const remoteTyping = `(room) => room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelector('[part="typing"]').textContent`;

describe('<rt-chat-room> files, direct messages, typing, reactions, notifications', function () {
  this.timeout(60_000);

  afterEach(async () => {
    removeLocalRooms();
    await closePeers();
  });

  it('a file from the attach button arrives: Accept, progress on both sides, a link to the same bytes', async () => {
    const { room, page, log } = await pair();
    const events = record<FileProgressEvent | FileReceivedEvent>(room, 'fileprogress', 'filereceived');
    const name = '<img src=x onerror="window.pwned=1">.bin';
    const size = 3 * 1024 * 1024 + 5;
    const hash = await remoteAttach(page, size, name);

    // Alice sees the offer with name and size, and decides with the mouse.
    await until(() => fileLines(log).length === 1, 'the offer');
    expect(fileLines(log)).to.deep.equal([{ name: `${name} (3.1 MB)`, own: false, status: ['wants to send you this file'], buttons: ['Accept', 'Decline'] }]);
    expect(await remoteUntil(page, `(room) => { const l = (${remoteFileLines})(room); return l.length && l; }`)).to.deep.equal([
      { name: `${name} (3.1 MB)`, own: true, status: ['waiting for an answer'], buttons: ['Cancel'] },
    ]);
    await expect(room).to.be.accessible();
    await click(inShadow(log, '[part="accept-button"]')!);

    const link = await until(() => inShadow<HTMLAnchorElement>(log, '[part="download"]'), 'the download link', 30_000);
    expect(link.download).to.equal(name);
    expect(link.textContent).to.equal(`Save ${name}`);
    const blob = await (await fetch(link.href)).blob();
    expect(blob.size).to.equal(size);
    expect(await sha256(blob)).to.equal(hash);
    expect(fileLines(log)[0].buttons).to.deep.equal([]);
    await expect(room).to.be.accessible();

    // The room told the page: progress up to every byte, then the file, bubbling out of it.
    const progress = events.filter((e): e is FileProgressEvent => e.type === 'fileprogress');
    expect(progress.at(-1)!.transfer.bytes).to.equal(size);
    expect(progress.every((e) => e.bubbles && e.composed && e.peer.name === 'Bob')).to.be.true;
    const received = events.find((e): e is FileReceivedEvent => e.type === 'filereceived')!;
    expect([received.file.name, received.file.size, received.bubbles, received.composed]).to.deep.equal([name, size, true, true]);

    // Bob's side: sent, with progress events of his own.
    await remoteUntil(page, `(room) => (${remoteFileLines})(room)[0].status[0] === 'sent'`);
    const bobSaw = await remoteDo<{ type: string; bytes: number }[]>(page, `(room) => window.roomEvents.filter((e) => e.type === 'fileprogress')`);
    expect(bobSaw.at(-1)!.bytes).to.equal(size);

    // The name was text all along.
    for (const root of [room.shadowRoot!, log.shadowRoot!]) expect(root.querySelectorAll('img')).to.have.length(0);
    expect((window as any).pwned).to.equal(undefined);
  });

  it('a file dropped on the room and an image pasted into the composer reach the other side', async () => {
    const { room, page, log } = await pair();
    const content = 'dropped bytes\n'.repeat(40_000);
    const dropped = new File([content], 'dropped.txt', { type: 'text/plain' });
    const data = new DataTransfer();
    data.items.add(dropped);
    const base = inShadow(room, '[part="base"]')!;
    base.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await room.updateComplete;
    expect(inShadow(room, '[part="drop-zone"]')!.hidden, 'the drop zone shows').to.be.false;
    const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
    inShadow(messageLogOf(room), '[part="base"]')!.dispatchEvent(drop); // dropped on the log, inside the room
    expect(drop.defaultPrevented, 'the browser does not open the file').to.be.true;
    await room.updateComplete;
    expect(inShadow(room, '[part="drop-zone"]')!.hidden).to.be.true;

    await remoteUntil(page, `(room) => (${remoteFileLines})(room).length === 1`);
    await remoteDo(page, remoteClickInLog('accept-button'));
    const text = await remoteUntil<string>(
      page,
      `(room) => { const a = room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelector('[part="download"]'); return a && fetch(a.href).then((r) => r.text()); }`,
    );
    expect(text).to.equal(content);

    // An image pasted into the message field is sent, not typed.
    const input = inShadow<HTMLTextAreaElement>(composerOf(room), '[part="input"]')!;
    const paste = pasteFile(input, new File([await png()], 'image.png', { type: 'image/png' }));
    expect(paste.prevented).to.be.true;
    const image = paste.files[0];
    expect([image.name, image.type]).to.deep.equal(['image.png', 'image/png']);
    await remoteUntil(page, `(room) => (${remoteFileLines})(room).length === 2`);
    await remoteDo(page, remoteClickInLog('accept-button'));
    const preview = await remoteUntil<{ alt: string; width: number }>(
      page,
      `(room) => { const img = room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelector('[part="preview"]'); return img && img.complete && img.naturalWidth && { alt: img.alt, width: img.naturalWidth }; }`,
    );
    expect(preview).to.deep.equal({ alt: 'image.png', width: 400 });
    await until(() => fileLines(log).every((l) => l.status[0] === 'sent') && fileLines(log).length === 2, 'both sent');
    const lines = fileLines(log).map((l) => [l.own, l.name]);
    expect(lines[0]).to.deep.equal([true, 'dropped.txt (560 kB)']);
    // Sizes are formatted with Intl: "551 kB" or "550.6 kB" depending on the image's bytes.
    expect(lines[1][0]).to.be.true;
    const kb = image.size / 1e3;
    expect(lines[1][1]).to.match(new RegExp(`^image\\.png \\((${Math.floor(kb)}|${Math.round(kb)})(\\.\\d)? kB\\)$`));
  });

  it('a declined offer sends nothing', async () => {
    const { room, page, log } = await pair();
    const progress = record(room, 'fileprogress');
    await remoteAttach(page, 256 * 1024, 'unwanted.bin');
    await click(await until(() => inShadow(log, '[part="decline-button"]'), 'the Decline button'));
    await until(() => fileLines(log)[0]?.status[0] === 'declined', 'declined here');
    await remoteUntil(page, `(room) => (${remoteFileLines})(room)[0].status[0] === 'declined'`);
    expect(fileLines(log)[0].buttons).to.deep.equal([]);
    expect(progress).to.have.length(0);
    expect(await remoteDo(page, `(room) => window.roomEvents.filter((e) => e.type === 'fileprogress').length`)).to.equal(0);
  });

  it('cancels from the UI: the receiver mid-way, the sender before an answer', async () => {
    const { room, page, log } = await pair();
    // Receiver: Cancel as soon as the first bytes are in (a click is a task of its own).
    const size = 64 * 1024 * 1024;
    await remoteAttach(page, size, 'big.bin');
    let cancelledAt = -1;
    room.addEventListener('fileprogress', (e) => {
      if (cancelledAt >= 0 || e.transfer.bytes === 0) return;
      cancelledAt = e.transfer.bytes;
      setTimeout(() => inShadow<HTMLButtonElement>(log, '[part="cancel-button"]')!.click());
    });
    await click(await until(() => inShadow(log, '[part="accept-button"]'), 'the Accept button', 20_000));
    await until(() => fileLines(log)[0]?.status[0] === 'cancelled', 'cancelled here', 30_000);
    expect(cancelledAt).to.be.within(1, size - 1);
    await remoteUntil(page, `(room) => (${remoteFileLines})(room)[0].status[0] === 'cancelled'`);
    expect(inShadow(log, '[part="download"]')).to.equal(null);

    // Sender: Alice offers a file and takes it back before Bob answers.
    attach(room, new File(['never mind'], 'draft.txt', { type: 'text/plain' }));
    await remoteUntil(page, `(room) => { const l = (${remoteFileLines})(room); return l.length === 2 && l[1].buttons.includes('Accept'); }`);
    const cancel = await until(() => allInShadow(log, '[part~="own"] [part="cancel-button"]')[0], 'our Cancel button');
    await click(cancel);
    await until(() => fileLines(log)[1]?.status[0] === 'cancelled', 'cancelled by us');
    const bobs = await remoteUntil<{ status: string[]; buttons: string[] }[]>(
      page,
      `(room) => { const l = (${remoteFileLines})(room); return l[1].status[0] === 'cancelled' && l; }`,
    );
    expect(bobs[1].buttons).to.deep.equal([]);
  });

  it('a direct message reaches only its peer; the composer says who it is for', async () => {
    const topic = newTopic();
    const room = localRoom(topic, { name: 'Alice', 'auto-accept': 'all' });
    const bob = await openRemoteRoom(roomAttributes(topic, { name: 'Bob', 'auto-accept': 'all' }));
    const carol = await openRemoteRoom(roomAttributes(topic, { name: 'Carol', 'auto-accept': 'all' }));
    await waitForPeer(room, 'Bob');
    await waitForPeer(room, 'Carol');
    await remoteUntil(bob, remoteProbe.peerInState('Alice', 'verified'));
    await remoteUntil(carol, remoteProbe.peerInState('Alice', 'verified'));

    // Alice presses Message next to Bob: the composer writes to Bob only.
    const list = peerListOf(room);
    const bobRow = allInShadow(list, '[part="peer"]').find((li) => li.querySelector('[part="peer-name"]')!.textContent === 'Bob')!;
    const message = bobRow.querySelector<HTMLButtonElement>('[part="message-button"]')!;
    await click(message);
    await room.updateComplete;
    expect(message.getAttribute('aria-pressed')).to.equal('true');
    expect(inShadow(composerOf(room), '[part="direct-target"]')!.textContent).to.match(/^\s*To: Bob\s*Back to the room\s*$/);
    const input = inShadow<HTMLTextAreaElement>(composerOf(room), '[part="input"]')!;
    expect(deepActiveElement()).to.equal(input);
    expect(input.placeholder).to.equal('Write to Bob only');
    await expect(room).to.be.accessible();
    await sendKeys({ type: 'just for Bob' });
    await sendKeys({ press: 'Enter' });
    attach(room, new File(['for Bob'], 'bob.txt'));

    const atBob = await remoteUntil<{ text: string; direct: string | null }[]>(
      bob,
      `(room) => { const m = [...room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelectorAll('[part~="message"]')].map((li) => ({ text: li.querySelector('[part="body"]').textContent, direct: li.querySelector('[part="direct"]')?.textContent ?? null })); return m.length && m; }`,
    );
    expect(atBob).to.deep.equal([{ text: 'just for Bob', direct: 'to you only' }]);
    await remoteUntil(bob, `(room) => (${remoteFileLines})(room).length === 1`);
    const log = messageLogOf(room);
    await until(() => messages(log).length === 1, 'our message');
    expect(inShadow(log, '[part~="message"] [part="direct"]')!.textContent).to.equal('to Bob only');
    await until(() => fileLines(log).length === 1, 'our file line');
    expect(inShadow(log, '[part~="file"] [part="direct"]')!.textContent).to.equal('to Bob only');
    expect(allInShadow(log, '[part="transfer-peer"]').map((p) => p.textContent)).to.deep.equal(['Bob']);

    // Back to the room (by the keyboard: Escape in the message field); this one is for all.
    input.focus();
    await sendKeys({ press: 'Escape' });
    await room.updateComplete;
    expect(inShadow(composerOf(room), '[part="direct-target"]')).to.equal(null);
    expect(message.getAttribute('aria-pressed')).to.equal('false');
    await sendKeys({ type: 'for everyone' });
    await sendKeys({ press: 'Enter' });
    const atCarol = await remoteUntil<{ text: string }[]>(carol, remoteProbe.messageText('for everyone'));
    expect(atCarol.map((m) => m.text)).to.deep.equal(['for everyone']);
    expect(await remoteDo(carol, `(room) => (${remoteFileLines})(room).length`)).to.equal(0);
    await remoteUntil(bob, remoteProbe.messageText('for everyone'));
  });

  it('typing shows on the other side, then goes away', async () => {
    const evil = '<img src=x onerror="window.pwned=5">';
    const { room, page, log } = await pair(evil);
    const typing = record<TypingEvent>(room, 'typing');

    // Alice types: Bob sees it, for a few seconds after her last key.
    await click(inShadow(composerOf(room), '[part="input"]')!);
    await sendKeys({ type: 'Hel' });
    expect(await remoteUntil<string>(page, `(room) => (${remoteTyping})(room) || false`)).to.equal('Alice is typing…');
    expect(await remoteDo(page, `(room) => window.roomEvents.filter((e) => e.type === 'typing').map((e) => e.peer)`)).to.deep.equal(['Alice']);
    await remoteUntil(page, `(room) => (${remoteTyping})(room) === ''`, 10_000);

    // The other way round, with a name full of markup; the message ends the typing at once.
    await remoteDo(
      page,
      `(room) => { const t = ${remoteComposerRoot}.querySelector('textarea'); t.value = 'hi'; t.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true })); }`,
    );
    const line = inShadow(log, '[part="typing"]')!;
    await until(() => line.textContent === `${evil} is typing…`, 'Bob typing');
    expect(typing.map((e) => [e.peer.name, e.bubbles, e.composed])).to.deep.equal([[evil, true, true]]);
    await remoteSend(page, 'hi Alice');
    await until(() => messages(log).length === 1, 'his message');
    await log.updateComplete;
    expect(line.textContent).to.equal('');
    expect(log.shadowRoot!.querySelectorAll('img')).to.have.length(0);
    expect((window as any).pwned).to.equal(undefined);
  });

  it('a reaction shows with its count and who gave it on the other side, and can be taken back', async () => {
    const { room, page, log } = await pair();
    const reactions = record<ReactionEvent>(room, 'reaction');
    await remoteSend(page, 'react to this');
    await until(() => messages(log).length === 1, 'the message');

    // Alice opens the picker and chooses 👍.
    await click(inShadow(log, '[part="react-button"]')!);
    await click(await until(() => allInShadow(log, '[part="quick-reaction"]')[0], 'the picker'));
    const bobsReaction = `(room) => { const b = room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelector('[part="reaction"]'); return b ? { text: b.textContent.replace(/\\s+/g, ''), title: b.title, pressed: b.getAttribute('aria-pressed') } : null; }`;
    expect(await remoteUntil(page, bobsReaction)).to.deep.equal({ text: '👍1', title: '👍 Alice', pressed: 'false' });
    expect(reactions.map((e) => [e.peer, e.emoji, e.on, e.bubbles, e.composed])).to.deep.equal([[null, '👍', true, true, true]]);
    await expect(room).to.be.accessible();

    // Bob adds his: Alice sees two, hers pressed.
    await remoteDo(page, `(room) => room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelector('[part="reaction"]').click()`);
    const mine = inShadow<HTMLButtonElement>(log, '[part="reaction"]')!;
    await until(() => mine.textContent!.replace(/\s+/g, '') === '👍2', 'two reactions');
    expect([mine.title, mine.getAttribute('aria-pressed')]).to.deep.equal(['👍 You, Bob', 'true']);
    expect(reactions.at(-1)!.peer?.name).to.equal('Bob');

    // Alice presses hers again: taken back on both sides.
    await click(mine);
    await until(() => mine.textContent!.replace(/\s+/g, '') === '👍1', 'ours taken back');
    expect([mine.title, mine.getAttribute('aria-pressed')]).to.deep.equal(['👍 Bob', 'false']);
    expect(await remoteUntil(page, `(room) => { const r = (${bobsReaction})(room); return r && r.text === '👍1' && r; }`)).to.deep.equal({
      text: '👍1',
      title: '👍 You',
      pressed: 'true',
    });
    expect(reactions.at(-1)!.on).to.be.false;
  });

  it('counts unread messages while unseen, notifies with `notify`, and asks permission on a click', async () => {
    const realNotification = window.Notification;
    const shown: { title: string; body: string }[] = [];
    let asked = 0;
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission() {
        asked++;
        FakeNotification.permission = 'granted';
        return Promise.resolve(FakeNotification.permission);
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions) {
        shown.push({ title, body: options.body ?? '' });
      }
      close() {}
    }
    let visibility: DocumentVisibilityState = 'visible';
    (window as any).Notification = FakeNotification;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    try {
      const { room, page } = await pair('Bob', { notify: '' });
      const changes = record<RTUnreadChangeEvent>(room, 'unreadchange');
      expect(asked).to.equal(0);
      await click(inShadow(room, '[part="header"]')!); // the first click in the room asks
      expect(asked).to.equal(1);

      visibility = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
      await remoteSend(page, 'one');
      await remoteSend(page, 'two');
      await until(() => room.unread === 2, 'two unread');
      // At most one notification a second: the second message's comes when the second is up.
      await until(() => shown.length === 2, 'two notifications');
      expect(changes.map((e) => [e.unread, e.bubbles, e.composed])).to.deep.equal([
        [1, true, true],
        [2, true, true],
      ]);
      expect(shown).to.deep.equal([
        { title: 'Bob', body: 'one' },
        { title: 'Bob', body: 'two' },
      ]);

      visibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      expect(room.unread).to.equal(0);
      expect(changes.at(-1)!.unread).to.equal(0);

      // A room that is not rendered (a collapsed widget) counts too, without notifying.
      room.style.display = 'none';
      await remoteSend(page, 'three');
      await until(() => room.unread === 1, 'unread while collapsed');
      expect(shown).to.have.length(2);
      room.style.display = '';
      room.markRead();
      expect(room.unread).to.equal(0);
    } finally {
      (window as any).Notification = realNotification;
      delete (document as any).visibilityState;
    }
  });
});
