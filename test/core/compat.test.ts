import { expect } from '@open-wc/testing';
import { MQTT_URL } from 'virtual:mqtt-config';
import { MQTTRTCClient } from '../../src/index.js';
import { closePeers, openPeer, peerEval } from '../harness/peer.js';
import { hereFirst } from '../harness/rooms.js';

// The classic callback API, between two browser contexts.
describe('MQTTRTCClient (classic API)', function () {
  this.timeout(30_000);
  let rtc: MQTTRTCClient | undefined;
  afterEach(async () => {
    await rtc?.disconnect();
    await closePeers();
  });

  it('joins on construction and carries connectionrequest, connectedtopeer, chat, question and answer', async () => {
    const topic = `compat-${crypto.randomUUID()}`;
    const opts = (name: string) => ({ topic, name, brokers: [MQTT_URL], iceServers: [], storage: `rtchat-test-${crypto.randomUUID()}:` });
    const page = await openPeer('new-context');
    await peerEval(
      page,
      async (o) => {
        const h = (window as any).harness;
        const rtc = new h.rtchat.MQTTRTCClient(o);
        h.log = [];
        rtc.on('connectionrequest', async (user: string) => (h.log.push(`request ${user}`), true));
        rtc.on('chat', (m: string, sender: string) => h.log.push(`chat ${sender}: ${m}`));
        rtc.on('question', (q: any, sender: string) => `${sender} asked ${q}`);
        h.rtc = rtc;
        await rtc.load(); // joined and announced
      },
      opts('Remote'),
    );
    await hereFirst(); // Remote was here first: it decides about us

    rtc = new MQTTRTCClient(opts('Local'));
    const requests: string[] = [];
    rtc.on('connectionrequest', (user, info) => {
      requests.push(user);
      expect(info.publicKey).to.have.length(43);
      return true;
    });
    const connected = new Promise<string>((r) => rtc!.on('connectedtopeer', (user) => r(user)));
    const answers: unknown[] = [];
    rtc.on('answer', (a) => answers.push(a));
    expect(await connected).to.equal('Remote');
    // One decision per pair: the member (Remote) heard our announce and was asked; we joined,
    // which is consent to meet the members, so nobody asked us.
    expect(requests).to.deep.equal([]);
    expect(rtc.connectedUsers).to.deep.equal(['Remote']);

    rtc.sendChat('hi there');
    const log = await peerEval(page, async () => {
      const h = (window as any).harness;
      for (const end = Date.now() + 15_000; Date.now() < end && !h.log.some((l: string) => l.startsWith('chat'));) await new Promise((r) => setTimeout(r, 50));
      return h.log as string[];
    });
    expect(log).to.deep.equal(['request Local', 'chat Local: hi there']);

    expect(await rtc.getPeer('Remote')!.ask('the time')).to.equal('Local asked the time');
    expect(answers).to.deep.equal(['Local asked the time']);
  });

  it('does not join with { load: false } until load() is called, and a false vote rejects', async () => {
    const topic = `compat2-${crypto.randomUUID()}`;
    const opts = (name: string) => ({ topic, name, brokers: [MQTT_URL], iceServers: [], storage: `rtchat-test-${crypto.randomUUID()}:` });
    rtc = new MQTTRTCClient({ ...opts('Lazy'), load: false });
    expect(rtc.client.state).to.equal('idle');
    const asked: string[] = [];
    rtc.on('connectionrequest', (user) => (asked.push(user), false));
    await rtc.load();
    expect(rtc.client.state).to.equal('connected');
    const page = await openPeer('new-context');
    await peerEval(
      page,
      (o) => {
        (window as any).harness.rtc = new (window as any).harness.rtchat.MQTTRTCClient(o);
      },
      opts('Knocker'),
    );
    for (const end = Date.now() + 20_000; Date.now() < end && asked.length === 0;) await new Promise((r) => setTimeout(r, 50));
    expect(asked).to.deep.equal(['Knocker']);
    await new Promise((r) => setTimeout(r, 1000));
    expect(rtc.connectedUsers).to.deep.equal([]);
  });
});
