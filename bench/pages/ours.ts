/** Our client in a bench page: join a room, record connected/verified times, time ask() round trips. */
import { MqttTransport, RTChatClient, type TransportInit } from '../../src/index.js';
import { bulkBlob, deferred, digestHex, type Deferred } from './bulk.js';
import { Timeline, now, timeRounds } from './timeline.js';

let client: RTChatClient | null = null;
/** This page's client, if it joined (the attack figures read its counters). */
export const current = (): RTChatClient | null => client;
/** What this page saw. */
export const timeline = new Timeline();

export interface OursJoin {
  url: string;
  topic: string;
  name: string;
}

/** Signaling kinds by their wire byte (docs/protocol.md; the bench's rooms are not sealed, so it is in the clear). */
const KINDS: Record<number, string> = { 1: 'announce', 3: 'offer', 4: 'answer' };

/**
 * The default transport, watched for the per-phase timeline: the first broker up, and the
 * first announce, offer and answer out and in (`phase:` marks; the byte after the version
 * byte is the kind). It changes nothing the client does.
 */
function timedTransport(init: TransportInit): MqttTransport {
  const t = new MqttTransport(init);
  const publish = t.publish.bind(t);
  // 0x40 marks an answer's short form (docs/protocol.md 4.5).
  const kind = (payload: Uint8Array) => (payload[0] === 0x01 ? KINDS[payload[1] & ~0x40] : undefined);
  t.publish = (topic, payload) => {
    const k = kind(payload);
    if (k) timeline.mark(`phase:sent-${k}`);
    return publish(topic, payload);
  };
  t.addEventListener('message', (e) => {
    const k = kind(e.payload);
    // Our own announce comes back from the broker: only the others' count.
    if (k && k !== 'announce') timeline.mark(`phase:got-${k}`);
  });
  t.addEventListener('status', (e) => e.status.state === 'connected' && timeline.mark('phase:broker'));
  return t;
}

/** Starts a client (fresh storage, so a fresh identity, as on a first visit); resolves once it is on the broker and has announced. */
export async function join({ url, topic, name }: OursJoin): Promise<{ t0: number; joined: number; id: string; roomTopic: string }> {
  const t0 = now();
  timeline.mark('start');
  const c = new RTChatClient({ topic, name, brokers: [url], iceServers: [], autoAccept: 'all', storage: `bench-${crypto.randomUUID()}:`, transport: timedTransport });
  client = c;
  // Storage, identity, tab lock, trust store and room derivation done: the session is open.
  c.addEventListener('joined', () => timeline.mark('phase:storage'));
  c.addEventListener('peerconnected', (e) => timeline.mark('connected', e.peer.id));
  c.addEventListener('verified', (e) => timeline.mark('verified', e.peer.id));
  c.addEventListener('verificationfailed', (e) => timeline.mark('verificationfailed', e.peer.id, e.reason));
  c.addEventListener('peerdisconnected', (e) => timeline.mark('disconnected', e.peer.id, e.reason));
  c.addEventListener('error', (e) => timeline.mark('error', undefined, String(e.error)));
  c.addEventListener('question', (e) => e.respondWith(e.question));
  c.addEventListener('peerseen', (e) => timeline.mark('seen', e.peer.id));
  // Figure 4: a receiver accepts only the file it was told to expect.
  c.addEventListener('fileoffer', (e) => (expecting ? e.transfer.accept() : e.transfer.decline()));
  c.addEventListener('filereceived', (e) => expecting?.resolve({ at: now(), size: e.file.size, file: e.file }));
  c.addEventListener('fileend', (e) => {
    const t = e.transfer;
    if (t.direction === 'send') {
      if (t.state === 'done') senderEnd?.resolve(now());
      else senderEnd?.reject(new Error(`sending ended ${t.state} (${t.failure})`));
    } else if (t.state !== 'done') expecting?.reject(new Error(`receiving ended ${t.state} (${t.failure})`));
  });
  await c.connect();
  timeline.mark('joined');
  return { t0, joined: now(), id: c.id!, roomTopic: c.roomTopic! };
}

/** ask() round trips to the first verified peer, in ms. */
export function askRounds(rounds: number, warmup: number): Promise<number[]> {
  const peer = client?.peers.find((p) => p.verified);
  if (!peer) throw new Error('no verified peer to ask');
  let i = 0;
  return timeRounds(rounds, warmup, async () => {
    const n = i++;
    const a = await peer.ask(n);
    if (a !== n) throw new Error(`ask(${n}) answered ${JSON.stringify(a)}`);
  });
}

// ---- figure 4: bulk transfer ----

interface Arrival {
  at: number;
  size: number;
  file: File;
}
/** Receiver: the file it accepts next, once received. */
let expecting: Deferred<Arrival> | null = null;
/** Sender: when its transfer ended (every byte handed to the channel and drained). */
let senderEnd: Deferred<number> | null = null;

/** Receiver: accept the next file offered (others are declined); `bulkResult` says when it arrived. */
export function bulkExpect(): void {
  expecting = deferred();
}

/**
 * Receiver: when the expected file was received and passed its integrity check, epoch ms;
 * with `digest`, also the WebCrypto SHA-256 of what arrived (hex).
 */
export async function bulkResult(digest = false): Promise<{ at: number; size: number; digest?: string }> {
  try {
    const { at, size, file } = await expecting!.promise;
    return { at, size, ...(digest ? { digest: await digestHex(file) } : {}) };
  } finally {
    expecting = null;
  }
}

/** Sender: builds the bench file ahead of the timed part. */
export const bulkPrepare = (size: number): number => bulkBlob(size).size;

/** Sender: WebCrypto SHA-256 of the bench file of `size` bytes (hex). */
export const bulkDigest = (size: number): Promise<string> => digestHex(bulkBlob(size));

/**
 * Sender: `client.sendFile` to the first verified peer. Resolves when sendFile does (file
 * hashed, offer signed and sent): `t0` is the call, `hashed` its return, epoch ms.
 */
export async function bulkSend(size: number): Promise<{ t0: number; hashed: number }> {
  const peer = client?.peers.find((p) => p.verified);
  if (!peer) throw new Error('no verified peer to send to');
  const blob = bulkBlob(size);
  senderEnd = deferred();
  const t0 = now();
  await client!.sendFile(blob, { to: peer, name: 'bench.bin' });
  return { t0, hashed: now() };
}

/** Sender: when its last transfer ended, epoch ms. */
export const bulkSenderDone = (): Promise<number> => senderEnd!.promise;

export async function leave(): Promise<void> {
  await client?.disconnect();
  client = null;
}
