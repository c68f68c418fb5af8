import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  ChatMessageEvent,
  ChatSentEvent,
  FileEndEvent,
  FileOfferEvent,
  FileProgressEvent,
  FileReceivedEvent,
  FileSentEvent,
  PeerDisconnectedEvent,
  ReactionEvent,
  TypingEvent,
} from '../../src/core/events/index.js';
import '../../src/elements/message-log/define.js';
import type { RTMessageLog } from '../../src/elements/message-log/message-log.js';
import { TypingPeople } from '../../src/elements/message-log/typing-people.js';
import { allInShadow, inShadow, until } from './dom.js';
import { FakeClient, fakePeer, fakeTransfer } from './fake-client.js';
import { fileLines } from './room-view.js';

// Files, reactions and typing in the log on its own, fed by a stand-in client: every state
// is quick to reach this way. The same features between two real browsers are in
// rich-chat.test.ts.

const logWith = (client: FakeClient, limit = 500) => fixture<RTMessageLog>(html`<rt-message-log .client=${client.asClient} limit=${limit}></rt-message-log>`);

/** A 2×2 red PNG, made by the browser. */
const png = () =>
  new Promise<Blob>((resolve) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 2;
    canvas.getContext('2d')!.fillRect(0, 0, 2, 2);
    canvas.toBlob((b) => resolve(b!), 'image/png');
  });

/** The reactions row of the message with `text`: emoji, count, pressed, accessible name. */
const reactionsOf = (el: RTMessageLog, text: string) => {
  const li = allInShadow(el, '[part~="message"]').find((m) => m.querySelector('[part="body"]')!.textContent === text)!;
  return [...li.querySelectorAll<HTMLButtonElement>('[part="reaction"]')].map((b) => ({
    emoji: b.dataset.emoji,
    count: b.querySelector('.count')!.textContent,
    pressed: b.getAttribute('aria-pressed'),
    label: b.title,
  }));
};

const sent = (id: string, text: string) =>
  new ChatSentEvent({ record: { id, from: null, to: null, direct: false, text, sentAt: Date.now(), deliveredTo: [], sentTo: [] }, to: null });

describe('<rt-message-log> files, reactions and typing', () => {
  it('is accessible with a file offer, a transfer under way, a received image, reactions and typing', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    client.peers = [bob];
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'm1', text: 'hello', sentAt: Date.now(), direct: false }));
    const offer = fakeTransfer({ peer: bob, name: 'report.pdf', size: 1_200_000 });
    client.dispatchEvent(new FileOfferEvent({ peer: bob, transfer: offer.transfer }));
    await el.updateComplete;
    await expect(el).to.be.accessible();

    offer.transfer.state = 'transferring';
    offer.transfer.bytes = 300_000;
    client.dispatchEvent(new FileProgressEvent({ peer: bob, transfer: offer.transfer }));
    client.dispatchEvent(new ReactionEvent({ peer: bob, messageId: 'm1', emoji: '👍', on: true }));
    client.dispatchEvent(new TypingEvent({ peer: bob }));
    await el.updateComplete;
    await expect(el).to.be.accessible();

    const image = fakeTransfer({ peer: bob, name: 'red.png', type: 'image/png', size: 0 });
    const blob = await png();
    Object.assign(image.transfer, { state: 'done', file: new File([blob], 'red.png', { type: 'image/png' }) });
    client.dispatchEvent(new FileReceivedEvent({ peer: bob, transfer: image.transfer, file: image.transfer.file! }));
    client.dispatchEvent(new FileEndEvent({ peer: bob, transfer: image.transfer }));
    await el.updateComplete;
    inShadow<HTMLButtonElement>(el, '[part="react-button"]')!.click(); // the picker open
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('offers a peer’s file with Accept and Decline, shows its progress, then a link to the bytes', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    const { transfer, asked } = fakeTransfer({ peer: bob, name: 'notes.txt', type: 'text/plain', size: 2_500 });
    client.dispatchEvent(new FileOfferEvent({ peer: bob, transfer }));
    await el.updateComplete;
    expect(fileLines(el)).to.deep.equal([{ name: 'notes.txt (2.5 kB)', own: false, status: ['wants to send you this file'], buttons: ['Accept', 'Decline'] }]);
    expect(inShadow(el, '[part~="file"] [part="sender"]')!.textContent).to.equal('Bob');

    // Accept from the keyboard.
    inShadow<HTMLButtonElement>(el, '[part="accept-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(asked).to.deep.equal(['accept']);
    expect(fileLines(el)[0].status).to.deep.equal(['receiving…']);
    transfer.bytes = 1_000;
    client.dispatchEvent(new FileProgressEvent({ peer: bob, transfer }));
    await el.updateComplete;
    const progress = inShadow<HTMLProgressElement>(el, '[part="progress"]')!;
    expect([progress.value, progress.max]).to.deep.equal([40, 100]);
    expect(progress.getAttribute('aria-label')).to.equal('notes.txt, Bob');
    // The live log does not read out every percent: the number beside the bar is hidden from it.
    expect(inShadow(el, '.percent')!.getAttribute('aria-hidden')).to.equal('true');
    expect(fileLines(el)[0].buttons).to.deep.equal(['Cancel']);

    const bytes = 'x'.repeat(2_500);
    Object.assign(transfer, { state: 'done', bytes: 2_500, file: new File([bytes], 'notes.txt', { type: 'text/plain' }) });
    client.dispatchEvent(new FileReceivedEvent({ peer: bob, transfer, file: transfer.file! }));
    client.dispatchEvent(new FileEndEvent({ peer: bob, transfer }));
    await el.updateComplete;
    const link = inShadow<HTMLAnchorElement>(el, '[part="download"]')!;
    expect(link.textContent).to.equal('Save notes.txt');
    expect(link.download).to.equal('notes.txt');
    expect(await (await fetch(link.href)).text()).to.equal(bytes);
    expect(inShadow(el, '[part="preview"]'), 'no preview for text').to.equal(null);
  });

  it('says when an offer was declined, cancelled or failed', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    const declined = fakeTransfer({ peer: bob, name: 'a.bin', size: 10 });
    const cancelled = fakeTransfer({ peer: bob, name: 'b.bin', size: 10, state: 'transferring' });
    const failed = fakeTransfer({ peer: bob, name: 'c.bin', size: 10, state: 'transferring' });
    for (const f of [declined, cancelled, failed]) client.dispatchEvent(new FileOfferEvent({ peer: bob, transfer: f.transfer }));
    await el.updateComplete;
    inShadow<HTMLButtonElement>(el, '[part="decline-button"]')!.click();
    allInShadow<HTMLButtonElement>(el, '[part="cancel-button"]')[0].click();
    Object.assign(failed.transfer, { state: 'failed', failure: 'integrity' });
    client.dispatchEvent(new FileEndEvent({ peer: bob, transfer: failed.transfer }));
    await el.updateComplete;
    expect(declined.asked).to.deep.equal(['decline']);
    expect(cancelled.asked).to.deep.equal(['cancel']);
    expect(fileLines(el).map((l) => l.status[0])).to.deep.equal(['declined', 'cancelled', 'failed: the file arrived damaged']);
    expect(fileLines(el).flatMap((l) => l.buttons)).to.deep.equal([]);
  });

  it('shows a received image as a small preview', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    const blob = await png();
    const { transfer } = fakeTransfer({ peer: bob, name: 'red.png', type: 'image/png', size: blob.size, state: 'done' });
    transfer.file = new File([blob], 'red.png', { type: 'image/png' });
    client.dispatchEvent(new FileEndEvent({ peer: bob, transfer }));
    await el.updateComplete;
    const preview = inShadow<HTMLImageElement>(el, '[part="preview"]')!;
    expect(preview.alt).to.equal('red.png');
    await until(() => preview.complete && preview.naturalWidth === 2, 'the preview decoded');
  });

  it('shows our file to several peers as one line, with each one’s state and Cancel', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    const carol = fakePeer({ name: 'Carol', tab: 2 });
    client.peers = [bob, carol];
    const toBob = fakeTransfer({ id: 'f1', direction: 'send', peer: bob, name: 'plan.txt', size: 100 });
    const toCarol = fakeTransfer({ id: 'f1', direction: 'send', peer: carol, name: 'plan.txt', size: 100 });
    client.dispatchEvent(new FileSentEvent({ transfers: [toBob.transfer, toCarol.transfer], to: null }));
    await el.updateComplete;
    expect(allInShadow(el, '[part~="file"]').map((l) => l.getAttribute('part'))).to.deep.equal(['file own']);
    const rows = () =>
      allInShadow(el, '[part="transfer"]').map((r) => [r.querySelector('[part="transfer-peer"]')!.textContent, r.querySelector('[part="file-status"]')!.textContent]);
    expect(rows()).to.deep.equal([
      ['Bob', 'waiting for an answer'],
      ['Carol', 'waiting for an answer'],
    ]);
    toBob.transfer.state = 'transferring';
    toBob.transfer.bytes = 50;
    client.dispatchEvent(new FileProgressEvent({ peer: bob, transfer: toBob.transfer }));
    toCarol.transfer.state = 'declined';
    client.dispatchEvent(new FileEndEvent({ peer: carol, transfer: toCarol.transfer }));
    await el.updateComplete;
    expect(rows()).to.deep.equal([
      ['Bob', 'sending…'],
      ['Carol', 'declined'],
    ]);
    inShadow<HTMLButtonElement>(el, '[part="cancel-button"]')!.click();
    await el.updateComplete;
    expect(toBob.asked).to.deep.equal(['cancel']);
    expect(rows()[0]).to.deep.equal(['Bob', 'cancelled']);

    // A transfer the page started itself shows up at its first progress.
    const direct = fakeTransfer({ id: 'f2', direction: 'send', peer: bob, name: 'late.txt', size: 10, state: 'transferring' });
    client.dispatchEvent(new FileProgressEvent({ peer: bob, transfer: direct.transfer }));
    await el.updateComplete;
    expect(fileLines(el).map((l) => l.name)).to.deep.equal(['plan.txt (100 bytes)', 'late.txt (10 bytes)']);
  });

  it('revokes a received file’s link when its line is dropped, and every link when removed', async () => {
    const client = new FakeClient();
    const el = await logWith(client, 3);
    const bob = fakePeer({ name: 'Bob' });
    const { transfer } = fakeTransfer({ peer: bob, name: 'old.txt', size: 3, state: 'done' });
    transfer.file = new File(['old'], 'old.txt');
    client.dispatchEvent(new FileEndEvent({ peer: bob, transfer }));
    await el.updateComplete;
    const href = inShadow<HTMLAnchorElement>(el, '[part="download"]')!.href;
    expect(await (await fetch(href)).text()).to.equal('old');
    for (let i = 0; i < 3; i++) client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: `m${i}`, text: `message ${i}`, sentAt: Date.now(), direct: false }));
    await el.updateComplete;
    expect(inShadow(el, '[part="download"]')).to.equal(null);
    let fetched = true;
    await fetch(href).catch(() => (fetched = false));
    expect(fetched, 'the dropped line’s URL is revoked').to.be.false;

    const second = fakeTransfer({ peer: bob, name: 'new.txt', size: 3, state: 'done' });
    second.transfer.file = new File(['new'], 'new.txt');
    client.dispatchEvent(new FileEndEvent({ peer: bob, transfer: second.transfer }));
    await el.updateComplete;
    const secondHref = inShadow<HTMLAnchorElement>(el, '[part="download"]')!.href;
    el.remove();
    fetched = true;
    await fetch(secondHref).catch(() => (fetched = false));
    expect(fetched, 'a removed log keeps no URL alive').to.be.false;
  });

  it('keeps file names as text: markup stays inert', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const name = '<img src=x onerror="window.pwned=1">.txt';
    const bob = fakePeer({ name: '<b>Bob</b>' });
    const { transfer } = fakeTransfer({ peer: bob, name, size: 1, state: 'done' });
    transfer.file = new File(['x'], name);
    client.dispatchEvent(new FileOfferEvent({ peer: bob, transfer: fakeTransfer({ peer: bob, name, size: 1 }).transfer }));
    client.dispatchEvent(new FileEndEvent({ peer: bob, transfer }));
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(fileLines(el).map((l) => l.name)).to.deep.equal([`${name} (1 byte)`, `${name} (1 byte)`]);
    expect(inShadow<HTMLAnchorElement>(el, '[part="download"]')!.download).to.equal(name);
    expect(el.shadowRoot!.querySelectorAll('img, b')).to.have.length(0);
    expect((window as any).pwned).to.equal(undefined);
  });

  it('shows reactions with counts and who gave them, from history too; pressing ours takes it back', async () => {
    const client = new FakeClient();
    const bob = fakePeer({ name: 'Bob' });
    const carol = fakePeer({ name: 'Carol' });
    client.peers = [bob, carol];
    client.history = [
      {
        id: 'h1',
        from: { key: bob.key, tab: 1, name: 'Bob' },
        to: null,
        direct: false,
        text: 'stored',
        sentAt: 1_000,
        deliveredTo: [],
        sentTo: [],
        reactions: { '🎉': [client.ownKey, 'gone-key'] },
      },
    ];
    const el = await logWith(client);
    client.dispatchEvent(sent('m1', 'mine'));
    client.dispatchEvent(new ReactionEvent({ peer: bob, messageId: 'm1', emoji: '👍', on: true }));
    client.dispatchEvent(new ReactionEvent({ peer: carol, messageId: 'm1', emoji: '👍', on: true }));
    client.dispatchEvent(new ReactionEvent({ peer: carol, messageId: 'm1', emoji: '❤️', on: true }));
    client.dispatchEvent(new ReactionEvent({ peer: bob, messageId: 'unknown', emoji: '👍', on: true })); // not shown here: ignored
    await el.updateComplete;
    expect(reactionsOf(el, 'stored')).to.deep.equal([{ emoji: '🎉', count: '2', pressed: 'true', label: '🎉 You, someone' }]);
    expect(reactionsOf(el, 'mine')).to.deep.equal([
      { emoji: '👍', count: '2', pressed: 'false', label: '👍 Bob, Carol' },
      { emoji: '❤️', count: '1', pressed: 'false', label: '❤️ Carol' },
    ]);

    // Pressing 👍 adds ours; pressing it again takes it back.
    const thumbs = () => allInShadow<HTMLButtonElement>(el, '[part~="own"] [part="reaction"]')[0];
    thumbs().click();
    await el.updateComplete;
    expect(reactionsOf(el, 'mine')[0]).to.deep.equal({ emoji: '👍', count: '3', pressed: 'true', label: '👍 Bob, Carol, You' });
    thumbs().click();
    await el.updateComplete;
    expect(reactionsOf(el, 'mine')[0]).to.include({ count: '2', pressed: 'false' });
    client.dispatchEvent(new ReactionEvent({ peer: carol, messageId: 'm1', emoji: '❤️', on: false }));
    await el.updateComplete;
    expect(reactionsOf(el, 'mine').map((r) => r.emoji)).to.deep.equal(['👍']);
  });

  it('adds a reaction from the picker by keyboard, quick or typed, and refuses what is not an emoji', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const bob = fakePeer({ name: 'Bob' });
    client.dispatchEvent(new ChatMessageEvent({ peer: bob, id: 'm1', text: 'hello', sentAt: Date.now(), direct: false }));
    await el.updateComplete;
    const open = inShadow<HTMLButtonElement>(el, '[part="react-button"]')!;
    expect(open.getAttribute('aria-expanded')).to.equal('false');
    open.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(open.getAttribute('aria-expanded')).to.equal('true');
    const picker = inShadow(el, '[part="reaction-picker"]')!;
    expect(open.getAttribute('aria-controls')).to.equal(picker.id);
    expect(allInShadow(el, '[part="quick-reaction"]').map((b) => b.textContent)).to.deep.equal(['👍', '❤️', '😂', '😮', '😢', '🎉']);
    // Focus moved to the first quick emoji; Tab to the second, Enter picks it and closes.
    expect(el.shadowRoot!.activeElement?.textContent).to.equal('👍');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(reactionsOf(el, 'hello').map((r) => [r.emoji, r.pressed])).to.deep.equal([['❤️', 'true']]);
    expect(inShadow(el, '[part="reaction-picker"]')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(inShadow(el, '[part="react-button"]'));

    // Any other emoji through the field; markup is refused and nothing is shown.
    inShadow<HTMLButtonElement>(el, '[part="react-button"]')!.click();
    await el.updateComplete;
    const input = inShadow<HTMLInputElement>(el, '[part="emoji-input"]')!;
    input.value = '<b>x</b>';
    inShadow<HTMLButtonElement>(el, '[part="emoji-submit"]')!.click();
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(reactionsOf(el, 'hello').map((r) => r.emoji)).to.deep.equal(['❤️']);
    input.value = '🦄';
    inShadow<HTMLButtonElement>(el, '[part="emoji-submit"]')!.click();
    await el.updateComplete;
    expect(reactionsOf(el, 'hello').map((r) => r.emoji)).to.deep.equal(['❤️', '🦄']);

    // Escape closes the picker and gives focus back.
    inShadow<HTMLButtonElement>(el, '[part="react-button"]')!.click();
    await el.updateComplete;
    await until(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'quick-reaction', 'focus in the picker');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(inShadow(el, '[part="reaction-picker"]')).to.equal(null);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('react-button');
  });

  it('says who is typing below the log, until their message arrives or they leave', async () => {
    const client = new FakeClient();
    const el = await logWith(client);
    const typing = () => inShadow(el, '[part="typing"]')!.textContent;
    const [ann, bob, cat, dan] = ['Ann', 'Bob', 'Cat', 'Dan'].map((name) => fakePeer({ name }));
    const stranger = fakePeer({ name: 'Eve', state: 'connected' });
    client.dispatchEvent(new TypingEvent({ peer: stranger })); // not verified: never shown
    await el.updateComplete;
    expect(typing()).to.equal('');
    expect(inShadow(el, '[part="typing"]')!.getAttribute('role')).to.equal('status');
    client.dispatchEvent(new TypingEvent({ peer: ann }));
    await el.updateComplete;
    expect(typing()).to.equal('Ann is typing…');
    client.dispatchEvent(new TypingEvent({ peer: bob }));
    await el.updateComplete;
    expect(typing()).to.equal('Ann and Bob are typing…');
    client.dispatchEvent(new TypingEvent({ peer: cat }));
    client.dispatchEvent(new TypingEvent({ peer: dan }));
    await el.updateComplete;
    expect(typing()).to.equal('Ann, Bob and 2 more are typing…');
    client.dispatchEvent(new ChatMessageEvent({ peer: ann, id: 'm1', text: 'done typing', sentAt: Date.now(), direct: false }));
    client.dispatchEvent(new PeerDisconnectedEvent({ peer: cat, reason: 'left' }));
    client.dispatchEvent(new ChatMessageEvent({ peer: dan, id: 'm2', text: 'me too', sentAt: Date.now(), direct: false }));
    await el.updateComplete;
    expect(typing()).to.equal('Bob is typing…');
    el.strings = { typing: (names) => `${names.join(' + ')} tippt…` };
    await el.updateComplete;
    expect(typing()).to.equal('Bob tippt…');
  });

  it('forgets a typist five seconds after the last signal', () => {
    const people = new TypingPeople();
    people.see('a', 'Ann', 1_000);
    people.see('b', 'Bob', 3_000);
    expect(people.names(5_999)).to.deep.equal(['Ann', 'Bob']);
    expect(people.nextChange(5_999)).to.equal(1);
    expect(people.names(6_000)).to.deep.equal(['Bob']);
    people.see('b', 'Bob', 7_000); // typing again keeps Bob
    expect(people.names(11_999)).to.deep.equal(['Bob']);
    expect(people.names(12_000)).to.deep.equal([]);
    expect(people.nextChange(12_000)).to.equal(null);
  });
});
