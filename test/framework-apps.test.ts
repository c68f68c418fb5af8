import { expect } from '@open-wc/testing';
import { MQTT_URL } from 'virtual:mqtt-config';
import { closePeers, openPeer, peerErrors, peerEval } from './harness/peer.js';

// The React, Vue and Svelte demo apps (demo/apps), built with Vite from the package as an npm
// user imports it (`npm test` builds them first): in two browser contexts (two people), each
// app joins, verifies the other, and the app's own event handlers run (its "heard" list).

const APPS = ['react', 'vue', 'svelte'];

/** What the app's own handlers wrote in its list, once `probe` finds a line (else after 20 s). */
const heardOnce = (page: string, wanted: string) =>
  peerEval(
    page,
    async (wanted) => {
      const lines = () => [...document.querySelectorAll('#heard li')].map((li) => li.textContent ?? '');
      for (let end = Date.now() + 20_000; Date.now() < end && !lines().some((l) => l.startsWith(wanted));) await new Promise((r) => setTimeout(r, 50));
      return lines();
    },
    wanted,
  );

describe('framework demo apps (built with Vite from the package)', function () {
  this.timeout(60_000);
  afterEach(() => closePeers());

  for (const app of APPS) {
    it(`${app}: two people join, verify each other, and the app's handlers hear it and a message`, async () => {
      const url = `/demo/apps/${app}/dist/index.html?broker=${encodeURIComponent(MQTT_URL)}`;
      const a = await openPeer('new-context', url);
      const b = await openPeer('new-context', url);
      const [heardA, heardB] = await Promise.all([heardOnce(a, 'verified: '), heardOnce(b, 'verified: ')]);
      expect(heardA.filter((l) => l.startsWith('verified: '))).to.have.length(1);
      expect(heardB.filter((l) => l.startsWith('verified: '))).to.have.length(1);
      await peerEval(a, () => (document.querySelector('rt-chat-room') as any).client.broadcast('hello from the other app'));
      const later = await heardOnce(b, 'message: ');
      expect(later.find((l) => l.startsWith('message: '))).to.match(/^message: .+: hello from the other app$/);
      // The elements rendered inside the framework's tree, and nothing went wrong on the way.
      expect(await peerEval(a, () => !!document.querySelector('rt-chat-room')?.shadowRoot?.querySelector('rt-message-log'))).to.equal(true);
      if (app === 'react') {
        // The widget took React's props (its inner room is `chatRoom`, so `room` is the name).
        const widget = await peerEval(a, () => {
          const w = document.querySelector('rt-chat-widget') as any;
          return { room: w?.getAttribute('room'), label: w?.label, position: w?.position, inner: w?.chatRoom?.getAttribute('room') };
        });
        expect(widget).to.deep.equal({ room: 'help', label: 'Help', position: 'left', inner: 'help' });
      }
      expect([...(await peerErrors(a)), ...(await peerErrors(b))]).to.deep.equal([]);
    });
  }
});
