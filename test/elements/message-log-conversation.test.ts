import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { ChatMessageEvent, ChatSentEvent, DeliveredEvent, FileSentEvent, PeerConnectedEvent } from '../../src/core/events/index.js';
import '../../src/elements/message-log/define.js';
import type { RTMessageLog } from '../../src/elements/message-log/message-log.js';
import { allInShadow, click, deepActiveElement, inShadow, press, until } from './dom.js';
import { FakeClient, fakePeer, fakeTransfer } from './fake-client.js';

// What makes the log a conversation: groups with avatars, days, links, ticks, the
// "New messages" pill, and a keyboard model where the whole log is one Tab stop.

const sent = (id: string, text: string, sentAt: number, recipients: string[]) =>
  new ChatSentEvent({ record: { id, from: null, to: null, direct: false, text, sentAt, deliveredTo: [], sentTo: recipients }, to: null });

async function logWith(client: FakeClient, height = '20rem'): Promise<RTMessageLog> {
  return fixture<RTMessageLog>(html`<rt-message-log style="height: ${height}" .client=${client.asClient}></rt-message-log>`);
}

function say(client: FakeClient, peer: ReturnType<typeof fakePeer>, id: string, text: string, sentAt = Date.now()) {
  client.dispatchEvent(new ChatMessageEvent({ peer, id, text, sentAt, direct: false }));
}

const log = (el: RTMessageLog) => inShadow(el, '[part="base"]')!;

describe('<rt-message-log> conversation', () => {
  it('is accessible with groups, avatars, days, links and ticks', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    client.dispatchEvent(new PeerConnectedEvent({ peer: bob }));
    say(client, bob, 'a', 'hi, see https://example.com.');
    say(client, bob, 'b', 'and this');
    client.dispatchEvent(sent('c', 'ok', Date.now(), [bob.key]));
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('shows the name and avatar once per group of one sender in one minute', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob Marley' });
    const carol = fakePeer({ name: 'carol' });
    const t = Date.now();
    say(client, bob, 'a', 'one', t);
    say(client, bob, 'b', 'two', t);
    say(client, carol, 'c', 'three', t);
    say(client, bob, 'd', 'four', t);
    await el.updateComplete;
    const messages = allInShadow(el, '[part~="message"]');
    expect(messages.map((m) => m.getAttribute('part'))).to.deep.equal(['message other', 'message other continued', 'message other', 'message other']);
    const avatars = allInShadow(el, '[part="avatar"]');
    expect(avatars.map((a) => a.textContent)).to.deep.equal(['BM', 'CA', 'BM']);
    expect(avatars.every((a) => a.getAttribute('aria-hidden') === 'true')).to.be.true;
    const colour = (a: Element) => getComputedStyle(a).backgroundColor;
    expect(colour(avatars[0])).to.equal(colour(avatars[2]));
    expect(colour(avatars[0])).to.not.equal(colour(avatars[1]));
    expect(getComputedStyle(avatars[0]).color).to.equal('rgb(255, 255, 255)');
    // The continued message shows no name, but a screen reader still hears who sent it.
    const hiddenMeta = messages[1].querySelector('.meta')!;
    expect(hiddenMeta.getBoundingClientRect().height).to.be.at.most(1);
    expect(messages[1].querySelector('[part="sender"]')!.textContent).to.equal('Bob Marley');
  });

  it('uses the page’s pictures from avatarFor, as decorative images', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    const carol = fakePeer({ name: 'Carol' });
    const asked: string[] = [];
    el.avatarFor = (key, name) => (asked.push(`${key}:${name}`), name === 'Bob' ? 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' : null);
    say(client, bob, 'a', 'one');
    say(client, carol, 'b', 'two');
    await el.updateComplete;
    const [img, initials] = allInShadow(el, '[part="avatar"]');
    expect(img.tagName).to.equal('IMG');
    expect(img.getAttribute('alt')).to.equal('');
    expect(img.getAttribute('src')).to.match(/^data:image\/gif/);
    expect(initials.textContent).to.equal('CA');
    expect(asked).to.deep.equal([`${bob.key}:Bob`, `${carol.key}:Carol`]);
  });

  it('puts a date separator before each day: a date, Yesterday, Today', async () => {
    const client = new FakeClient();
    const bob = fakePeer({ name: 'Bob' });
    const day = 86_400_000;
    const noon = new Date();
    noon.setHours(12, 0, 0, 0);
    const from = { key: bob.key, tab: 1, name: 'Bob' };
    client.history = [
      { id: 'h1', from, to: null, direct: false, text: 'long ago', sentAt: new Date(2020, 0, 15, 12).getTime(), deliveredTo: [], sentTo: [] },
      { id: 'h2', from, to: null, direct: false, text: 'yesterday', sentAt: noon.getTime() - day, deliveredTo: [], sentTo: [] },
      { id: 'h3', from, to: null, direct: false, text: 'yesterday again', sentAt: noon.getTime() - day + 1, deliveredTo: [], sentTo: [] },
    ];
    const el = await fixture<RTMessageLog>(html`<div lang="en"><rt-message-log .client=${client.asClient}></rt-message-log></div>`).then((d) => d.querySelector('rt-message-log')!);
    say(client, bob, 'n', 'now');
    await el.updateComplete;
    expect(allInShadow(el, '[part="date-separator"]').map((d) => d.textContent)).to.deep.equal(['Wednesday, January 15, 2020', 'Yesterday', 'Today']);
  });

  it('makes http(s) addresses links that open safely, and nothing else', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const mallory = fakePeer({ name: 'Mallory' });
    say(client, mallory, 'a', 'read https://example.com/a_(b), not javascript:alert(1) or data:text/html,<b>x</b> <a href="http://x">');
    await el.updateComplete;
    const body = inShadow(el, '[part="body"]')!;
    const anchors = [...body.querySelectorAll('a')];
    expect(anchors.map((a) => [a.getAttribute('href'), a.textContent, a.target, a.rel, a.getAttribute('part')])).to.deep.equal([
      ['https://example.com/a_(b)', 'https://example.com/a_(b)', '_blank', 'noopener noreferrer', 'link'],
      ['http://x/', 'http://x', '_blank', 'noopener noreferrer', 'link'],
    ]);
    expect(body.textContent).to.equal('read https://example.com/a_(b), not javascript:alert(1) or data:text/html,<b>x</b> <a href="http://x">');
    expect(body.querySelector('b')).to.equal(null);
  });

  it('shows delivery as ticks, named for screen readers', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    client.dispatchEvent(sent('m', 'hello', Date.now(), [bob.key]));
    await el.updateComplete;
    const delivery = () => inShadow(el, '[part="delivery"]')!;
    const ticks = () => getComputedStyle(delivery(), '::before').content;
    expect(ticks()).to.contain('✓').and.not.contain('✓✓');
    expect(delivery().textContent!.trim()).to.equal('sent');
    expect(delivery().getAttribute('title')).to.equal('sent');
    expect(delivery().querySelector('.visually-hidden')!.getBoundingClientRect().width).to.be.at.most(1);
    client.dispatchEvent(new DeliveredEvent({ peer: bob, id: 'm', complete: true }));
    await el.updateComplete;
    expect(ticks()).to.contain('✓✓');
    expect(delivery().textContent!.trim()).to.equal('delivered');
    expect(delivery().getAttribute('title')).to.equal('delivered');
  });

  it('offers "New messages ↓" when the reader scrolled up, and brings our own message into view', async () => {
    const client = new FakeClient();
    const el = await logWith(client, '12rem');
    const bob = fakePeer({ name: 'Bob' });
    for (let i = 0; i < 40; i++) say(client, bob, `m${i}`, `message ${i}`);
    await el.updateComplete;
    const scroller = log(el);
    const atBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= 24;
    expect(atBottom()).to.be.true;
    expect(inShadow(el, '[part="new-messages"]')).to.equal(null);

    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    say(client, bob, 'late', 'while you were away');
    await el.updateComplete;
    const pill = await until(() => inShadow(el, '[part="new-messages"]'), 'the pill appears');
    expect(pill.textContent).to.equal('New messages ↓');
    expect(scroller.scrollTop).to.equal(0);
    await click(pill);
    await until(() => atBottom() && !inShadow(el, '[part="new-messages"]'), 'at the newest, the pill gone');

    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    client.dispatchEvent(sent('mine', 'my own', Date.now(), [bob.key]));
    await el.updateComplete;
    await until(() => atBottom(), 'our own message in view');
    expect(inShadow(el, '[part="new-messages"]')).to.equal(null);
  });

  it('brings our own file into view even when scrolled up', async () => {
    const client = new FakeClient();
    const el = await logWith(client, '12rem');
    const bob = fakePeer({ name: 'Bob' });
    client.peers = [bob];
    for (let i = 0; i < 40; i++) say(client, bob, `m${i}`, `message ${i}`);
    await el.updateComplete;
    const scroller = log(el);
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    const { transfer } = fakeTransfer({ peer: bob, direction: 'send', name: 'notes.txt', size: 10, state: 'offered' });
    client.dispatchEvent(new FileSentEvent({ transfers: [transfer], to: null }));
    await el.updateComplete;
    await until(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= 24, 'our file in view');
    expect(inShadow(el, '[part="new-messages"]')).to.equal(null);
  });

  it('shows the reaction button only on the message hovered or focused', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    say(client, bob, 'a', 'one');
    say(client, bob, 'b', 'two');
    await el.updateComplete;
    await sendMouse({ type: 'move', position: [0, 0] });
    const [first, second] = allInShadow(el, '[part~="message"]');
    const shown = (m: Element) => getComputedStyle(m.querySelector('[part="react-button"]')!).color !== 'rgba(0, 0, 0, 0)';
    expect([shown(first), shown(second)]).to.deep.equal([false, false]);
    first.focus();
    expect([shown(first), shown(second)]).to.deep.equal([true, false]);
    const r = second.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(r.left + 10), Math.round(r.top + r.height / 2)] });
    expect(shown(second)).to.equal(true);
    // Hidden is only transparent: the button stays in the accessibility tree and clickable.
    expect(getComputedStyle(first.querySelector('[part="react-button"]')!).visibility).to.equal('visible');
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  describe('keyboard', () => {
    /** Presses Tab from the button before the log until the button after it has the focus. */
    async function tabsAcross(el: RTMessageLog): Promise<number> {
      const before = el.parentElement!.querySelector<HTMLButtonElement>('#before')!;
      const after = el.parentElement!.querySelector<HTMLButtonElement>('#after')!;
      before.focus();
      let presses = 0;
      while (document.activeElement !== after && presses < 200) {
        await sendKeys({ press: 'Tab' });
        presses++;
      }
      return presses;
    }

    async function framed(client: FakeClient): Promise<RTMessageLog> {
      const wrapper = await fixture<HTMLElement>(html`<div>
        <button id="before">before</button>
        <rt-message-log .client=${client.asClient}></rt-message-log>
        <button id="after">after</button>
      </div>`);
      return wrapper.querySelector('rt-message-log')!;
    }

    it('is one Tab stop with no messages and with 50', async () => {
      const empty = await framed(new FakeClient());
      const none = await tabsAcross(empty);
      const client = new FakeClient();
      const full = await framed(client);
      const bob = fakePeer({ name: 'Bob' });
      for (let i = 0; i < 50; i++) {
        if (i % 2) client.dispatchEvent(sent(`s${i}`, `mine ${i} https://example.com/${i}`, Date.now(), [bob.key]));
        else say(client, bob, `m${i}`, `theirs ${i}`);
      }
      await full.updateComplete;
      expect(allInShadow(full, 'button, a').length).to.be.above(50);
      expect(none).to.equal(2);
      expect(await tabsAcross(full)).to.equal(none);
    });

    it('moves between lines with the arrows, Home and End; Enter reaches a line’s buttons, Escape goes back', async () => {
      const client = new FakeClient();
      const el = await framed(client);
      const bob = fakePeer({ name: 'Bob' });
      for (let i = 0; i < 5; i++) say(client, bob, `m${i}`, `message ${i}`);
      await el.updateComplete;
      const lines = allInShadow(el, 'li[data-key]');
      const focused = () => lines.indexOf(deepActiveElement() as HTMLElement);
      el.parentElement!.querySelector<HTMLButtonElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(), 'the newest line first').to.equal(4);
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowUp' });
      expect(focused()).to.equal(2);
      expect(lines.map((l) => l.tabIndex)).to.deep.equal([-1, -1, 0, -1, -1]);
      await sendKeys({ press: 'Home' });
      expect(focused()).to.equal(0);
      await sendKeys({ press: 'ArrowUp' });
      expect(focused()).to.equal(0);
      await sendKeys({ press: 'End' });
      expect(focused()).to.equal(4);
      await sendKeys({ press: 'ArrowDown' });
      expect(focused()).to.equal(4);
      await sendKeys({ press: 'ArrowUp' });

      await sendKeys({ press: 'Enter' });
      expect(deepActiveElement()).to.equal(lines[3].querySelector('[part="react-button"]'));
      await sendKeys({ press: 'Enter' }); // opens the picker
      await el.updateComplete;
      expect(deepActiveElement()!.getAttribute('part')).to.equal('quick-reaction');
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()!.getAttribute('part')).to.equal('quick-reaction');
      await sendKeys({ press: 'Escape' }); // closes the picker, back on its button
      await el.updateComplete;
      await until(() => deepActiveElement() === lines[3].querySelector('[part="react-button"]'), 'back on the reaction button');
      await sendKeys({ press: 'Escape' });
      expect(deepActiveElement()).to.equal(lines[3]);
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement!.id).to.equal('after');
      await press('Shift+Tab');
      expect(deepActiveElement()).to.equal(lines[3]);
    });
  });
});
