import { expect } from '@open-wc/testing';
import { clipText, CLIP_CHARS, CLIP_LINES } from '../../src/elements/message-log/clip.js';

// How much of a long message the log shows before "Show more".

describe('clipText', () => {
  it('leaves short messages whole', () => {
    expect(clipText('hello')).to.equal(null);
    expect(clipText('x'.repeat(CLIP_CHARS))).to.equal(null);
    expect(clipText(Array(CLIP_LINES).fill('line').join('\n'))).to.equal(null);
  });

  it('cuts long ones at a word, within the limit, with an ellipsis', () => {
    const text = 'lorem ipsum dolor sit amet '.repeat(100);
    const clipped = clipText(text)!;
    expect(clipped.length).to.be.at.most(CLIP_CHARS + 1);
    expect(clipped.endsWith('…')).to.be.true;
    expect(text.startsWith(clipped.slice(0, -1))).to.be.true;
    expect(clipped.at(-2)).to.not.equal(' ');
    expect(/\w…$/.test(clipped) && text[clipped.length - 1] === ' ').to.be.true;
  });

  it('cuts an unbroken run at the limit, and many short lines after CLIP_LINES', () => {
    expect(clipText('x'.repeat(16_000))).to.equal(`${'x'.repeat(CLIP_CHARS)}…`);
    expect(clipText(Array(100).fill('line').join('\n'))).to.equal(`${Array(CLIP_LINES).fill('line').join('\n')}…`);
  });

  it('never splits a surrogate pair', () => {
    const clipped = clipText('😀'.repeat(1000), 11)!;
    expect(clipped).to.equal(`${'😀'.repeat(5)}…`);
  });
});
