import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { RTChatRoom } from '../../src/elements/chat-room/chat-room.js';
import { closePeers, colorScheme } from '../harness/peer.js';
import { click, inShadow, until } from './dom.js';
import { joined, localRoom, newTopic, removeLocalRooms, waitForPeer } from './local-room.js';
import { openRemoteRoom, remoteAttach, remoteSend, remoteUntil, roomAttributes } from './remote-room.js';
import { composerOf, fileLines, messageLogOf, messages, peerListOf, remoteProbe } from './room-view.js';

// axe on the whole room in every state a person meets, each at desktop and phone size, in
// light and dark: alone, a request pending, connected with messages, the safety code open,
// the reaction picker open, files on their way. A real second person (another browser
// context, a real broker and WebRTC) brings each state about.

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** axe at every size and in every colour scheme; `open` puts back what a resize may fold (the phone's peer bar). */
async function accessibleEverywhere(room: RTChatRoom, state: string, open: () => Promise<void> = async () => {}): Promise<void> {
  for (const size of SIZES) {
    await setViewport({ width: size.width, height: size.height });
    await room.updateComplete;
    await open();
    for (const scheme of SCHEMES) {
      await colorScheme(scheme);
      await new Promise((r) => requestAnimationFrame(r));
      try {
        await expect(room).to.be.accessible();
      } catch (e) {
        throw new Error(`${state}, ${size.name}, ${scheme}: ${(e as Error).message}`);
      }
    }
  }
}

/** On a phone the peer list folds into a bar: unfolds it (no-op on a desktop). */
async function unfoldPeers(room: RTChatRoom): Promise<void> {
  const toggle = inShadow<HTMLButtonElement>(room, '[part="peers-toggle"]');
  if (toggle?.checkVisibility() && toggle.getAttribute('aria-expanded') === 'false') await click(toggle);
}

describe('accessibility of the room in every state, size and colour scheme', function () {
  this.timeout(120_000);

  afterEach(async () => {
    removeLocalRooms();
    await closePeers();
    await colorScheme('light');
    await setViewport({ width: 800, height: 600 });
  });

  it('has no axe violations from alone to files on their way', async () => {
    const topic = newTopic();
    const room = localRoom(topic, { name: 'Alice' });
    room.style.cssText = 'position: fixed; inset: 0; height: auto;';
    await joined(room);
    await until(() => inShadow(room, '[part="connection-status"]')!.textContent!.startsWith('Online'), 'online');
    await accessibleEverywhere(room, 'alone');

    // Bob knocks: the request waits for Alice.
    const page = await openRemoteRoom(roomAttributes(topic, { name: 'Bob', 'auto-accept': 'all' }));
    const list = peerListOf(room);
    const accept = await until(() => inShadow(list, '[part="accept-button"]'), 'the request');
    await accessibleEverywhere(room, 'request pending');

    // Accepted and talking.
    await setViewport({ width: 1280, height: 800 });
    await click(accept);
    await waitForPeer(room, 'Bob');
    await remoteUntil(page, remoteProbe.peerInState('Alice', 'verified'));
    const log = messageLogOf(room);
    for (const text of ['Hi Alice!', 'Have a look at https://example.org/docs', 'And this, a longer message that wraps over more than one line on a phone.'])
      await remoteSend(page, text);
    await until(() => messages(log).length === 3, "Bob's messages");
    const composer = inShadow<HTMLTextAreaElement>(composerOf(room), 'textarea')!;
    composer.value = 'Hello Bob';
    composer.dispatchEvent(new Event('input', { bubbles: true }));
    await click(inShadow(composerOf(room), '[part="send-button"]')!);
    await until(() => messages(log).length === 4, 'our message');
    await accessibleEverywhere(room, 'connected with messages');

    // Bob's safety code open (the phone's folded list opened first).
    await accessibleEverywhere(room, 'safety code open', async () => {
      await unfoldPeers(room);
      if (!inShadow(list, '[part="safety-code"]')) await click(inShadow(list, '[part="code-button"]')!);
      await list.updateComplete;
      await until(() => inShadow(list, '[part="safety-code"]'), 'the safety code');
    });

    // The reaction picker open on Bob's first message.
    await accessibleEverywhere(room, 'reaction picker open', async () => {
      if (inShadow(log, '[part="reaction-picker"]')) return;
      await click(inShadow(log, '[part~="other"] [part="react-button"]')!);
      await until(() => inShadow(log, '[part="reaction-picker"]'), 'the picker');
    });
    inShadow<HTMLElement>(log, '[part="reaction-picker"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));

    // Files on their way: Bob offers one to Alice, Alice's waits for Bob's answer.
    await remoteAttach(page, 3 * 1024 * 1024, 'plans.pdf', 'application/pdf');
    await until(() => fileLines(log).some((f) => f.buttons.includes('Accept')), "Bob's offer");
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(2 * 1024 * 1024)], 'notes.bin'));
    const input = inShadow<HTMLInputElement>(composerOf(room), 'input[type="file"]')!;
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => fileLines(log).some((f) => f.own && f.buttons.includes('Cancel')), 'our offer waiting');
    await accessibleEverywhere(room, 'files on their way');
  });
});
