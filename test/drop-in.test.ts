import { expect } from '@open-wc/testing';
import { MQTT_URL } from 'virtual:mqtt-config';
import { closePeers, openPeer, peerEval } from './harness/peer.js';
import { count, startRecorded, type Recorded } from './harness/recorder.js';
import { testOptions } from './harness/rooms.js';
import { RTChatClient } from '../src/core/client.js';
import { deriveRoom } from '../src/core/signaling/room.js';

// The drop-in bundle on an ordinary page, as a CMS author would add it: one classic
// <script src=".../rtchat.js?add&..."> (dist/rtchat.js, built before the tests), or the
// same as a module.

describe('drop-in script', function () {
  this.timeout(40_000);
  let local: Recorded | undefined;
  afterEach(async () => {
    await local?.client.disconnect();
    await closePeers();
  });

  for (const [kind, src, type] of [
    ['classic script (dist/rtchat.js)', '/dist/rtchat.js', ''],
    ['module (dist/rtchat.esm.js)', '/dist/rtchat.esm.js', 'module'],
  ] as const) {
    it(`as a ${kind}: ?add mounts a collapsible widget that joins the room and counts unread messages`, async () => {
      const topic = `dropin-${crypto.randomUUID()}`;
      local = await startRecorded(testOptions(topic, { name: 'Site owner' }));
      const page = await openPeer('new-context', '/test/harness/blank.html');
      // A flag without a value sets a boolean attribute, down to the room.
      const query = `${new URLSearchParams({ topic, name: 'Visitor', brokers: MQTT_URL, 'ice-servers': '[]', 'auto-accept': 'all' })}&no-title-badge`;
      const shown = await peerEval(
        page,
        async ({ src, query, type }) => {
          const script = document.createElement('script');
          if (type) script.type = type;
          script.src = `${src}?add&${query}`;
          const loaded = new Promise((r, j) => ((script.onload = r), (script.onerror = j)));
          document.head.append(script);
          await loaded;
          for (const end = Date.now() + 15_000; Date.now() < end && !document.querySelector('rt-chat-widget');) await new Promise((r) => setTimeout(r, 50));
          const w = document.querySelector('rt-chat-widget')!;
          await (w as any).updateComplete;
          return {
            global: typeof (window as any).RTChat?.RTChatClient,
            widget: !!w,
            topic: w.getAttribute('topic'),
            panelHidden: w.shadowRoot!.querySelector('[part="panel"]')!.hasAttribute('hidden'),
            button: w.shadowRoot!.querySelector('[part="toggle"]')!.textContent!.trim(),
            noTitleBadge: (w as any).chatRoom.noTitleBadge,
          };
        },
        { src, query, type },
      );
      expect(shown).to.deep.equal({ global: 'function', widget: true, topic, panelHidden: true, button: 'Chat', noTitleBadge: true });

      // The widget's room connects to us and verifies.
      await local.until((s) => s.some((x) => x.type === 'verified' && x.name === 'Visitor'), 20_000);
      // A message while collapsed shows as unread on the button: sent once the widget's side
      // has verified us too (what its user would see), not after a fixed pause.
      await peerEval(page, async () => {
        const client = (window as any).document.querySelector('rt-chat-widget').chatRoom.client;
        for (const end = Date.now() + 15_000; Date.now() < end && !client.peers.some((p: any) => p.verified);) await new Promise((r) => setTimeout(r, 50));
      });
      local.client.broadcast('welcome!');
      const badge = await peerEval(page, async () => {
        const w = document.querySelector('rt-chat-widget') as any;
        for (const end = Date.now() + 15_000; Date.now() < end && !w.shadowRoot.querySelector('[part="unread"]');) await new Promise((r) => setTimeout(r, 50));
        return {
          unread: w.shadowRoot.querySelector('[part="unread"]')?.textContent,
          label: w.shadowRoot.querySelector('[part="toggle"]').getAttribute('aria-label'),
          title: document.title,
        };
      });
      expect(badge).to.deep.equal({ unread: '1', label: 'Chat: 1 unread message', title: 'An ordinary page' });
      // Opening shows the conversation and clears the count.
      const opened = await peerEval(page, async () => {
        const w = document.querySelector('rt-chat-widget') as any;
        w.shadowRoot.querySelector('[part="toggle"]').click();
        await w.updateComplete;
        const log = w.chatRoom.shadowRoot.querySelector('rt-message-log');
        // The log draws on the next animation frame once shown: wait for what the user would see.
        for (const end = Date.now() + 10_000; Date.now() < end && !log.shadowRoot.textContent.includes('welcome!');) await new Promise((r) => setTimeout(r, 50));
        return {
          hidden: w.shadowRoot.querySelector('[part="panel"]').hasAttribute('hidden'),
          unread: w.shadowRoot.querySelector('[part="unread"]') === null,
          expanded: w.shadowRoot.querySelector('[part="toggle"]').getAttribute('aria-expanded'),
          text: log.shadowRoot.textContent.includes('welcome!'),
        };
      });
      expect(opened).to.deep.equal({ hidden: false, unread: true, expanded: 'true', text: true });
      expect(count(local.seen, 'verified')).to.equal(1);
    });
  }

  it('without a room, each page of a site is its own room', async () => {
    const page1 = await openPeer('new-context', '/test/harness/blank.html');
    const page2 = await openPeer('new-context', '/test/harness/blank.html?other');
    const add = (page: string, path: string) =>
      peerEval(
        page,
        async ({ path, url }) => {
          history.replaceState(null, '', path);
          const script = document.createElement('script');
          script.src = `/dist/rtchat.js?add&brokers=${encodeURIComponent(url)}&ice-servers=[]`;
          const loaded = new Promise((r) => (script.onload = r));
          document.head.append(script);
          await loaded;
          // The widget replaces the drop-in's button once the rest of the library has loaded.
          const widget = () => document.querySelector('rt-chat-widget') as any;
          for (const end = Date.now() + 15_000; Date.now() < end && !widget()?.chatRoom?.client?.roomTopic;) await new Promise((r) => setTimeout(r, 50));
          return widget().chatRoom.client.roomTopic as string;
        },
        { path, url: MQTT_URL },
      );
    const a = await add(page1, '/blog/first-post');
    const b = await add(page2, '/blog/second-post');
    expect(a).to.match(/^rtchat\/v1\//);
    expect(a).to.not.equal(b);
  });
  /** Loads the bundle in a fresh page with `src` (query and fragment); returns the widget's secret, room topic and console warnings. */
  const addWithSecret = (page: string, src: string, type = '') =>
    peerEval(
      page,
      async ({ src, type }) => {
        const warnings: string[] = [];
        console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
        const script = document.createElement('script');
        if (type) script.type = type;
        script.src = src;
        const loaded = new Promise((r, j) => ((script.onload = r), (script.onerror = j)));
        document.head.append(script);
        await loaded;
        for (const end = Date.now() + 15_000; Date.now() < end && !document.querySelector('rt-chat-widget');) await new Promise((r) => setTimeout(r, 50));
        const w = document.querySelector('rt-chat-widget') as any;
        for (const end = Date.now() + 15_000; Date.now() < end && !w?.chatRoom?.client?.roomTopic;) await new Promise((r) => setTimeout(r, 50));
        return { secret: w.getAttribute('secret') as string | null, topic: w.chatRoom.client.roomTopic as string, warnings };
      },
      { src, type },
    );

  for (const [kind, file, type] of [
    ['classic script', '/dist/rtchat.js', ''],
    ['module', '/dist/rtchat.esm.js', 'module'],
  ] as const) {
    it(`as a ${kind}: reads the secret from the script URL's #fragment, which no server sees`, async () => {
      const topic = `dropin-secret-${crypto.randomUUID()}`;
      const secret = RTChatClient.createSecret();
      const page = await openPeer('new-context', '/test/harness/blank.html');
      const query = new URLSearchParams({ topic, brokers: MQTT_URL, 'ice-servers': '[]' });
      const got = await addWithSecret(page, `${file}?add&${query}#secret=${secret}`, type);
      expect(got).to.deep.equal({ secret, topic: (await deriveRoom({ origin: '', path: '', topic, secret })).topic, warnings: [] });
    });
  }

  it('still takes ?secret= from the query, with a warning that query strings end up in logs', async () => {
    const topic = `dropin-secret-${crypto.randomUUID()}`;
    const secret = RTChatClient.createSecret();
    const page = await openPeer('new-context', '/test/harness/blank.html');
    const query = new URLSearchParams({ topic, brokers: MQTT_URL, 'ice-servers': '[]', secret });
    const got = await addWithSecret(page, `/dist/rtchat.js?add&${query}`);
    expect(got.secret).to.equal(secret);
    expect(got.topic).to.equal((await deriveRoom({ origin: '', path: '', topic, secret })).topic);
    expect(got.warnings).to.have.length(1);
    expect(got.warnings[0]).to.contain('logs');
    expect(got.warnings[0]).to.contain('#secret=');
    expect(got.warnings[0]).to.not.contain(secret);
  });
});
