import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { EXTERNAL, MQTT_URL } from 'virtual:mqtt-config';
import { DedupeCache } from '../../../src/core/signaling/dedupe-cache.js';
import { LIMITS } from '../../../src/core/signaling/messages.js';
import { MAX_PACKET_BYTES, MAX_TOPIC_BYTES, MqttTransport, type TransportOptions } from '../../../src/core/signaling/mqtt-transport.js';
import type { BrokerStatus, TransportEventMap as MqttTransportEventMap, TransportMessageEvent } from '../../../src/core/signaling/transport.js';

// Ports nothing listens on: connections are refused at once.
const DEAD_1 = 'ws://127.0.0.1:9';
const DEAD_2 = 'ws://127.0.0.1:1';

const transports: MqttTransport[] = [];
const rawClients: MqttClient[] = [];
const extraBrokers: string[] = [];

function transport(options: Partial<TransportOptions> & Pick<TransportOptions, 'brokers'>): MqttTransport {
  const t = new MqttTransport(options);
  transports.push(t);
  return t;
}

async function extraBroker(port?: number): Promise<string> {
  const url = (await executeServerCommand('broker-extra', port ? { port } : undefined)) as string;
  extraBrokers.push(url);
  return url;
}

const stopExtraBroker = (url: string) => executeServerCommand('broker-extra-stop', { url });

async function rawClient(url: string): Promise<MqttClient> {
  const client = mqtt.connect(url, { reconnectPeriod: 0 });
  rawClients.push(client);
  await new Promise((resolve) => client.once('connect', resolve));
  return client;
}

/** Resolves with the first `type` event that passes `accept`, or fails after `ms`. */
function nextEvent<K extends keyof MqttTransportEventMap>(
  target: MqttTransport,
  type: K,
  accept: (e: MqttTransportEventMap[K]) => boolean = () => true,
  ms = 10_000,
): Promise<MqttTransportEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, listener);
      reject(new Error(`no '${type}' event within ${ms} ms`));
    }, ms);
    const listener = (e: MqttTransportEventMap[K]) => {
      if (!accept(e)) return;
      clearTimeout(timer);
      target.removeEventListener(type, listener);
      resolve(e);
    };
    target.addEventListener(type, listener);
  });
}

/** Resolves once every configured broker of `t` is connected (connect() waits for one only). */
async function allConnected(t: MqttTransport): Promise<void> {
  await t.connect();
  while (!t.statuses.every((s) => s.state === 'connected')) await nextEvent(t, 'status');
}

function collect(t: MqttTransport): TransportMessageEvent[] {
  const got: TransportMessageEvent[] = [];
  t.addEventListener('message', (e) => got.push(e));
  return got;
}

const topicFor = (name: string) => `test/transport/${name}/${crypto.randomUUID()}`;
const bytes = (...values: number[]) => new Uint8Array(values);

/** The mqtt.js client a transport uses for its first broker now (a test may watch its packets). */
const mqttClientOf = (t: MqttTransport, i = 0): MqttClient => (t as any).brokers[i].client;

// The suite's main broker: mosquitto speaks MQTT 5, the embedded aedes only 3.1.1. The extra
// brokers (`extraBroker()`) are always aedes.
const MAIN_PROTOCOL = EXTERNAL ? 'mqtt5' : 'mqtt3.1.1';

describe('MqttTransport', () => {
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.close()));
    await Promise.all(rawClients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
    await Promise.all(extraBrokers.splice(0).map(stopExtraBroker));
  });

  it('rejects a configuration without brokers or with a non-WebSocket URL, and merges duplicate URLs', () => {
    expect(() => new MqttTransport({ brokers: [] })).to.throw(TypeError);
    expect(() => new MqttTransport({ brokers: ['mqtt://127.0.0.1:1883'] })).to.throw(TypeError);
    const t = new MqttTransport({ brokers: [MQTT_URL, MQTT_URL] });
    expect(t.statuses.map((s) => s.url)).to.deep.equal([MQTT_URL]);
  });

  it('delivers a binary payload byte-identical between two transports, and stops after unsubscribe', async () => {
    const topic = topicFor('basic');
    const barrier = topicFor('barrier');
    const a = transport({ brokers: [MQTT_URL] });
    const b = transport({ brokers: [MQTT_URL] });
    await Promise.all([a.connect(), b.connect()]);
    expect(a.connected).to.equal(true);
    await b.subscribe(topic);
    await b.subscribe(barrier);
    const got = collect(b);

    const payload = bytes(0, 255, 1, 128, 0, 42, 7);
    const first = nextEvent(b, 'message');
    expect(a.publish(topic, payload)).to.equal(1);
    const e = await first;
    expect(e.topic).to.equal(topic);
    expect(e.broker).to.equal(MQTT_URL);
    expect(e.payload.constructor).to.equal(Uint8Array);
    expect([...e.payload]).to.deep.equal([...payload]);

    await b.unsubscribe(topic);
    a.publish(topic, bytes(9, 9, 9));
    // Same publisher, same broker: the barrier arrives after anything published before it.
    const barrierSeen = nextEvent(b, 'message', (m) => m.topic === barrier);
    a.publish(barrier, bytes(1));
    await barrierSeen;
    expect(got.map((m) => m.topic)).to.deep.equal([topic, barrier]);
  });

  it('publishes to two brokers and delivers a payload that arrives through both exactly once', async () => {
    const extra = await extraBroker();
    const topic = topicFor('dedupe');
    const a = transport({ brokers: [MQTT_URL, extra] });
    const b = transport({ brokers: [MQTT_URL, extra] });
    await Promise.all([allConnected(a), allConnected(b)]);
    await b.subscribe(topic);
    const got = collect(b);

    // Watch both underlying clients so we know the second copy really arrived (and was dropped).
    const copies = (b as any).brokers.map((broker: any) => new Promise<void>((resolve) => broker.client.on('message', (t: string) => t === topic && resolve())));
    expect(a.publish(topic, bytes(1, 2, 3))).to.equal(2);
    await Promise.all(copies);
    expect(got).to.have.length(1);
    expect([...got[0].payload]).to.deep.equal([1, 2, 3]);
  });

  it('connects and carries messages while one of two brokers is unreachable', async () => {
    const topic = topicFor('half');
    const a = transport({ brokers: [DEAD_1, MQTT_URL] });
    const b = transport({ brokers: [MQTT_URL] });
    await Promise.all([a.connect(), b.connect()]);
    await a.subscribe(topic);
    const arrived = nextEvent(a, 'message');
    b.publish(topic, bytes(5));
    expect((await arrived).broker).to.equal(MQTT_URL);
    expect(a.publish(topic, bytes(6))).to.equal(1);

    const [dead, live] = a.statuses;
    expect(dead.url).to.equal(DEAD_1);
    expect(dead.state).to.not.equal('connected');
    expect(live.state).to.equal('connected');
    expect(a.connected).to.equal(true);
  });

  it('survives a broker dying mid-way and restores its subscriptions when it returns', async () => {
    const extra = await extraBroker();
    const port = Number(new URL(extra).port);
    const topic = topicFor('restart');
    const a = transport({ brokers: [MQTT_URL, extra] });
    const b = transport({ brokers: [MQTT_URL, extra] });
    const onlyExtra = transport({ brokers: [extra] });
    await Promise.all([allConnected(a), allConnected(b), onlyExtra.connect()]);
    await a.subscribe(topic);

    const isDown = (e: { status: BrokerStatus }) => e.status.url === extra && e.status.state !== 'connected';
    const down = nextEvent(a, 'status', isDown);
    const bDown = nextEvent(b, 'status', isDown);
    await stopExtraBroker(extra);
    const downStatus: BrokerStatus = (await down).status;
    await bDown;
    expect(downStatus.state).to.be.oneOf(['offline', 'reconnecting']);
    expect(a.connected).to.equal(true);

    const viaMain = nextEvent(a, 'message', (e) => e.payload[0] === 1);
    expect(b.publish(topic, bytes(1))).to.equal(1);
    expect((await viaMain).broker).to.equal(MQTT_URL);

    const aBack = nextEvent(a, 'reconnect', (e) => e.broker === extra);
    const otherBack = nextEvent(onlyExtra, 'reconnect');
    expect(await extraBroker(port)).to.equal(extra);
    await Promise.all([aBack, otherBack]);
    expect(a.statuses.find((s) => s.url === extra)!.state).to.equal('connected');

    // This transport knows only the restarted broker: its message proves `a` re-subscribed there.
    const viaExtra = nextEvent(a, 'message', (e) => e.payload[0] === 2);
    expect(onlyExtra.publish(topic, bytes(2))).to.equal(1);
    expect((await viaExtra).broker).to.equal(extra);
  });

  it('drops a payload over the signaling limit with a drop event and delivers one at the limit', async () => {
    const topic = topicFor('large');
    const a = transport({ brokers: [MQTT_URL] });
    await a.connect();
    await a.subscribe(topic);
    const got = collect(a);
    const raw = await rawClient(MQTT_URL);

    // Within the maximum packet size, so every broker delivers it: the transport drops it.
    const drop = nextEvent(a, 'drop');
    raw.publish(topic, new Uint8Array(LIMITS.payloadBytes + 1) as any);
    const e = await drop;
    expect(e.reason).to.equal('too-large');
    expect(e.bytes).to.equal(LIMITS.payloadBytes + 1);
    expect(e.broker).to.equal(MQTT_URL);

    const atLimit = nextEvent(a, 'message');
    raw.publish(topic, new Uint8Array(LIMITS.payloadBytes) as any);
    expect((await atLimit).payload.length).to.equal(LIMITS.payloadBytes);
    expect(got).to.have.length(1);
  });

  it('keeps receiving after a 1 MB publish: an MQTT 5 broker drops it for us, over 3.1.1 it is dropped unread', async () => {
    const topic = topicFor('huge');
    const a = transport({ brokers: [MQTT_URL] });
    await a.connect();
    await a.subscribe(topic);
    const drops: number[] = [];
    a.addEventListener('drop', (e) => drops.push(e.bytes));
    const raw = await rawClient(MQTT_URL);

    await raw.publishAsync(topic, new Uint8Array(1024 * 1024) as any);
    const after = nextEvent(a, 'message', undefined, 5000);
    raw.publish(topic, bytes(9) as any);
    expect([...(await after).payload]).to.deep.equal([9]);
    expect(a.statuses[0]).to.include({ state: 'connected', protocol: MAIN_PROTOCOL });
    // With MQTT 5 the broker never sent it; with 3.1.1 it came first and was dropped.
    expect(drops).to.deep.equal(MAIN_PROTOCOL === 'mqtt5' ? [] : [1024 * 1024]);
  });

  it('asks for MQTT 5 with a maximum packet size of the payload limit plus 512 bytes', async () => {
    const plain = transport({ brokers: [MQTT_URL] });
    const larger = transport({ brokers: [MQTT_URL], maxPayloadBytes: 16 * 1024 });
    const connecting = [plain.connect(), larger.connect()];
    // mqtt.js writes its CONNECT from these options as it is created.
    const [first, largerFirst] = [mqttClientOf(plain).options, mqttClientOf(larger).options];
    await Promise.all(connecting);
    expect(MAX_PACKET_BYTES).to.equal(LIMITS.payloadBytes + 512);
    expect(first.protocolVersion).to.equal(5);
    expect(first.properties?.maximumPacketSize).to.equal(MAX_PACKET_BYTES);
    expect(largerFirst.properties?.maximumPacketSize).to.equal(16 * 1024 + 512);
    expect(plain.statuses[0].protocol).to.equal(MAIN_PROTOCOL);
  });

  it('falls back to MQTT 3.1.1 at once where the broker refuses MQTT 5, and reports the protocol', async () => {
    const aedes = await extraBroker();
    const t = transport({ brokers: [aedes] });
    const states: BrokerStatus[] = [];
    t.addEventListener('status', (e) => states.push(e.status));
    // When each connection attempt starts, and when the broker refused MQTT 5: the gap between
    // the refusal and the next attempt is the backoff, measured without the two WebSocket and
    // MQTT handshakes around it (a busy machine can make those alone take over 500 ms).
    const attempts: number[] = [];
    const start = (t as any).start.bind(t);
    (t as any).start = (broker: unknown) => (attempts.push(performance.now()), start(broker));
    const connecting = t.connect();
    const refused = mqttClientOf(t);
    let refusedAt = NaN;
    refused.on('packetreceive', (p) => p.cmd === 'connack' && (refusedAt = performance.now()));
    await connecting;
    // The refused MQTT 5 attempt, then at once (no backoff: that would be 500 ms or more) 3.1.1.
    expect(refused.options.protocolVersion).to.equal(5);
    expect(mqttClientOf(t)).to.not.equal(refused);
    expect(mqttClientOf(t).options.protocolVersion).to.equal(4);
    expect(attempts).to.have.length(2);
    expect(attempts[1] - refusedAt).to.be.below(500);
    expect(refused.disconnected).to.equal(true);
    // Neither an 'offline' nor a 'reconnecting' on the way: the refusal is not a failure.
    expect(states.map((s) => [s.state, s.protocol])).to.deep.equal([['connected', 'mqtt3.1.1']]);
    expect(t.statuses[0].protocol).to.equal('mqtt3.1.1');
    expect(t.statuses[0].error).to.equal(undefined);

    // Messages flow over the 3.1.1 connection.
    const topic = topicFor('fallback');
    await t.subscribe(topic);
    const arrived = nextEvent(t, 'message');
    (await rawClient(aedes)).publish(topic, bytes(3) as any);
    expect([...(await arrived).payload]).to.deep.equal([3]);
  });

  it('remembers that a broker speaks 3.1.1: its reconnects do not try MQTT 5 again', async () => {
    const aedes = await extraBroker();
    const port = Number(new URL(aedes).port);
    const topic = topicFor('remember');
    const t = transport({ brokers: [aedes] });
    await t.connect();
    await t.subscribe(topic);
    const client = mqttClientOf(t);
    const versions: number[] = [];
    client.on('packetsend', (p) => p.cmd === 'connect' && versions.push(p.protocolVersion!));

    const down = nextEvent(t, 'status', (e) => e.status.state === 'offline');
    await stopExtraBroker(aedes);
    await down;
    // Still known while it is down.
    expect(t.statuses[0].protocol).to.equal('mqtt3.1.1');
    const back = nextEvent(t, 'reconnect');
    await extraBroker(port);
    await back;
    expect(mqttClientOf(t)).to.equal(client);
    expect(versions.length).to.be.greaterThan(0);
    expect(versions.every((v) => v === 4)).to.equal(true);
    expect(t.statuses[0]).to.include({ state: 'connected', protocol: 'mqtt3.1.1' });

    // Its subscriptions came back too.
    const arrived = nextEvent(t, 'message');
    (await rawClient(aedes)).publish(topic, bytes(4) as any);
    expect([...(await arrived).payload]).to.deep.equal([4]);
  });

  it('reports for each broker the protocol it speaks, only once connected', async () => {
    const aedes = await extraBroker();
    const t = transport({ brokers: [MQTT_URL, aedes, DEAD_1] });
    expect(t.statuses.map((s) => s.protocol)).to.deep.equal([undefined, undefined, undefined]);
    const connectedEvents: BrokerStatus[] = [];
    t.addEventListener('status', (e) => e.status.state === 'connected' && connectedEvents.push(e.status));
    await t.connect();
    while (t.statuses.filter((s) => s.state === 'connected').length < 2) await nextEvent(t, 'status');
    expect(t.statuses.map((s) => s.protocol)).to.deep.equal([MAIN_PROTOCOL, 'mqtt3.1.1', undefined]);
    expect(Object.fromEntries(connectedEvents.map((s) => [s.url, s.protocol]))).to.deep.equal({ [MQTT_URL]: MAIN_PROTOCOL, [aedes]: 'mqtt3.1.1' });
  });

  it('has the broker publish its last will when it vanishes, but not when it closes cleanly', async () => {
    const willTopic = topicFor('will');
    const will = bytes(0xde, 0xad, 0, 0xbe, 0xef);
    const watcher = transport({ brokers: [MQTT_URL] });
    await watcher.connect();
    await watcher.subscribe(willTopic);
    const got = collect(watcher);

    const clean = transport({ brokers: [MQTT_URL], will: { topic: willTopic, payload: bytes(1) } });
    await clean.connect();
    await clean.close();

    const vanishing = transport({ brokers: [MQTT_URL], will: { topic: willTopic, payload: will } });
    await vanishing.connect();
    // Like a killed tab: the socket goes away without an MQTT DISCONNECT.
    (vanishing as any).brokers[0].client.end(true);
    const e = await nextEvent(watcher, 'message');
    expect([...e.payload]).to.deep.equal([...will]);
    // The clean close came first, so its will would have arrived first.
    expect(got).to.have.length(1);
  });

  it('rejects wildcard subscriptions: incoming topics are matched exactly', async () => {
    const t = transport({ brokers: [MQTT_URL] });
    let error: unknown;
    await t.subscribe('rtchat/+/x').catch((e) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
  });

  it('rejects topics too long for the maximum packet size', async () => {
    const t = transport({ brokers: [MQTT_URL] });
    let error: unknown;
    await t.subscribe('é'.repeat(MAX_TOPIC_BYTES / 2 + 1)).catch((e) => (error = e));
    expect(error).to.be.instanceOf(RangeError);
    await t.subscribe('t'.repeat(MAX_TOPIC_BYTES));
  });

  it('waits longer before each new attempt on a broker that stays down', async () => {
    const t = transport({ brokers: [DEAD_1] });
    const times: Record<string, number[]> = { offline: [], reconnecting: [] };
    t.addEventListener('status', (e) => times[e.status.state]?.push(performance.now()));
    await t.connect().catch(() => undefined);
    await nextEvent(t, 'status', () => times.reconnecting.length === 2 && times.offline.length >= 2);
    const gap1 = times.reconnecting[0] - times.offline[0];
    const gap2 = times.reconnecting[1] - times.offline[1];
    // 1 s then 2 s, each with 50-100 % jitter.
    expect(gap1).to.be.within(400, 1200);
    expect(gap2).to.be.within(900, 2300);
    expect(gap2).to.be.greaterThan(gap1);
  });

  it('rejects connect() naming every broker when none is reachable, and still closes', async () => {
    const t = transport({ brokers: [DEAD_1, DEAD_2] });
    let error: Error | undefined;
    await t.connect().catch((e: Error) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect(error!.message).to.contain(DEAD_1).and.to.contain(DEAD_2);
    expect(t.connected).to.equal(false);
    await t.close();
    await t.close();
    expect(t.statuses.map((s) => s.state)).to.deep.equal(['closed', 'closed']);
  });
});

describe('DedupeCache', () => {
  it('remembers a topic and payload for the window only', () => {
    let now = 0;
    const cache = new DedupeCache(1000, 10, () => now);
    expect(cache.firstSight('t', bytes(1, 2))).to.equal(true);
    expect(cache.firstSight('t', bytes(1, 2))).to.equal(false);
    expect(cache.firstSight('u', bytes(1, 2))).to.equal(true);
    expect(cache.firstSight('t', bytes(2, 1))).to.equal(true);
    now = 1000;
    expect(cache.firstSight('t', bytes(1, 2))).to.equal(true);
  });

  it('keeps at most maxEntries keys, forgetting the oldest first', () => {
    const cache = new DedupeCache(60_000, 3);
    for (let i = 0; i < 5; i++) cache.firstSight('t', bytes(i));
    expect(cache.size).to.equal(3);
    expect(cache.firstSight('t', bytes(4))).to.equal(false);
    expect(cache.firstSight('t', bytes(0))).to.equal(true);
  });

  it('tells apart 10000 random payloads of the same length', () => {
    const cache = new DedupeCache(60_000, 20_000);
    const seen = new Set<string>();
    let fresh = 0;
    for (let i = 0; i < 10_000; i++) {
      const p = crypto.getRandomValues(new Uint8Array(32));
      const hex = Array.from(p).join(',');
      if (seen.has(hex)) continue;
      seen.add(hex);
      if (cache.firstSight('t', p)) fresh++;
    }
    expect(fresh).to.equal(seen.size);
  });

  it('registers a will set with setWill on the next connection, keeping the current one for the live connection', async () => {
    const topic = `will-${crypto.randomUUID()}`;
    const watcher = await rawClient(MQTT_URL);
    await watcher.subscribeAsync(topic);
    const wills: string[] = [];
    watcher.on('message', (_t, p) => wills.push(new TextDecoder().decode(p)));
    const t = transport({ brokers: [MQTT_URL], will: { topic, payload: new TextEncoder().encode('first') } });
    await t.connect();
    t.setWill(new TextEncoder().encode('second'));
    // Vanish without DISCONNECT: the broker publishes the will of that connection.
    const drop = () => ((t as any).brokers[0].client.stream as { destroy(): void }).destroy();
    drop();
    await until(() => wills.length === 1);
    await nextEvent(t, 'status', (e) => e.status.state === 'connected', 15_000);
    drop();
    await until(() => wills.length === 2);
    expect(wills).to.deep.equal(['first', 'second']);
  });
});

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
