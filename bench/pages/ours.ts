/** Our client in a bench page: join a room, record connected/verified times, time ask() round trips. */
import { RTChatClient } from '../../src/index.js';
import { Timeline, now, timeRounds } from './timeline.js';

let client: RTChatClient | null = null;
/** What this page saw. */
export const timeline = new Timeline();

export interface OursJoin {
  url: string;
  topic: string;
  name: string;
}

/** Starts a client (fresh storage, so a fresh identity, as on a first visit); resolves once it is on the broker and has announced. */
export async function join({ url, topic, name }: OursJoin): Promise<{ t0: number; joined: number; id: string; roomTopic: string }> {
  const t0 = now();
  timeline.mark('start');
  const c = new RTChatClient({ topic, name, brokers: [url], iceServers: [], autoAccept: 'all', storage: `bench-${crypto.randomUUID()}:` });
  client = c;
  c.addEventListener('peerconnected', (e) => timeline.mark('connected', e.peer.id));
  c.addEventListener('verified', (e) => timeline.mark('verified', e.peer.id));
  c.addEventListener('verificationfailed', (e) => timeline.mark('verificationfailed', e.peer.id, e.reason));
  c.addEventListener('peerdisconnected', (e) => timeline.mark('disconnected', e.peer.id, e.reason));
  c.addEventListener('error', (e) => timeline.mark('error', undefined, String(e.error)));
  c.addEventListener('question', (e) => e.respondWith(e.question));
  c.addEventListener('peerseen', (e) => timeline.mark('seen', e.peer.id));
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

export async function leave(): Promise<void> {
  await client?.disconnect();
  client = null;
}
