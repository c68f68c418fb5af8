/**
 * The raw baseline: two RTCPeerConnections that find each other through the same broker
 * with plain JSON, non-trickle (the whole SDP once gathering is complete), no identities,
 * no signatures, no encryption. The least signaling that can work, to compare with.
 *
 * Topics: `bench/raw/<run>/all` for hellos, `bench/raw/<run>/<id>` for a peer's offer/answer.
 */
import mqtt from 'mqtt';
import { CHUNK_BYTES, HIGH_WATER, LOW_WATER } from '../../src/core/peer/file-transfer.js';
import { bulkBlob, deferred, digestHex, pushBlob, receiveBlob, type Deferred, type PushOptions } from './bulk.js';
import { Timeline, now, timeRounds } from './timeline.js';

/** What this page saw. */
export const timeline = new Timeline();

let client: mqtt.MqttClient | null = null;
let pc: RTCPeerConnection | null = null;
let channel: RTCDataChannel | null = null;
/** Ping round trips waiting for their pong, by id. */
const pending = new Map<string, (m: unknown) => void>();

type Signal = { type: 'hello'; from: string } | { type: 'offer' | 'answer'; from: string; sdp: string };

const gathered = (c: RTCPeerConnection) =>
  c.iceGatheringState === 'complete' ? Promise.resolve() : new Promise<void>((r) => c.addEventListener('icegatheringstatechange', () => c.iceGatheringState === 'complete' && r()));

/** Joins; the lower id offers. Resolves once subscribed and the first hello is out. */
export async function join({ url, run, id }: { url: string; run: string; id: string }): Promise<{ t0: number; joined: number; id: string }> {
  const t0 = now();
  timeline.mark('start');
  const base = `bench/raw/${run}`;
  const c = mqtt.connect(url, { reconnectPeriod: 0 });
  client = c;
  const publish = (topic: string, s: Signal) => c.publish(topic, JSON.stringify(s));
  const heard = new Set<string>();
  let remote = '';

  const useChannel = (dc: RTCDataChannel, peer: string) => {
    channel = dc;
    dc.onopen = () => timeline.mark('connected', peer);
    // Echo pings: the other side times the round trip.
    dc.onmessage = (e) => {
      const m = JSON.parse(e.data as string) as { t: string; id: string; q: unknown };
      if (m.t === 'ping') dc.send(JSON.stringify({ t: 'pong', id: m.id, a: m.q }));
      else pending.get(m.id)?.(m);
    };
  };
  const newPc = () => {
    const p = new RTCPeerConnection({ iceServers: [] });
    p.onconnectionstatechange = () => p.connectionState === 'failed' && timeline.mark('failed');
    // Figure 4: a bulk channel the other side opened; any other is the ping channel.
    p.ondatachannel = (e) => (e.channel.label.startsWith('bulk:') ? onBulkChannel(e.channel) : useChannel(e.channel, remote));
    pc = p;
    return p;
  };

  c.on('message', async (_topic, payload) => {
    const s = JSON.parse(payload.toString()) as Signal;
    if (s.from === id) return;
    if (s.type === 'hello') {
      if (heard.has(s.from)) return;
      heard.add(s.from);
      timeline.mark('phase:seen', s.from);
      // Say hello back once, in case the other side subscribed after our first hello.
      publish(`${base}/all`, { type: 'hello', from: id });
      if (id < s.from) {
        const p = newPc();
        useChannel(p.createDataChannel('bench'), s.from);
        await p.setLocalDescription(await p.createOffer());
        await gathered(p);
        publish(`${base}/${s.from}`, { type: 'offer', from: id, sdp: p.localDescription!.sdp });
        timeline.mark('phase:sent-offer');
      }
    } else if (s.type === 'offer' && !pc) {
      remote = s.from;
      timeline.mark('phase:got-offer');
      const p = newPc();
      await p.setRemoteDescription({ type: 'offer', sdp: s.sdp });
      await p.setLocalDescription(await p.createAnswer());
      await gathered(p);
      publish(`${base}/${s.from}`, { type: 'answer', from: id, sdp: p.localDescription!.sdp });
      timeline.mark('phase:sent-answer');
    } else if (s.type === 'answer' && pc?.signalingState === 'have-local-offer') {
      timeline.mark('phase:got-answer');
      await pc.setRemoteDescription({ type: 'answer', sdp: s.sdp });
      timeline.mark('phase:answer-applied');
    }
  });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('error', reject);
  });
  timeline.mark('phase:broker');
  await c.subscribeAsync([`${base}/all`, `${base}/${id}`]);
  publish(`${base}/all`, { type: 'hello', from: id });
  timeline.mark('phase:sent-announce');
  timeline.mark('joined');
  return { t0, joined: now(), id };
}

/** Data-channel ping round trips, in ms: a JSON frame about the size of an ask frame, echoed. */
export function pingRounds(rounds: number, warmup: number): Promise<number[]> {
  const dc = channel;
  if (!dc || dc.readyState !== 'open') throw new Error('no open data channel');
  let i = 0;
  return timeRounds(rounds, warmup, () => {
    const id = crypto.randomUUID().slice(0, 16);
    return new Promise((resolve) => {
      pending.set(id, (m) => {
        pending.delete(id);
        resolve(m);
      });
      dc.send(JSON.stringify({ t: 'ping', id, q: i++ }));
    });
  });
}

// ---- figure 4: bulk transfer over a raw data channel ----

/** Receiver: the next bulk channel's bytes, as they come. */
let expecting: (Deferred<{ at: number; blob: Blob }> & { size: number }) | null = null;

function onBulkChannel(dc: RTCDataChannel): void {
  const e = expecting;
  if (!e) return dc.close();
  receiveBlob(dc, e.size).then(
    (r) => {
      dc.close();
      e.resolve(r);
    },
    (err: Error) => e.reject(err),
  );
}

/** Receiver: take the next bulk channel, `size` bytes; `bulkResult` says when the last one came. */
export function bulkExpect(size: number): void {
  expecting = Object.assign(deferred<{ at: number; blob: Blob }>(), { size });
}

/** Receiver: when the last byte of the expected transfer arrived, epoch ms; with `digest`, the SHA-256 of what arrived (hex). */
export async function bulkResult(digest = false): Promise<{ at: number; size: number; digest?: string }> {
  try {
    const { at, blob } = await expecting!.promise;
    return { at, size: blob.size, ...(digest ? { digest: await digestHex(blob) } : {}) };
  } finally {
    expecting = null;
  }
}

/** Sender: builds the bench file ahead of the timed part. */
export const bulkPrepare = (size: number): number => bulkBlob(size).size;

/** Sender: WebCrypto SHA-256 of the bench file of `size` bytes (hex). */
export const bulkDigest = (size: number): Promise<string> => digestHex(bulkBlob(size));

let bulkChannels = 0;
/** rtchat's own chunking and water marks (src/core/peer/file-transfer.ts). */
const asRtchat: PushOptions = { chunk: CHUNK_BYTES, high: HIGH_WATER, low: LOW_WATER };

/**
 * Sender: opens a new data channel (as rtchat does per file), pushes the bench file with
 * `o`'s chunking and water marks (default: rtchat's). `t0` is the call, `pushed` when every
 * byte was handed over.
 */
export async function bulkSend(size: number, o: PushOptions = asRtchat): Promise<{ t0: number; pushed: number }> {
  if (!pc) throw new Error('no peer connection');
  const blob = bulkBlob(size);
  const t0 = now();
  const dc = pc.createDataChannel(`bulk:${++bulkChannels}`, { ordered: true });
  await new Promise<void>((resolve, reject) => {
    dc.onopen = () => resolve();
    dc.onclose = () => reject(new Error('bulk channel closed before opening'));
  });
  dc.onclose = null;
  await pushBlob(dc, blob, o);
  return { t0, pushed: now() };
}

export function leave(): void {
  channel?.close();
  pc?.close();
  client?.end(true);
  pc = channel = client = null;
}
