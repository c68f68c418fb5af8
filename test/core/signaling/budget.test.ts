import { expect } from '@open-wc/testing';
import mqtt from 'mqtt';
import { MQTT_URL } from 'virtual:mqtt-config';
import { deriveRoom } from '../../../src/core/signaling/room.js';
import { closePeers, openPeer, peerEval } from '../../harness/peer.js';
import { count, startRecorded, type Recorded } from '../../harness/recorder.js';

// The signaling budget: all MQTT payload bytes of a two-peer room, both clients, from the
// first join until both data channels are open, counted by a subscriber on the broker.
const BUDGET = 1200;

describe('signaling byte budget', function () {
  this.timeout(30_000);
  let a: Recorded | undefined;
  afterEach(async () => {
    await a?.client.disconnect();
    await closePeers();
  });

  for (const secret of [undefined, 'correct horse battery staple']) {
    it(`stays within ${BUDGET} bytes for two peers${secret ? ' in a secret room' : ''}`, async () => {
      const topic = `budget-${crypto.randomUUID()}`;
      const room = await deriveRoom({ origin: '', path: '', topic, secret });
      const tap = mqtt.connect(MQTT_URL);
      await new Promise((r) => tap.on('connect', r));
      await tap.subscribeAsync([room.topic, `${room.topic}/#`]);
      const messages: { topic: string; bytes: number }[] = [];
      let counting = true;
      tap.on('message', (t, payload) => counting && messages.push({ topic: t, bytes: payload.length }));

      const options = (name: string) => ({ topic, secret, name, brokers: [MQTT_URL], iceServers: [], autoAccept: 'all' as const, storage: `rtchat-test-${crypto.randomUUID()}:` });
      a = await startRecorded(options('Alice'));
      const page = await openPeer('new-context');
      const bId = await peerEval(
        page,
        async (o) => {
          const h = (window as any).harness;
          h.clients.b = await h.startRecorded(o);
          return h.clients.b.client.id as string;
        },
        options('Bob'),
      );
      await a.until((s) => count(s, 'peerconnected', bId) === 1);
      await peerEval(page, () => (window as any).harness.clients.b.until((s: any[]) => s.some((x) => x.type === 'peerconnected')));
      counting = false;
      tap.end(true);

      const total = messages.reduce((n, m) => n + m.bytes, 0);
      console.log(`signaling${secret ? ' (secret room)' : ''}: ${messages.length} messages, ${total} bytes: ${messages.map((m) => m.bytes).join(' + ')}`);
      expect(messages.length, 'announce, announce, offer, answer at least').to.be.at.least(4);
      expect(total).to.be.at.most(BUDGET);
    });
  }
});
