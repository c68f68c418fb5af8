import { expect } from '@open-wc/testing';
import { Announcer } from '../../../src/core/signaling/announcer.js';

// The announce schedule on its own, with short delays: a backoff, then a slow tail that
// goes on only while announcing still helps, and ensure() to resume the tail.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Announcer', () => {
  let announcer: Announcer | undefined;
  afterEach(() => announcer?.stop());

  it('announces at once, runs its backoff, then keeps a slow tail while needed', async () => {
    let sent = 0;
    let needed = true;
    announcer = new Announcer(async () => void sent++, () => needed, [20, 20], 60);
    announcer.start();
    expect(sent).to.equal(1);
    await sleep(60);
    expect(sent).to.equal(3); // the two backoff steps
    await sleep(160);
    expect(sent).to.be.within(4, 6); // the tail, every 48–72 ms
    needed = false;
    const before = sent;
    await sleep(200);
    expect(sent).to.be.at.most(before + 0); // silent once not needed
  });

  it('goes silent after the tail stops, and ensure() resumes it without announcing at once', async () => {
    let sent = 0;
    let needed = false;
    announcer = new Announcer(async () => void sent++, () => needed, [10], 30);
    announcer.start();
    await sleep(80);
    expect(sent).to.equal(1);
    needed = true;
    announcer.ensure();
    expect(sent).to.equal(1);
    await sleep(60);
    expect(sent).to.be.at.least(2);
  });

  it('does nothing on ensure() once stopped (the client left)', async () => {
    let sent = 0;
    announcer = new Announcer(async () => void sent++, () => true, [10], 10);
    announcer.start();
    announcer.stop();
    announcer.ensure();
    await sleep(60);
    expect(sent).to.equal(1);
  });
});
