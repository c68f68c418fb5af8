import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ChatMessageEvent, ChatSentEvent } from '../../src/core/events/index.js';
import '../../src/elements/message-log/define.js';
import { MAX_ROWS } from '../../src/elements/message-log/line-window.js';
import type { RTMessageLog } from '../../src/elements/message-log/message-log.js';
import { allInShadow, click, deepActiveElement, inShadow, until } from './dom.js';
import { FakeClient, fakePeer } from './fake-client.js';

// A room with 5,000 lines: only a window of them is in the document, and the reader can
// still scroll, key and jump to every one of them as if all were there.

const COUNT = 5000;
const bob = fakePeer({ name: 'Bob' });

/** A log 400 px high holding COUNT messages from Bob, one a second (so they group by minute). */
async function bigLog(): Promise<{ el: RTMessageLog; client: FakeClient; scroller: HTMLElement }> {
  const client = new FakeClient();
  const el = await fixture<RTMessageLog>(html`<rt-message-log style="height: 400px" .client=${client.asClient} limit=${COUNT}></rt-message-log>`);
  const start = Date.now() - COUNT * 1000;
  for (let i = 0; i < COUNT; i++) client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: `m${i}`, text: `message ${i}`, sentAt: start + i * 1000, direct: false }));
  await el.updateComplete;
  const scroller = inShadow(el, '[part="base"]')!;
  return { el, client, scroller };
}

const bodies = (el: RTMessageLog) => allInShadow(el, '[part~="body"]').map((b) => b.textContent ?? '');
const atBottom = (s: HTMLElement) => s.scrollHeight - s.scrollTop - s.clientHeight <= 24;
const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));

/** The body of message `n`, if it is in the document. */
const bodyOf = (el: RTMessageLog, n: number) => allInShadow(el, '[part~="body"]').find((b) => b.textContent === `message ${n}`);

describe('<rt-message-log> with 5,000 lines', () => {
  it('renders a window of the newest lines, at the bottom, in order', async () => {
    const { el, scroller } = await bigLog();
    await until(() => atBottom(scroller), 'at the newest');
    const shown = bodies(el);
    expect(shown.at(-1)).to.equal(`message ${COUNT - 1}`);
    expect(allInShadow(el, 'li').length).to.be.at.most(MAX_ROWS);
    expect(shown).to.deep.equal(Array.from({ length: shown.length }, (_, i) => `message ${COUNT - shown.length + i}`));
    // The newest message is really on screen, not only in the document.
    const last = bodyOf(el, COUNT - 1)!.getBoundingClientRect();
    const box = scroller.getBoundingClientRect();
    expect(last.bottom).to.be.at.most(box.bottom + 1);
    expect(last.top).to.be.at.least(box.top - 1);
  });

  it('scrolling up renders earlier lines and keeps the one being read in place, up to the very first', async () => {
    const { el, scroller } = await bigLog();
    await until(() => atBottom(scroller), 'at the newest');
    let oldest = Number(bodies(el)[0].split(' ')[1]);
    const firstOldest = oldest;
    for (let round = 0; round < 200 && oldest > 0; round++) {
      // Read the line at the top, then scroll to the very top as a reader flinging up would.
      const reading = oldest;
      scroller.scrollTop = 0;
      const top = scroller.getBoundingClientRect().top;
      const before = bodyOf(el, reading)!.getBoundingClientRect().top - top;
      await until(() => Number(bodies(el)[0].split(' ')[1]) < reading, `lines before ${reading} rendered`);
      await frame();
      // The line that was at the top has not jumped: scrolling on shows what came before it.
      const after = bodyOf(el, reading)!.getBoundingClientRect().top - top;
      expect(after, `message ${reading} stays where it was scrolled to`).to.be.closeTo(before, 2);
      expect(scroller.scrollTop, 'room above to scroll on').to.be.greaterThan(0);
      expect(allInShadow(el, 'li').length).to.be.at.most(MAX_ROWS);
      oldest = Number(bodies(el)[0].split(' ')[1]);
    }
    expect(firstOldest).to.be.greaterThan(4000);
    expect(oldest).to.equal(0);
    expect(bodies(el)[0]).to.equal('message 0');
    // The newest are out of the document now, and nothing says "new messages": none came.
    expect(bodyOf(el, COUNT - 1)).to.equal(undefined);
    expect(inShadow(el, '[part="new-messages"]')).to.equal(null);
  });

  it('keys reach every line: Home the first, End the newest, arrows across the window edge', async () => {
    const { el, scroller } = await bigLog();
    await until(() => atBottom(scroller), 'at the newest');
    const focusedText = () => (deepActiveElement() as HTMLElement | null)?.querySelector('[part~="body"]')?.textContent;
    inShadow(el, 'li[data-key]:last-of-type')!.focus();
    expect(focusedText()).to.equal(`message ${COUNT - 1}`);
    await sendKeys({ press: 'Home' });
    await until(() => focusedText() === 'message 0', 'Home: the first line focused');
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedText()).to.equal('message 1');
    await sendKeys({ press: 'End' });
    await until(() => focusedText() === `message ${COUNT - 1}`, 'End: the newest focused');
    await until(() => atBottom(scroller), 'End: at the bottom');
    // Up from the first line in the document goes on to the line before it.
    const first = allInShadow(el, 'li[data-key]')[0];
    const n = Number(first.querySelector('[part~="body"]')!.textContent!.split(' ')[1]);
    first.focus();
    await sendKeys({ press: 'ArrowUp' });
    await until(() => focusedText() === `message ${n - 1}`, 'Up across the window edge');
    expect(deepActiveElement()).to.not.equal(document.body);
  });

  it('a reader scrolled far up gets the pill for new messages, and their own message is always brought into view', async () => {
    const { el, client, scroller } = await bigLog();
    await until(() => atBottom(scroller), 'at the newest');
    for (let i = 0; i < 5; i++) {
      scroller.scrollTop = 0;
      await frame();
    }
    await until(() => !bodyOf(el, COUNT - 1), 'the newest out of the document');
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'late', text: 'a late one', sentAt: Date.now(), direct: false }));
    const pill = await until(() => inShadow(el, '[part="new-messages"]'), 'the pill appears');
    expect(bodies(el)).to.not.include('a late one');
    await click(pill);
    await until(() => bodies(el).at(-1) === 'a late one' && atBottom(scroller), 'the pill leads to the newest');
    expect(inShadow(el, '[part="new-messages"]')).to.equal(null);

    for (let i = 0; i < 5; i++) {
      scroller.scrollTop = 0;
      await frame();
    }
    await until(() => !bodies(el).includes('a late one'), 'scrolled far up again');
    client.dispatchEvent(
      new ChatSentEvent({ record: { id: 'own', from: null, to: null, direct: false, text: 'mine', sentAt: Date.now(), deliveredTo: [], sentTo: [] }, to: null }),
    );
    await until(() => bodies(el).at(-1) === 'mine' && atBottom(scroller), 'our own message in view');
  });

  it('reads out at most the three newest lines of a burst, and none that scrolling brings in', async () => {
    const { el, client, scroller } = await bigLog();
    const live = inShadow(el, '[aria-live="polite"]')!;
    expect([...live.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([`Bob: message ${COUNT - 3}`, `Bob: message ${COUNT - 2}`, `Bob: message ${COUNT - 1}`]);
    const said = new MutationObserver(() => undefined);
    said.observe(live, { childList: true, subtree: true, characterData: true });
    scroller.scrollTop = 0;
    await until(() => Number(bodies(el)[0].split(' ')[1]) < COUNT - 200, 'earlier lines rendered');
    await frame();
    expect(said.takeRecords(), 'nothing read out while scrolling').to.have.length(0);
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'x', text: 'news', sentAt: Date.now(), direct: false }));
    await until(() => live.textContent?.includes('Bob: news'), 'a new line read out');
    said.disconnect();
  });
});
