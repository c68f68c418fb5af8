import { expect } from '@open-wc/testing';
import { closePeers, openPeer, peerErrors, peerEval } from './harness/peer.js';

// Every demo page that `npm start` serves loads without a console error, renders its
// room, and joins the broker; two visitors of the plain page connect and verify.

const PAGES = ['index', 'themed', 'layout', 'widget', 'react', 'vue'];

/** Waits in the page for its room (possibly inside the widget) to join; returns what it shows. */
const roomState = (page: string) =>
  peerEval(page, async () => {
    const find = () => {
      const widget = document.querySelector('rt-chat-widget') as any;
      return (widget?.room ?? document.querySelector('rt-chat-room')) as any;
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
});
