import { expect } from '@open-wc/testing';
import { Announcer } from '../../../src/core/signaling/announcer.js';

// The announce schedule on its own, with short delays: a backoff, then a slow tail that
// goes on only while announcing still helps, and ensure() to resume the tail. Waits are for
// conditions, never for a fixed time that a busy machine could overrun.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

describe('Announcer', () => {
  let announcer: Announcer | undefined;
  afterEach(() => announcer?.stop());

  it('announces at once, runs its backoff, then keeps a slow tail while needed, and goes quiet when not', async () => {
    let sent = 0;
    let needed = true;
    announcer = new Announcer(async () => void sent++, () => needed, [20, 20], 60);
    announcer.start();
    expect(sent).to.equal(1);
    await until(() => sent === 3); // the two backoff steps
    await until(() => sent === 5); // the tail goes on while needed
    needed = false;
    const before = sent;
    await sleep(300); // several tail periods: none announces once not needed
    expect(sent).to.equal(before);
  });

  it('ensure() resumes the tail without announcing at once', async () => {
    let sent = 0;
    let needed = false;
    announcer = new Announcer(async () => void sent++, () => needed, [10], 30);
    announcer.start();
    expect(sent).to.equal(1);
    needed = true;
    announcer.ensure();
    expect(sent).to.equal(1);
    await until(() => sent >= 2);
  });

  it('does nothing on ensure() once stopped (the client left)', async () => {
    let sent = 0;
    announcer = new Announcer(async () => void sent++, () => true, [10], 10);
    announcer.start();
    announcer.stop();
    announcer.ensure();
    await sleep(100);
    expect(sent).to.equal(1);
  });
});
