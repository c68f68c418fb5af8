import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { browserMissing, closePeers, thisBrowser } from '../harness/peer.js';
import { click, inShadow, until } from './dom.js';
import { joined, localRoom, newTopic, removeLocalRooms, waitForPeer } from './local-room.js';
import { openRemoteRoom, remoteAttach, remoteDo, remoteSend, remoteUntil, roomAttributes } from './remote-room.js';
import { composerOf, fileLines, messageLogOf, messages, peerListOf, remoteClickInLog, remoteFileLines, remoteProbe } from './room-view.js';

// Chromium and Firefox talk to each other: this page in the browser the suite runs in, the
// other person in the other browser (a separate process and profile), a real broker and
// real WebRTC between them. Firefox offers and answers differently from Chromium (lower-case
// ICE credentials, a session-level fingerprint), so each suite checks both directions of
// the handshake's roles across the two engines.

const sha256 = async (blob: Blob) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join('');

const here = thisBrowser();
const other = here === 'firefox' ? 'chromium' : 'firefox';
// The other browser must be installed (.ci/run installs both; CI=1 makes a missing one fail).
const missing = await browserMissing(other);

describe(`${here} and ${other}`, function () {
  this.timeout(90_000);

  afterEach(async () => {
    removeLocalRooms();
    await closePeers();
  });

  (missing ? it.skip : it)(`a ${here} page and a ${other} page verify each other and exchange messages and a file${missing ? ` (not run: ${missing})` : ''}`, async () => {
    const topic = newTopic();
    const room = localRoom(topic, { name: 'Alice', 'auto-accept': 'all' });
    await joined(room);
    const page = await openRemoteRoom(roomAttributes(topic, { name: 'Bob', 'auto-accept': 'all' }), 'new-context', other);
    expect(await remoteDo<string>(page, `() => navigator.userAgent.includes('Firefox/') ? 'firefox' : 'chromium'`), 'the other page runs in the other browser').to.equal(other);

    // Verified on both sides, with the same safety code.
    await waitForPeer(room, 'Bob');
    await remoteUntil(page, remoteProbe.peerInState('Alice', 'verified'), 30_000);
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

    // Messages both ways.
    const log = messageLogOf(room);
    const input = inShadow<HTMLTextAreaElement>(composerOf(room), '[part="input"]')!;
    const send = inShadow<HTMLButtonElement>(composerOf(room), '[part="send-button"]')!;
    await until(() => !send.disabled, 'send enabled');
    await click(input);
    await sendKeys({ type: `Hello from ${here}` });
    await sendKeys({ press: 'Enter' });
    expect(await remoteUntil(page, remoteProbe.messageText(`Hello from ${here}`))).to.deep.equal([{ text: `Hello from ${here}`, sender: 'Alice' }]);
    await remoteSend(page, `Hello from ${other}`);
    await until(() => messages(log).some((m) => m.text === `Hello from ${other}`), `the message from ${other}`);
    await until(() => messages(log).every((m) => !m.own || m.delivery === 'delivered'), 'own message delivered');
    expect(messages(log)).to.deep.equal([
      { sender: 'You', text: `Hello from ${here}`, own: true, delivery: 'delivered' },
      { sender: 'Bob', text: `Hello from ${other}`, own: false, delivery: null },
    ]);

    // Bob sends a file; Alice accepts it and gets the same bytes.
    const size = 1024 * 1024 + 3;
    const hash = await remoteAttach(page, size, 'from-bob.bin');
    await until(() => fileLines(log).length === 1, 'the offer');
    expect(fileLines(log).map((l) => [l.name.startsWith('from-bob.bin '), l.status, l.buttons])).to.deep.equal([[true, ['wants to send you this file'], ['Accept', 'Decline']]]);
    await click(inShadow(log, '[part="accept-button"]')!);
    const link = await until(() => inShadow<HTMLAnchorElement>(log, '[part="download"]'), 'the download link', 45_000);
    const blob = await (await fetch(link.href)).blob();
    expect(blob.size).to.equal(size);
    expect(await sha256(blob)).to.equal(hash);
    await remoteUntil(page, `(room) => (${remoteFileLines})(room)[0].status[0] === 'sent'`, 30_000);
    // The other way: Alice's file reaches Bob whole.
    const mine = new File([new Uint8Array(300_000).map((_, i) => (i * 7) & 255)], 'from-alice.bin');
    const picker = inShadow<HTMLInputElement>(composerOf(room), 'input[type="file"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(mine);
    picker.files = transfer.files;
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await remoteUntil(page, remoteClickInLog('accept-button'), 30_000);
    await remoteUntil(page, `(room) => !!room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelector('[part="download"]')`, 30_000);
    const bobGot = await remoteDo<string>(
      page,
      `async (room) => { const a = room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelector('[part="download"]'); const d = await crypto.subtle.digest('SHA-256', await (await fetch(a.href)).arrayBuffer()); return Array.from(new Uint8Array(d), (x) => x.toString(16).padStart(2, '0')).join(''); }`,
    );
    expect(bobGot).to.equal(await sha256(mine));
  });
});
