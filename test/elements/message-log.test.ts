import { expect, fixture, html } from '@open-wc/testing';
import { ChatMessageEvent, ChatSentEvent, DeliveredEvent, PeerConnectedEvent, PeerDisconnectedEvent, VerificationFailedEvent, VerifiedEvent } from '../../src/core/events/index.js';
import '../../src/elements/message-log/define.js';
import type { RTMessageLog } from '../../src/elements/message-log/message-log.js';
import { allInShadow, click, inShadow } from './dom.js';
import { FakeClient, fakePeer } from './fake-client.js';

// The log on its own, fed by a stand-in client: states that take many messages or odd
// input are quick to reach this way. Real two-browser chat is in chat-room.test.ts.

async function logWith(client: FakeClient, limit?: number): Promise<RTMessageLog> {
  const el = await fixture<RTMessageLog>(html`<rt-message-log .client=${client.asClient} limit=${limit ?? 500}></rt-message-log>`);
  return el;
}

/** Our own message as the client reports it: sent to `recipients` (identity keys). */
const sent = (id: string, text: string, sentAt: number, recipients: string[]) =>
  new ChatSentEvent({ record: { id, from: null, to: null, direct: false, text, sentAt, deliveredTo: [], sentTo: recipients }, to: null });

const bodies = (el: RTMessageLog) => allInShadow(el, '[part~="body"]').map((b) => b.textContent);

describe('<rt-message-log>', () => {
  it('is accessible, empty and with messages and system lines', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    await expect(el).to.be.accessible();
    const bob = fakePeer({ name: 'Bob', tab: 2 });
    client.dispatchEvent(new PeerConnectedEvent({ peer: bob }));
    client.dispatchEvent(new VerifiedEvent({ peer: bob, trust: 'key-changed', safetyCode: '1' }));
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'm1', text: 'hello', sentAt: Date.now(), direct: false }));
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'm2', text: 'psst', sentAt: Date.now(), direct: true }));
    client.dispatchEvent(sent('m3', 'hi Bob', Date.now(), [bob.key]));
    client.dispatchEvent(new DeliveredEvent({ peer: bob, id: 'm3', complete: true }));
    client.dispatchEvent(new VerificationFailedEvent({ peer: fakePeer({ name: 'Mallory', state: 'failed' }), reason: 'bad-signature' }));
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const log = inShadow(el, '[role="log"]')!;
    expect(log.getAttribute('aria-label')).to.equal('Messages');
    // New lines are read from a live region of their own, not from the log, whose rows also
    // change as the reader scrolls: the newest three from others, none of ours.
    expect(log.getAttribute('aria-live')).to.equal('off');
    const live = inShadow(el, '[aria-live="polite"]')!;
    expect([...live.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([
      'Bob: hello',
      'Bob: psst',
      'Could not check that Mallory is who they say (their proof did not match), so they were disconnected.',
    ]);
  });

  it('shows who sent what, ours apart from others, delivery, and system lines', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob', tab: 2 });
    client.dispatchEvent(new PeerConnectedEvent({ peer: bob }));
    client.dispatchEvent(new VerifiedEvent({ peer: bob, trust: 'pinned', safetyCode: '1' }));
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'm1', text: 'hello', sentAt: Date.now(), direct: false }));
    client.dispatchEvent(sent('m2', 'hi Bob', Date.now(), [bob.key]));
    await el.updateComplete;

    const messages = allInShadow(el, '[part~="message"]');
    expect(messages.map((m) => m.getAttribute('part'))).to.deep.equal(['message other', 'message own']);
    expect(messages.map((m) => m.querySelector('[part="sender"]')!.textContent)).to.deep.equal(['Bob', 'You']);
    expect(bodies(el)).to.deep.equal(['hello', 'hi Bob']);
    expect(getComputedStyle(messages[0]).backgroundColor).not.to.equal(getComputedStyle(messages[1]).backgroundColor);
    const delivery = () => inShadow(el, '[part="delivery"]')!.textContent!.trim();
    expect(delivery()).to.equal('sent');
    client.dispatchEvent(new DeliveredEvent({ peer: bob, id: 'm2', complete: true }));
    await el.updateComplete;
    expect(delivery()).to.equal('delivered');

    client.dispatchEvent(new PeerDisconnectedEvent({ peer: bob, reason: 'left' }));
    client.dispatchEvent(new VerificationFailedEvent({ peer: fakePeer({ name: 'Mallory', state: 'failed' }), reason: 'channel-mismatch' }));
    await el.updateComplete;
    expect(allInShadow(el, '[part="system"]').map((s) => s.textContent)).to.deep.equal([
      'Bob joined.',
      'Bob is verified.',
      'Bob left.',
      'Could not check that Mallory is who they say (someone may be in between), so they were disconnected.',
    ]);
  });

  it('keeps names and messages as text: markup stays inert', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const evil = fakePeer({ name: '<img src=x onerror="window.pwned=1">' });
    const text = '<script>window.pwned=1</script><img src=x onerror="window.pwned=1"><b>bold</b>';
    client.dispatchEvent(new PeerConnectedEvent({ peer: evil }));
    client.dispatchEvent(new ChatMessageEvent({ peer: evil, id: 'm1', text, sentAt: Date.now(), direct: false }));
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(bodies(el)).to.deep.equal([text]);
    expect(inShadow(el, '[part="sender"]')!.textContent).to.equal('<img src=x onerror="window.pwned=1">');
    expect(el.shadowRoot!.querySelectorAll('img, script, b')).to.have.length(0);
    expect((window as any).pwned).to.equal(undefined);
  });

  it('keeps only the last `limit` lines', async () => {
    const client = new FakeClient();
    const el = await logWith(client, 20);
    const bob = fakePeer({ name: 'Bob' });
    for (let i = 0; i < 60; i++) client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: `m${i}`, text: `message ${i}`, sentAt: Date.now(), direct: false }));
    await el.updateComplete;
    const shown = bodies(el);
    expect(shown).to.have.length(20);
    expect(shown[0]).to.equal('message 40');
    expect(shown[19]).to.equal('message 59');
  });

  it('stays at the newest message unless the reader scrolled up', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    el.style.height = '10rem';
    const bob = fakePeer({ name: 'Bob' });
    const say = async (n: number) => {
      client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: `m${n}`, text: `message ${n}`, sentAt: Date.now(), direct: false }));
      await el.updateComplete;
    };
    for (let i = 0; i < 30; i++) await say(i);
    const log = inShadow(el, '[part="base"]')!;
    const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 2;
    expect(log.scrollHeight).to.be.greaterThan(log.clientHeight);
    expect(atBottom()).to.be.true;

    log.scrollTop = 0; // the reader scrolls up to read older messages
    await say(30);
    expect(log.scrollTop).to.equal(0);

    log.scrollTop = log.scrollHeight; // back down: follows new messages again
    await say(31);
    expect(atBottom()).to.be.true;
  });

  it('shows the start of a long message with "Show more", and all of it on demand', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    const long = 'word '.repeat(3000).trim();
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'm1', text: long, sentAt: Date.now(), direct: false }));
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'm2', text: 'short', sentAt: Date.now(), direct: false }));
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const first = () => bodies(el)[0]!;
    expect(first().length).to.be.at.most(1_001);
    expect(first().endsWith('word…')).to.be.true;
    expect(bodies(el)[1]).to.equal('short');
    const buttons = allInShadow<HTMLButtonElement>(el, '[part="show-more"]');
    expect(buttons, 'only the long message has one').to.have.length(1);
    const button = buttons[0];
    const state = () => [button.textContent!.trim(), button.getAttribute('aria-expanded')];
    expect(state()).to.deep.equal(['Show more', 'false']);
    expect(inShadow(el, `#${button.getAttribute('aria-controls')}`)!.textContent).to.equal(first());

    await click(button);
    await el.updateComplete;
    expect(first()).to.equal(long);
    expect(state()).to.deep.equal(['Show less', 'true']);
    await click(button);
    await el.updateComplete;
    expect(first().length).to.be.at.most(1_001);
    expect(state()).to.deep.equal(['Show more', 'false']);
  });

  it('draws messages that arrive in separate tasks at most once per frame', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'm0', text: 'first', sentAt: Date.now(), direct: false }));
    await el.updateComplete;
    let draws = 0;
    const observer = new MutationObserver(() => draws++);
    observer.observe(inShadow(el, '[part="lines"]')!, { childList: true });
    let frames = 0;
    let counting = true;
    const tick = () => {
      frames++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // As data-channel messages come: each its own task.
    const channel = new MessageChannel();
    await new Promise<void>((done) => {
      let i = 1;
      channel.port1.onmessage = () => {
        client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: `m${i}`, text: `message ${i}`, sentAt: Date.now(), direct: false }));
        if (++i <= 300) channel.port2.postMessage(null);
        else done();
      };
      channel.port2.postMessage(null);
    });
    await el.updateComplete;
    counting = false;
    observer.disconnect();
    // A window of the newest lines is in the document (message-log-window.test.ts scrolls it).
    const shown = bodies(el);
    expect(shown.at(-1)).to.equal('message 300');
    expect(shown.length).to.be.within(100, 150);
    expect(shown).to.deep.equal(Array.from({ length: shown.length }, (_, i) => `message ${301 - shown.length + i}`));
    expect(draws, `${draws} draws in ${frames} frames`).to.be.at.most(frames + 1);
    expect(draws).to.be.below(30);
  });

  it('formats times in the language of the closest [lang] ancestor', async () => {
    const client = new FakeClient();
    const wrapper = await fixture<HTMLElement>(html`<div lang="de-DE"><rt-message-log .client=${client.asClient}></rt-message-log></div>`);
    const el = wrapper.querySelector('rt-message-log')!;
    const at = new Date(2026, 0, 2, 15, 7).getTime();
    client.dispatchEvent(sent('m1', 'hallo', at, []));
    await el.updateComplete;
    const time = inShadow(el, '[part="time"]')!;
    expect(time.textContent).to.equal(new Intl.DateTimeFormat('de-DE', { hour: 'numeric', minute: '2-digit' }).format(at));
    expect(time.textContent).to.equal('15:07');
    expect(time.getAttribute('datetime')).to.equal(new Date(at).toISOString());
    expect(inShadow(el, '[part="delivery"]')!.textContent!.trim()).to.equal('not sent: nobody verified');
  });

  it('can be styled through its parts and custom properties', async () => {
    const client = new FakeClient();
    const wrapper = await fixture<HTMLElement>(html`<div>
      <style>
        .themed::part(message) { border-top: 3px solid rgb(1, 2, 3); }
        .themed { --rt-accent: rgb(200, 0, 100); }
      </style>
      <rt-message-log class="themed" .client=${client.asClient}></rt-message-log>
    </div>`);
    const el = wrapper.querySelector('rt-message-log')!;
    client.dispatchEvent(sent('m1', 'styled', Date.now(), []));
    await el.updateComplete;
    const message = inShadow(el, '[part~="message"]')!;
    expect(getComputedStyle(message).borderTopColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(message).backgroundColor).to.equal('rgb(200, 0, 100)');
  });

  it('shows the conversation the client kept from earlier visits, then new messages', async () => {
    const client = new FakeClient();
    const bob = fakePeer({ name: 'Bob' });
    client.history = [
      { id: 'h1', from: { key: bob.key, tab: 2, name: 'Bob' }, to: null, direct: false, text: 'earlier', sentAt: 1_000, deliveredTo: [], sentTo: [] },
      { id: 'h2', from: null, to: null, direct: false, text: 'my earlier', sentAt: 2_000, deliveredTo: [bob.key], sentTo: [bob.key] },
    ];
    const el = await logWith(client);
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'h1', text: 'earlier', sentAt: 1_000, direct: false })); // the same message again: shown once
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'n1', text: 'now', sentAt: Date.now(), direct: false }));
    await el.updateComplete;
    expect(bodies(el)).to.deep.equal(['earlier', 'my earlier', 'now']);
    expect(allInShadow(el, '[part="sender"]').map((s) => s.textContent)).to.deep.equal(['Bob', 'You', 'Bob']);
    expect(inShadow(el, '[part="delivery"]')!.textContent!.trim()).to.equal('delivered');
  });

  it('numbers the tabs of a person only while two of them are here', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const first = fakePeer({ name: 'Bob' });
    const second = { ...fakePeer({ name: 'Bob', tab: 2 }), key: first.key, label: 'Bob (2)', verified: true } as typeof first;
    client.peers = [first];
    client.dispatchEvent(new ChatMessageEvent({ peer: first, id: 'a', text: 'from one tab', sentAt: Date.now() - 120_000, direct: false }));
    await el.updateComplete;
    client.peers = [first, second];
    client.dispatchEvent(new ChatMessageEvent({ peer: second, id: 'b', text: 'from the other', sentAt: Date.now(), direct: false }));
    await el.updateComplete;
    expect(allInShadow(el, '[part="sender"]').map((s) => s.textContent)).to.deep.equal(['Bob', 'Bob (2)']);
  });

  it('takes replacement strings', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    el.strings = { emptyLog: 'Noch keine Nachrichten.', logLabel: 'Nachrichten' };
    await el.updateComplete;
    expect(inShadow(el, '[part="empty"]')!.textContent).to.equal('Noch keine Nachrichten.');
    expect(inShadow(el, '[role="log"]')!.getAttribute('aria-label')).to.equal('Nachrichten');
  });
});
