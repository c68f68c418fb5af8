import { expect } from '@open-wc/testing';
import { closePeers, openPeer, peerErrors, peerEval } from './harness/peer.js';

// Every demo page that `npm start` serves loads without a console error, renders its
// room, and joins the broker; two visitors of the plain page connect and verify; the pages
// that say they share a room share it.

const PAGES = ['index', 'themed', 'layout', 'widget', 'react', 'vue'];

/** Waits in the page for its room (possibly inside the widget) to join; returns what it shows. */
const roomState = (page: string) =>
  peerEval(page, async () => {
    const find = () => {
      const widget = document.querySelector('rt-chat-widget') as any;
      return (widget?.chatRoom ?? document.querySelector('rt-chat-room')) as any;
    };
    for (let i = 0; i < 200 && find()?.client?.state !== 'connected'; i++) await new Promise((r) => setTimeout(r, 50));
    const room = find();
    return { state: room?.client?.state ?? null, rendered: !!room?.shadowRoot?.childElementCount };
  });

describe('demo pages', function () {
  this.timeout(60_000);
  afterEach(() => closePeers());

  for (const name of PAGES) {
    it(`${name}.html loads without errors and joins the local broker`, async () => {
      const page = await openPeer('new-context', `/demo/${name}.html`);
      const state = await roomState(page);
      expect(state).to.deep.equal({ state: 'connected', rendered: true });
      expect(await peerErrors(page)).to.deep.equal([]);
    });
  }

  for (const name of PAGES) {
    it(`${name}.html on a phone and in dark colours: no axe violation, nothing wider than the screen`, async () => {
      for (const look of [
        { colorScheme: 'dark', viewport: { width: 390, height: 844 } },
        { colorScheme: 'light', viewport: { width: 390, height: 844 } },
        { colorScheme: 'dark', viewport: { width: 1280, height: 800 } },
      ] as const) {
        const page = await openPeer('new-context', `/demo/${name}.html`, look);
        await roomState(page);
        const seen = await peerEval(page, async () => {
          await new Promise<void>((done, fail) => {
            const script = Object.assign(document.createElement('script'), { src: '/node_modules/axe-core/axe.min.js', onload: () => done(), onerror: fail });
            document.head.append(script);
          });
          const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
          return {
            violations: result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`),
            width: document.documentElement.scrollWidth,
          };
        });
        expect(seen.violations, `${name} ${look.colorScheme} ${look.viewport.width}px`).to.deep.equal([]);
        expect(seen.width, `${name} ${look.viewport.width}px: page width`).to.be.at.most(look.viewport.width);
      }
    });
  }

  it('two visitors of the plain page connect and verify each other', async () => {
    const [a, b] = [await openPeer('new-context', '/demo/index.html'), await openPeer('new-context', '/demo/index.html')];
    await Promise.all([roomState(a), roomState(b)]);
    const accept = (page: string) =>
      peerEval(page, async () => {
        const client = (document.querySelector('rt-chat-room') as any).client;
        for (let i = 0; i < 300 && !client.peers.some((p: any) => p.verified); i++) {
          for (const r of client.requests) r.accept();
          await new Promise((r) => setTimeout(r, 50));
        }
        return client.peers.filter((p: any) => p.verified).length;
      });
    expect(await Promise.all([accept(a), accept(b)])).to.deep.equal([1, 1]);
    expect([...(await peerErrors(a)), ...(await peerErrors(b))]).to.deep.equal([]);
  });
  it('the pages that say they share a room do: one topic, and visitors of the React and Vue pages meet', async () => {
    const topic = (page: string) =>
      peerEval(page, async () => {
        const room = document.querySelector('rt-chat-room') as any;
        for (let i = 0; i < 200 && room?.client?.state !== 'connected'; i++) await new Promise((r) => setTimeout(r, 50));
        return room.client.roomTopic as string;
      });
    const topics = new Set<string>();
    for (const name of ['index', 'themed', 'layout']) {
      const page = await openPeer('new-context', `/demo/${name}.html`);
      topics.add(await topic(page));
      await closePeers();
    }
    const [react, vue] = [await openPeer('new-context', '/demo/react.html'), await openPeer('new-context', '/demo/vue.html')];
    topics.add(await topic(react));
    topics.add(await topic(vue));
    expect(topics.size).to.equal(1);
    const verified = (page: string) =>
      peerEval(page, async () => {
        const client = (document.querySelector('rt-chat-room') as any).client;
        for (let i = 0; i < 300 && !client.peers.some((p: any) => p.verified); i++) {
          for (const r of client.requests) r.accept();
          await new Promise((r) => setTimeout(r, 50));
        }
        return client.peers.filter((p: any) => p.verified).length;
      });
    expect(await Promise.all([verified(react), verified(vue)])).to.deep.equal([1, 1]);
  });

  it('"New secret room" gives a link with a fresh #secret=; two visitors of that link meet in the secret room', async () => {
    const a = await openPeer('new-context', '/demo/index.html');
    await roomState(a);
    const open = await peerEval(a, async () => {
      const room = document.querySelector('rt-chat-room') as any;
      const topic = room.client.roomTopic;
      const link = document.querySelector<HTMLAnchorElement>('#new-secret-room')!;
      const href = link.getAttribute('href')!;
      link.click();
      for (let i = 0; i < 200 && !(room.client?.state === 'connected' && room.client.roomTopic !== topic); i++) await new Promise((r) => setTimeout(r, 50));
      return {
        href,
        secret: room.getAttribute('secret'),
        moved: room.client.roomTopic !== topic,
        status: !document.querySelector<HTMLElement>('#secret-status')!.hidden,
        next: link.getAttribute('href'),
        url: location.href,
      };
    });
    expect(open.href).to.match(/^#secret=[A-Za-z0-9_-]{22}$/);
    expect(open.secret).to.equal(open.href.slice('#secret='.length));
    expect(open).to.include({ moved: true, status: true });
    expect(open.next).to.not.equal(open.href);

    const b = await openPeer('new-context', `/demo/index.html${open.href}`);
    await roomState(b);
    const meet = (page: string) =>
      peerEval(page, async () => {
        const client = (document.querySelector('rt-chat-room') as any).client;
        for (let i = 0; i < 300 && !client.peers.some((p: any) => p.verified); i++) {
          for (const r of client.requests) r.accept();
          await new Promise((r) => setTimeout(r, 50));
        }
        return { verified: client.peers.filter((p: any) => p.verified).length, topic: client.roomTopic };
      });
    const [ma, mb] = await Promise.all([meet(a), meet(b)]);
    expect([ma.verified, mb.verified]).to.deep.equal([1, 1]);
    expect(ma.topic).to.equal(mb.topic);
    expect([...(await peerErrors(a)), ...(await peerErrors(b))]).to.deep.equal([]);
  });
});
