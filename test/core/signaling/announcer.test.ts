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
    announcer = new Announcer(
      async () => void sent++,
      () => needed,
      [20, 20],
      60,
    );
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
    announcer = new Announcer(
      async () => void sent++,
      () => needed,
      [10],
      30,
    );
    announcer.start();
    expect(sent).to.equal(1);
    needed = true;
    announcer.ensure();
    expect(sent).to.equal(1);
    await until(() => sent >= 2);
  });

  it('does nothing on ensure() once stopped (the client left)', async () => {
    let sent = 0;
    announcer = new Announcer(
      async () => void sent++,
      () => true,
      [10],
      10,
    );
    announcer.start();
    announcer.stop();
    announcer.ensure();
    await sleep(100);
    expect(sent).to.equal(1);
  });

  /** An announcer whose sends and `needed` checks are counted and timed. */
  function counted(backoff: number[], tailMs: number, needed = () => false) {
    const log = { sent: [] as number[], checks: 0 };
    announcer = new Announcer(
      async () => void log.sent.push(performance.now()),
      () => {
        log.checks++;
        return needed();
      },
      backoff,
      tailMs,
    );
    return { log, announcer };
  }

  it('waits at least each backoff delay, in order, then at least 80 % of the tail period', async () => {
    const { log, announcer: a } = counted([60, 120], 200, () => true);
    a.start();
    await until(() => log.sent.length >= 5);
    a.stop();
    const gaps = log.sent.slice(1).map((t, i) => t - log.sent[i]);
    // Lower bounds only (a busy machine makes timers late, never early); 5 ms for timer granularity.
    expect(gaps[0]).to.be.at.least(60 - 5);
    expect(gaps[1]).to.be.at.least(120 - 5);
    expect(gaps[2]).to.be.at.least(0.8 * 200 - 5);
    expect(gaps[3]).to.be.at.least(0.8 * 200 - 5);
  });

  it('asks whether a follow-up is needed only at the follow-ups, not for the first announce', () => {
    const { log, announcer: a } = counted([50], 50, () => true);
    a.start();
    expect(log.sent).to.have.length(1);
    expect(log.checks).to.equal(0);
  });

  it('runs the whole backoff when nothing is needed, announcing nothing more, then checks the tail once and goes quiet', async () => {
    const { log, announcer: a } = counted([10, 10], 40);
    a.start();
    await until(() => log.checks >= 3);
    await sleep(300); // several tail periods
    expect(log.checks).to.equal(3); // two backoff steps and one tail check
    expect(log.sent).to.have.length(1);
  });

  it('adds no second schedule when ensure() is called while a follow-up is pending', async () => {
    const { log, announcer: a } = counted([10, 10], 40);
    a.start();
    for (let i = 0; i < 5; i++) a.ensure();
    await until(() => log.checks >= 3);
    await sleep(300);
    expect(log.checks).to.equal(3);
    expect(log.sent).to.have.length(1);
  });

  it('checks once more on ensure() after going quiet, and stays quiet while not needed', async () => {
    const { log, announcer: a } = counted([10], 20);
    a.start();
    await until(() => log.checks >= 2);
    await sleep(100);
    expect(log.checks).to.equal(2);
    a.ensure();
    await until(() => log.checks >= 3);
    await sleep(200);
    expect(log.checks).to.equal(3);
    expect(log.sent).to.have.length(1);
  });

  it('sends no follow-up after stop(), in the backoff or in the tail', async () => {
    const { log, announcer: a } = counted([10], 10);
    a.start();
    a.stop();
    await sleep(200);
    expect(log.checks).to.equal(0);
    expect(log.sent).to.have.length(1);

    const tail = counted([10], 30, () => true);
    tail.announcer.start();
    await until(() => tail.log.sent.length >= 3); // into the tail
    tail.announcer.stop();
    const sent = tail.log.sent.length;
    await sleep(300);
    expect(tail.log.sent).to.have.length(sent);
  });

  it('restarts the backoff on start() again, announcing at once and keeping one schedule', async () => {
    const { log, announcer: a } = counted([10, 10], 40);
    a.start();
    a.start();
    expect(log.sent).to.have.length(2);
    await until(() => log.checks >= 3);
    await sleep(300);
    expect(log.checks).to.equal(3);
  });

  it('starts again after stop() (the client joins again)', async () => {
    const { log, announcer: a } = counted([10], 20, () => true);
    a.start();
    a.stop();
    a.start();
    expect(log.sent).to.have.length(2);
    await until(() => log.sent.length >= 4); // the follow-ups run again
  });

  it('announces on now() without starting a schedule, resolving once the send is done', async () => {
    let release!: () => void;
    let sends = 0;
    let checks = 0;
    announcer = new Announcer(
      () => {
        sends++;
        return new Promise<void>((r) => (release = r));
      },
      () => (checks++, true),
      [10],
      10,
    );
    let done = false;
    const now = announcer.now().then(() => (done = true));
    expect(sends).to.equal(1);
    await sleep(50);
    expect(done).to.be.false;
    release();
    await now;
    expect(done).to.be.true;
    await sleep(100);
    expect([sends, checks]).to.deep.equal([1, 0]);
  });

  it('reports Infinity since the last announce before the first, then the time since it', async () => {
    announcer = new Announcer(
      async () => {},
      () => false,
    );
    expect(announcer.sinceLast).to.equal(Infinity);
    await announcer.now();
    const first = announcer.sinceLast;
    expect(first).to.be.at.least(0).and.below(60_000);
    await sleep(30);
    expect(announcer.sinceLast).to.be.at.least(first + 25);
  });
});
