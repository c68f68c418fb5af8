import { expect } from '@open-wc/testing';
import { RTChatClient, WEAK_SECRET_BITS, WeakSecretEvent, estimateSecretBits, fromBase64Url, type RTChatClientOptions } from '../../src/index.js';
import { closePeers, openPeer } from '../harness/peer.js';
import { localClients } from '../harness/recorder.js';
import { startRemote, testOptions } from '../harness/rooms.js';

// Secrets as a page author meets them: a generated one, and a weak one that the client
// reports (console and event) while it joins a real broker.

/** Joins with `options`, recording `weaksecret` events and console warnings from the start. */
async function join(options: RTChatClientOptions, track: (c: RTChatClient) => void) {
  const warnings: unknown[][] = [];
  const events: WeakSecretEvent[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args);
  try {
    const client = new RTChatClient(options);
    track(client);
    client.addEventListener('weaksecret', (e) => events.push(e));
    await client.connect();
    return { client, warnings, events };
  } finally {
    console.warn = warn;
  }
}

describe('room secrets', function () {
  this.timeout(40_000);
  const clients = localClients();
  const track = (c: RTChatClient) => clients.track(c);

  afterEach(async () => {
    await clients.disconnectAll();
    await closePeers();
  });

  it('createSecret gives 22 base64url characters of 128 random bits, never the same twice', () => {
    const secrets = Array.from({ length: 1000 }, () => RTChatClient.createSecret());
    for (const s of secrets) expect(s).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(secrets).size).to.equal(1000);
    expect(fromBase64Url(secrets[0])).to.have.length(16);
    // Every bit is used: over 1000 secrets each of the 128 bits was set at least once and clear at least once.
    const ones = new Array(128).fill(0);
    for (const s of secrets) fromBase64Url(s).forEach((byte, i) => [...Array(8).keys()].forEach((b) => (ones[i * 8 + b] += (byte >> b) & 1)));
    expect(Math.min(...ones)).to.be.above(0);
    expect(Math.max(...ones)).to.be.below(1000);
    expect(Math.min(...secrets.slice(0, 100).map(estimateSecretBits))).to.be.at.least(WEAK_SECRET_BITS);
  });

  it('joining with a weak secret warns once on the console and fires weaksecret, and joins anyway', async () => {
    const { client, warnings, events } = await join(testOptions(`weak-${crypto.randomUUID()}`, { secret: 'sunshine1' }), track);
    expect(client.state).to.equal('connected');
    expect(events).to.have.length(1);
    expect(events[0]).to.be.instanceOf(WeakSecretEvent);
    expect(events[0].bits).to.equal(estimateSecretBits('sunshine1'));
    expect(events[0].bits).to.be.below(20);
    expect(events[0].threshold).to.equal(64);
    expect(warnings).to.have.length(1);
    const message = String(warnings[0][0]);
    expect(message).to.contain("this room's secret is weak");
    expect(message).to.contain(`about ${Math.round(events[0].bits)} bits`);
    expect(message).to.contain('RTChatClient.createSecret()');
    expect(message).to.not.contain('sunshine1'); // the console is no place for the secret itself
  });

  it('joining with a generated secret, or none, says nothing; two clients with the same generated secret meet', async () => {
    const topic = `strong-${crypto.randomUUID()}`;
    const secret = RTChatClient.createSecret();
    const strong = await join(testOptions(topic, { name: 'Ada', secret }), track);
    const open = await join(testOptions(`open-${crypto.randomUUID()}`), track);
    expect([...strong.warnings, ...open.warnings, ...strong.events, ...open.events]).to.deep.equal([]);

    // Someone else with the same secret (say, from the same "new secret room" link) meets us.
    const seen: string[] = [];
    strong.client.addEventListener('verified', (e) => seen.push(e.peer.name));
    const page = await openPeer('new-context');
    await startRemote(page, testOptions(topic, { name: 'Grace', secret }));
    const deadline = Date.now() + 20_000;
    while (!seen.includes('Grace') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(seen).to.deep.equal(['Grace']);
  });
});
