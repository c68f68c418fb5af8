import { expect } from '@open-wc/testing';
import { MQTT_URL } from 'virtual:mqtt-config';
import { closePeers, openPeer, peerEval } from './harness/peer.js';
import { startRecorded, type Recorded } from './harness/recorder.js';
import { testOptions } from './harness/rooms.js';

// The drop-in's first script (dist/rtchat.js, dist/rtchat.esm.js) is a small loader: it draws
// the chat button at once and imports the rest (dist/rtchat.full.esm.js) when the visitor
// reaches for the button or the browser is idle (src/rtchat.ts).

/**
 * In a page: adds the drop-in script and records, in the microtask right after the script has
 * run (so before any task the loader may have scheduled), what is on the page. With `press`,
 * presses the button there and then.
 */
const addDropIn = (page: string, src: string, type: string, query: string, press: boolean) =>
  peerEval(
    page,
    async ({ src, type, query, press }) => {
      const library = new URL('/dist/rtchat.full.esm.js', location.href).href;
      const first = new Promise<Record<string, unknown>>((resolve) => {
        const observer = new MutationObserver(() => {
          const launcher = document.querySelector('rt-chat-launcher');
          if (!launcher) return;
          observer.disconnect();
          const button = launcher.shadowRoot?.querySelector<HTMLElement>('[part="toggle"]');
          const box = button?.getBoundingClientRect();
          resolve({
            label: button?.textContent?.trim(),
            laidOut: !!box && box.width > 0 && box.height > 0,
            widgetDefined: !!customElements.get('rt-chat-widget'),
            litLoaded: 'litElementVersions' in globalThis,
            libraryRequested: performance.getEntriesByName(library).length > 0,
            // window.RTChat holds the loader's load() and addWidget(), not yet the library.
            loaderApiOnly: ['load', 'addWidget'].every((k) => typeof (window as any).RTChat?.[k] === 'function') && !('RTChatClient' in (window as any).RTChat),
          });
          if (press) button?.click();
        });
        observer.observe(document.body, { childList: true });
      });
      const script = document.createElement('script');
      if (type) script.type = type;
      script.src = `${src}?add&${query}`;
      document.head.append(script);
      return first;
    },
    { src, type, query, press },
  );

/** In a page: waits for the widget to replace the button and for its room to connect; returns what it shows. */
const widgetState = (page: string) =>
  peerEval(page, async () => {
    const widget = () => document.querySelector('rt-chat-widget') as any;
    for (const end = Date.now() + 20_000; Date.now() < end && widget()?.chatRoom?.client?.state !== 'connected';) await new Promise((r) => setTimeout(r, 50));
    const w = widget();
    await w?.updateComplete;
    return {
      state: w?.chatRoom?.client?.state ?? null,
      open: w?.open ?? null,
      panelHidden: w?.shadowRoot?.querySelector('[part="panel"]')?.hasAttribute('hidden') ?? null,
      launcherGone: document.querySelector('rt-chat-launcher') === null,
      api: typeof (window as any).RTChat?.RTChatClient,
    };
  });

describe('drop-in script, loaded lazily', function () {
  this.timeout(40_000);
  let local: Recorded | undefined;
  afterEach(async () => {
    await local?.client.disconnect();
    local = undefined;
    await closePeers();
  });

  for (const [kind, src, type] of [
    ['classic script', '/dist/rtchat.js', ''],
    ['module', '/dist/rtchat.esm.js', 'module'],
  ] as const) {
    it(`as a ${kind}: the button is on the page before the rest of rtchat is requested, which then loads when idle and joins`, async () => {
      const topic = `dropin-lazy-${crypto.randomUUID()}`;
      const page = await openPeer('new-context', '/test/harness/blank.html');
      const query = `${new URLSearchParams({ topic, brokers: MQTT_URL, 'ice-servers': '[]' })}`;
      const first = await addDropIn(page, src, type, query, false);
      expect(first).to.deep.equal({
        label: 'Chat',
        laidOut: true,
        widgetDefined: false,
        litLoaded: false,
        libraryRequested: false,
        loaderApiOnly: true,
      });
      // Nobody touched the button: the browser's idle time brought the rest, and the room joined.
      expect(await widgetState(page)).to.deep.equal({ state: 'connected', open: false, panelHidden: true, launcherGone: true, api: 'function' });
    });
  }

  it('pressing the button loads the rest, opens the panel and joins the room (verified by the other side)', async () => {
    const topic = `dropin-lazy-${crypto.randomUUID()}`;
    local = await startRecorded(testOptions(topic, { name: 'Site owner' }));
    const page = await openPeer('new-context', '/test/harness/blank.html');
    const query = `${new URLSearchParams({ topic, name: 'Visitor', brokers: MQTT_URL, 'ice-servers': '[]', 'auto-accept': 'all' })}`;
    const first = await addDropIn(page, '/dist/rtchat.js', '', query, true);
    expect(first.libraryRequested).to.equal(false);
    expect(await widgetState(page)).to.deep.equal({ state: 'connected', open: true, panelHidden: false, launcherGone: true, api: 'function' });
    await local.until((s) => s.some((x) => x.type === 'verified' && x.name === 'Visitor'), 20_000);
  });

  it('rtchat.esm.js users get the rest through load(), a dynamic import', async () => {
    const page = await openPeer('new-context', '/test/harness/blank.html');
    const got = await peerEval(page, async () => {
      const loader = await import(new URL('/dist/rtchat.esm.js', location.href).href);
      const before = { room: !!customElements.get('rt-chat-room'), launcher: document.querySelector('rt-chat-launcher') !== null };
      const lib = await loader.load();
      return {
        before,
        client: typeof lib.RTChatClient,
        room: !!customElements.get('rt-chat-room'),
        again: (await loader.load()) === lib,
      };
    });
    // Without ?add the loader starts loading the rest at once, and draws no button.
    expect(got.before.launcher).to.equal(false);
    expect({ ...got, before: undefined }).to.deep.equal({ before: undefined, client: 'function', room: true, again: true });
  });
});
