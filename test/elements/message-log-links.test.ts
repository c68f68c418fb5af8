import { expect } from '@open-wc/testing';
import { splitLinks, type TextPart } from '../../src/elements/message-log/links.js';

// Which parts of a message become links: http(s) only, without the sentence around them.

const links = (text: string) => splitLinks(text).filter((p) => p.href);
const joined = (parts: TextPart[]) => parts.map((p) => p.text).join('');

describe('splitLinks', () => {
  it('leaves text without addresses as one plain part', () => {
    expect(splitLinks('hello there')).to.deep.equal([{ text: 'hello there' }]);
    expect(splitLinks('')).to.deep.equal([]);
  });

  it('finds http and https addresses in mixed text, in order, and gives the text back whole', () => {
    const text = 'see https://example.com/a?b=1#c and http://EXAMPLE.org/x then more';
    const parts = splitLinks(text);
    expect(parts).to.deep.equal([
      { text: 'see ' },
      { text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { text: ' and ' },
      { text: 'http://EXAMPLE.org/x', href: 'http://example.org/x' },
      { text: ' then more' },
    ]);
    expect(joined(parts)).to.equal(text);
  });

  it('never links javascript:, data:, file: or other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)//http://x.com',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://example.com',
      'vbscript:msgbox',
      'mailto:a@b.c',
    ]) {
      for (const p of links(text)) expect(p.href, text).to.match(/^https?:\/\//);
    }
    expect(links('javascript:alert(1)')).to.deep.equal([]);
    expect(links('data:text/html,<b>x</b>')).to.deep.equal([]);
    // A scheme hidden inside another word is not an address start.
    expect(links('xhttps://example.com')).to.deep.equal([]);
  });

  it('keeps an address from carrying a javascript: payload into the href', () => {
    const [link] = links('http://x.com/javascript:alert(1)');
    expect(new URL(link.href!).protocol).to.equal('http:');
  });

  it('leaves trailing punctuation and unopened brackets outside the link', () => {
    expect(links('go to https://example.com.').map((p) => p.text)).to.deep.equal(['https://example.com']);
    expect(links('is it https://example.com/?').map((p) => p.text)).to.deep.equal(['https://example.com/']);
    expect(links('(see https://example.com/page)').map((p) => p.text)).to.deep.equal(['https://example.com/page']);
    expect(links('https://en.wikipedia.org/wiki/Lisp_(programming_language)!').map((p) => p.text)).to.deep.equal(['https://en.wikipedia.org/wiki/Lisp_(programming_language)']);
    expect(links('"https://example.com/q",').map((p) => p.text)).to.deep.equal(['https://example.com/q']);
    const text = 'a https://example.com, b https://example.org; c.';
    expect(joined(splitLinks(text))).to.equal(text);
  });

  it('stops at markup characters and leaves a bare scheme as text', () => {
    expect(links('<a href="https://example.com">x</a>').map((p) => p.text)).to.deep.equal(['https://example.com']);
    expect(links('http:// nothing')).to.deep.equal([]);
    expect(links('https://')).to.deep.equal([]);
  });

  it('handles very long text quickly and leaves absurdly long addresses as text', () => {
    const long = `${'word '.repeat(50_000)}https://example.com/end ${'x'.repeat(100_000)}`;
    const start = performance.now();
    const parts = splitLinks(long);
    expect(performance.now() - start).to.be.below(1000); // a sanity bound, not a benchmark
    expect(joined(parts)).to.equal(long);
    expect(parts.filter((p) => p.href).map((p) => p.text)).to.deep.equal(['https://example.com/end']);
    expect(links(`https://example.com/${'a'.repeat(5000)}`)).to.deep.equal([]);
    const many = 'https://a.example/ '.repeat(2000);
    expect(links(many)).to.have.length(2000);
  });
});
