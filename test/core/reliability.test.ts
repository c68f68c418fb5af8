import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { MQTT_URL } from 'virtual:mqtt-config';
import type { RTChatClientOptions } from '../../src/index.js';
import { internals } from '../../src/core/room/internals.js';
import { closePeers, openPeer, peerEval, reloadPeer } from '../harness/peer.js';
import { remoteUntil, startRemote as startRemoteInfo, testOptions } from '../harness/rooms.js';
import { count, localClients, type Seen } from '../harness/recorder.js';

// Faults a chat must survive, each through real brokers and real WebRTC.

const opts = (topic: string, brokers: string[], extra: Partial<RTChatClientOptions> = {}) => testOptions(topic, { brokers, ...extra });
const startRemote = async (page: string, options: RTChatClientOptions) => (await startRemoteInfo(page, options)).id;

const extraBroker = (port?: number) => executeServerCommand('broker-extra', port ? { port } : {}) as Promise<string>;
const stopBroker = (url: string) => executeServerCommand('broker-extra-stop', { url }) as Promise<boolean>;

describe('reliability', function () {
  this.timeout(60_000);
  const clients = localClients();
  const local = clients.start;
  const brokers: string[] = [];
  afterEach(async () => {
    await clients.disconnectAll();
    await closePeers();
    await Promise.all(brokers.splice(0).map(stopBroker));
  });

  it('keeps chatting over WebRTC while the broker is down, reports it, reconnects, and lets a third peer join', async () => {
    const url = await extraBroker();
    brokers.push(url);
    const port = Number(new URL(url).port);
    const topic = `brokerdown-${crypto.randomUUID()}`;
    const a = await local(opts(topic, [url], { name: 'Ada' }));
    const p2 = await openPeer('new-context');
    const b = await startRemote(p2, opts(topic, [url], { name: 'Ben' }));
    await a.until((s) => count(s, 'verified', b) === 1);

    const down = new Promise<void>((r) => a.client.addEventListener('brokerstatus', (e) => e.status.state !== 'connected' && r()));
    await stopBroker(url);
    await down;
    expect(a.client.brokers[0].state).to.not.equal('connected');

    // Chat goes on peer to peer, nothing lost.
    for (let i = 1; i <= 5; i++) a.client.broadcast(`while down ${i}`);
    const seen = await remoteUntil(p2, `(s) => s.filter((x) => x.type === 'chatmessage').length >= 5`);
    expect(seen.filter((s) => s.type === 'chatmessage').map((s) => s.text)).to.deep.equal([1, 2, 3, 4, 5].map((i) => `while down ${i}`));

    // The broker returns on the same port: both reconnect on their own, and a newcomer joins.
    brokers.splice(0, 1, await extraBroker(port));
    await new Promise<void>((r) => {
      const check = () => a.client.brokers[0].state === 'connected' && r();
      a.client.addEventListener('brokerstatus', check);
      check();
    });
    const p3 = await openPeer('new-context');
    const c = await startRemote(p3, opts(topic, [url], { name: 'Cy' }));
    await a.until((s) => count(s, 'verified', c) === 1, 20_000);
    await remoteUntil(p2, `(s) => s.some((x) => x.type === 'verified' && x.name === 'Cy')`, { timeout: 20_000 });
  });

  it('finds peers through the second broker when the first is down from the start, and after one dies mid-way', async () => {
    const live = await extraBroker();
    const doomed = await extraBroker();
    brokers.push(live, doomed);
    const dead = 'ws://127.0.0.1:9';
    const topic = `twobrokers-${crypto.randomUUID()}`;
    const a = await local(opts(topic, [dead, live], { name: 'Ann' }));
    const p2 = await openPeer('new-context');
    const b = await startRemote(p2, opts(topic, [live, dead], { name: 'Bo' }));
    await a.until((s) => count(s, 'verified', b) === 1);

    // Now two live brokers for the next pair; one dies before the third peer arrives.
    const topic2 = `twobrokers2-${crypto.randomUUID()}`;
    const x = await local(opts(topic2, [doomed, live], { name: 'Xia' }));
    await stopBroker(doomed);
    brokers.splice(brokers.indexOf(doomed), 1);
    const p3 = await openPeer('new-context');
    const y = await startRemote(p3, opts(topic2, [doomed, live], { name: 'Yan' }));
    await x.until((s) => count(s, 'verified', y) === 1);
  });

  it('delivers messages sent while a peer was away exactly once when it comes back, and keeps the history across its reload', async () => {
    const topic = `away-${crypto.randomUUID()}`;
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    const a = await local(opts(topic, [MQTT_URL], { name: 'Sender' }));
    const page = await openPeer('new-context');
    const b1 = await startRemote(page, opts(topic, [MQTT_URL], { name: 'Traveller', storage }));
    await a.until((s) => count(s, 'verified', b1) === 1);
    a.client.broadcast('before');
    await remoteUntil(page, `(s) => s.some((x) => x.type === 'chatmessage')`);

    // The other page reloads; while it is away we keep talking.
    await reloadPeer(page);
    await a.until((s) => count(s, 'peerdisconnected', b1) === 1);
    a.client.broadcast('while away 1');
    a.client.broadcast('while away 2');
    const b2 = await startRemote(page, opts(topic, [MQTT_URL], { name: 'Traveller', storage }));
    const seen = await remoteUntil(page, `(s) => s.filter((x) => x.type === 'chatmessage').length >= 2`);
    await new Promise((r) => setTimeout(r, 1000)); // room for any duplicate to show up
    const after = await peerEval(page, () => (window as any).harness.clients.r.seen);
    expect(after.filter((s: Seen) => s.type === 'chatmessage').map((s: Seen) => s.text)).to.deep.equal(['while away 1', 'while away 2']);
    void seen;
    // The reloaded page shows the earlier conversation from its stored history.
    const history = await peerEval(page, () => (window as any).harness.clients.r.client.history.map((r: any) => r.text));
    expect(history).to.deep.equal(['before', 'while away 1', 'while away 2']);
    // And the sender saw every message acknowledged by that identity.
    await a.until((s) => count(s, 'delivered') === 3);
    expect(a.client.pendingCount).to.equal(0);
    void b2;
  });

  it('reconnects a lost connection automatically, verifies again, and delivers what was sent meanwhile', async () => {
    const topic = `lost-${crypto.randomUUID()}`;
    const a = await local(opts(topic, [MQTT_URL], { name: 'Steady' }));
    const page = await openPeer('new-context');
    const b = await startRemote(page, opts(topic, [MQTT_URL], { name: 'Flaky' }));
    await a.until((s) => count(s, 'verified', b) === 1);
    // The other side's connection dies without a goodbye (as when a network drops).
    await peerEval(page, () => {
      const { clients, internals } = (window as any).harness;
      internals(clients.r.client).link(clients.r.client.peers[0]).conn.pc.close();
    });
    await a.until((s) => count(s, 'peerdisconnected', b) === 1, 10_000);
    a.client.broadcast('sent during the outage');
    await a.until((s) => count(s, 'verified', b) === 2, 20_000);
    const seen = await remoteUntil(page, `(s) => s.some((x) => x.type === 'chatmessage')`);
    await new Promise((r) => setTimeout(r, 500));
    const texts = (await peerEval(page, () => (window as any).harness.clients.r.seen)).filter((s: Seen) => s.type === 'chatmessage').map((s: Seen) => s.text);
    expect(texts).to.deep.equal(['sent during the outage']);
    void seen;
  });

  it('restarts ICE on a live connection through the brokers, keeping the verified session', async () => {
    const topic = `icerestart-${crypto.randomUUID()}`;
    const a = await local(opts(topic, [MQTT_URL], { name: 'Here' }));
    const page = await openPeer('new-context');
    const b = await startRemote(page, opts(topic, [MQTT_URL], { name: 'There' }));
    await a.until((s) => count(s, 'verified', b) === 1);
    const peer = a.client.getPeer(b)!;
    // What the client does when ICE reports the path lost; forced here, since loopback never breaks.
    if (internals(a.client).link(peer).role === 'offerer') await internals(a.client).restartIce(peer);
    else await peerEval(page, () => (window as any).harness.internals((window as any).harness.clients.r.client).restartIce((window as any).harness.clients.r.client.peers[0]));
    const remoteRestarts = () => peerEval(page, () => (window as any).harness.clients.r.client.peers[0].restarts as number);
    const awaitingAnswer = async () =>
      internals(a.client).link(peer).awaitingAnswer ||
      (await peerEval(page, () => {
        const c = (window as any).harness.clients.r.client;
        return (window as any).harness.internals(c).link(c.peers[0]).awaitingAnswer as boolean;
      }));
    // The offerer counts the restart when it makes the offer, the answerer when it answers; the
    // restart is complete when the offerer has applied that answer. Wait for all three (a
    // deadline, not a number of polls: on a busy machine the answer may still be on its way).
    for (const end = Date.now() + 20_000; Date.now() < end && (peer.restarts === 0 || (await remoteRestarts()) === 0 || (await awaitingAnswer()));) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(peer.restarts).to.equal(1);
    expect(await remoteRestarts()).to.equal(1);
    // The offerer has the answer applied: the restart is complete, not half-way.
    expect(await awaitingAnswer()).to.be.false;
    a.client.broadcast('after restart');
    const seen = await remoteUntil(page, `(s) => s.some((x) => x.type === 'chatmessage')`);
    expect(seen.filter((s) => s.type === 'verified')).to.have.length(1);
    expect(count(a.seen, 'verified', b)).to.equal(1);
    expect(peer.verified).to.be.true;
  });

  it('loses nothing in a burst of 600 messages', async () => {
    const topic = `burst-${crypto.randomUUID()}`;
    const a = await local(opts(topic, [MQTT_URL], { name: 'Chatty' }));
    const page = await openPeer('new-context');
    const b = await startRemote(page, opts(topic, [MQTT_URL], { name: 'Listener' }));
    await a.until((s) => count(s, 'verified', b) === 1);
    await remoteUntil(page, `(s) => s.some((x) => x.type === 'verified')`);
    for (let i = 0; i < 600; i++) a.client.broadcast(`burst ${i}`);
    const seen = await remoteUntil(page, `(s) => s.filter((x) => x.type === 'chatmessage').length >= 600`, { timeout: 30_000 });
    const texts = seen.filter((s) => s.type === 'chatmessage').map((s) => s.text);
    expect(new Set(texts).size).to.equal(600);
    for (const end = Date.now() + 30_000; Date.now() < end && a.client.pendingCount > 0;) await new Promise((r) => setTimeout(r, 100));
    expect(a.client.pendingCount).to.equal(0);
    expect(count(a.seen, 'peerdisconnected')).to.equal(0);
  });

  it('joins once a broker comes up when none was reachable at first', async () => {
    const url = await extraBroker();
    const port = Number(new URL(url).port);
    await stopBroker(url);
    const topic = `late-${crypto.randomUUID()}`;
    const { RTChatClient } = await import('../../src/index.js');
    const client = new RTChatClient(opts(topic, [url], { name: 'Early' }));
    clients.track(client);
    const verified = new Promise<void>((r) => client.addEventListener('verified', () => r()));
    let failed = false;
    await client.connect().catch(() => (failed = true));
    expect(failed).to.be.true;
    expect(client.state).to.equal('offline');
    brokers.push(await extraBroker(port));
    const page = await openPeer('new-context');
    await startRemote(page, opts(topic, [url], { name: 'Later' }));
    await verified;
    expect(client.state).to.equal('connected');
  });
});
