/**
 * Figure 9 (`--only history`): shared history in a bench page. One client per page with
 * `history: 'share'`; Node drives it through `window.bench.history`. Bytes are the chat
 * channel's own counters (RTCDataChannel stats: both directions, every frame, acks and
 * pings included), so live sending and a sync are measured the same way.
 */
import { RTChatClient } from '../../src/index.js';
import { internals } from '../../src/core/room/internals.js';

let client: RTChatClient | null = null;
/** Whether this page's client shares (and so signs). */
let signing = true;
const counts = { history: 0, chat: 0, verifiedAt: 0, lastHistoryAt: 0, lastChatAt: 0 };

/** Starts a client with a fresh identity, sharing history unless `share` is false; resolves once it announced. */
export async function start({ url, topic, name, share = true }: { url: string; topic: string; name: string; share?: boolean }): Promise<string> {
  const c = new RTChatClient({ topic, name, brokers: [url], iceServers: [], autoAccept: 'all', storage: `bench-h-${crypto.randomUUID()}:`, history: share ? 'share' : 'off' });
  client = c;
  signing = share;
  c.addEventListener('verified', () => (counts.verifiedAt ||= Date.now()));
  c.addEventListener('historymessage', () => {
    counts.history++;
    counts.lastHistoryAt = Date.now();
  });
  c.addEventListener('chatmessage', () => {
    counts.chat++;
    counts.lastChatAt = Date.now();
  });
  await c.connect();
  return c.id!;
}

/** Resolves once a peer is verified. */
export async function verified(timeoutMs = 30_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!counts.verifiedAt && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return !!counts.verifiedAt;
}

/** Broadcasts `n` messages of `chars` characters; resolves with the time of the first, once every one is signed. */
export async function say(n: number, chars: number): Promise<number> {
  const c = client!;
  const started = Date.now();
  for (let i = 0; i < n; i++) c.broadcast(`${i} `.padEnd(chars, 'lorem ipsum dolor sit amet '));
  // A sharing client signs each message before it goes out; one that does not share sends at once.
  const end = Date.now() + 60_000;
  while (signing && c.history.filter((r) => r.signed).length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return started;
}

/** Resolves once `n` messages of `kind` arrived (or after `timeoutMs`), with what was counted. */
export async function until(kind: 'history' | 'chat', n: number, timeoutMs = 120_000): Promise<typeof counts> {
  const end = Date.now() + timeoutMs;
  while (counts[kind] < n && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return { ...counts };
}

/** Bytes sent and received on the chat channels of every peer so far. */
export async function channelBytes(): Promise<number> {
  const c = client!;
  let total = 0;
  for (const p of c.peers) {
    const link = internals(c).link(p) as unknown as { conn: { pc: RTCPeerConnection } | null };
    const stats = await link.conn?.pc.getStats();
    stats?.forEach((s) => {
      if (s.type === 'data-channel' && s.label === 'rtchat') total += (s.bytesSent ?? 0) + (s.bytesReceived ?? 0);
    });
  }
  return total;
}

export async function leave(): Promise<void> {
  await client?.disconnect();
}
