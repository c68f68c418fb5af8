import { expect } from '@open-wc/testing';
import { TitleBadge, titleBadgeOf } from '../../../src/elements/chat-room/title-badge.js';

// The page title as one badge for all rooms of a page, on documents of its own.

const pageTitled = (title: string) => document.implementation.createHTMLDocument(title);

describe('TitleBadge', () => {
  it('shows the sum of every room as a "(n) " prefix and restores the title exactly', () => {
    const page = pageTitled('  Help  desk – Acme ');
    const raw = page.querySelector('title')!.textContent;
    const badge = new TitleBadge(page);
    const lobby = {};
    const support = {};
    badge.set(lobby, 1);
    expect(page.querySelector('title')!.textContent).to.equal(`(1) ${raw}`);
    badge.set(support, 2);
    expect(page.title).to.equal('(3) Help desk – Acme');
    badge.set(lobby, 0);
    expect(page.title).to.equal('(2) Help desk – Acme');
    badge.delete(support);
    expect(page.querySelector('title')!.textContent, 'the very text, spaces and all').to.equal(raw);
    expect(badge.total).to.equal(0);
  });

  it("keeps a title the page set meanwhile, and counts on top of the page's new one", () => {
    const page = pageTitled('Inbox');
    const badge = new TitleBadge(page);
    const room = {};
    badge.set(room, 1);
    page.title = 'Inbox – 3 new';
    badge.set(room, 2);
    expect(page.title).to.equal('(2) Inbox – 3 new');
    page.title = 'Settings';
    badge.set(room, 0);
    expect(page.title).to.equal('Settings');
  });

  it('removes the <title> it had to make for a page without one', () => {
    const page = document.implementation.createHTMLDocument();
    page.querySelector('title')?.remove();
    const badge = new TitleBadge(page);
    const room = {};
    badge.set(room, 4);
    expect(page.title).to.equal('(4)');
    badge.set(room, 0);
    expect(page.querySelector('title')).to.equal(null);
  });

  it('is one per document', () => {
    const page = pageTitled('A');
    expect(titleBadgeOf(page)).to.equal(titleBadgeOf(page));
    expect(titleBadgeOf(page)).to.not.equal(titleBadgeOf(pageTitled('B')));
  });
});
