/**
 * Shared set-up for multi-peer tests: client options for a private test room, and a
 * recorded client started in a peer page (see recorder.ts, peer-page.ts).
 */
import { MQTT_URL } from 'virtual:mqtt-config';
import type { RTChatClientOptions } from '../../src/index.js';
import { peerEval } from './peer.js';
import type { Consent, FileDecision, Seen } from './recorder.js';

/** Options for a test client: its own storage (so its own identity), loopback only, admits everyone. */
export const testOptions = (topic: string, extra: Partial<RTChatClientOptions> = {}): RTChatClientOptions => ({
  topic,
  brokers: [MQTT_URL],
  iceServers: [],
  autoAccept: 'all',
  storage: `rtchat-test-${crypto.randomUUID()}:`,
  ...extra,
});

/**
 * Call after starting a client that must count as here first (it then decides about the
 * next one's knock). `connect()` resolves once it announced; announces carry time in the
 * room, and two within 300 ms of each other count as arriving at once (protocol.md 6.2,
 * then the lower peer id decides). 400 ms more puts the next client's arrival clearly later,
 * however busy the machine: its own start only adds to the gap.
 */
export const hereFirst = (): Promise<void> => new Promise((r) => setTimeout(r, 400));

export interface RemoteInfo {
  id: string;
  tab: number;
  /** Public key, base64url. */
  key: string;
}

/**
 * Starts a recorded client in a peer page as `harness.clients[key]`. Its app answers
 * `{ op: 'add', args: [a, b] }` with a + b and anything else with "echo <json>".
 */
export function startRemote(
  page: string,
  options: RTChatClientOptions,
  { key = 'r', consent = 'accept', files = 'accept' }: { key?: string; consent?: Consent; files?: FileDecision } = {},
): Promise<RemoteInfo> {
  return peerEval(
    page,
    async ({ options, key, consent, files }) => {
      const h = (window as any).harness;
      const answer = (q: any) => (q && q.op === 'add' ? q.args[0] + q.args[1] : `echo ${JSON.stringify(q)}`);
      const r = (h.clients[key] = await h.startRecorded(options, consent, answer, files));
      return { id: r.client.id, tab: r.client.tab, key: h.rtchat.toBase64Url(r.client.publicKey) };
    },
    { options, key, consent, files },
  );
}

/** Waits in the peer page until `predicate` (source text of `(seen) => boolean`) holds. */
export function remoteUntil(page: string, predicate: string, { key = 'r', timeout = 15_000 } = {}): Promise<Seen[]> {
  return peerEval(page, ({ predicate, key, timeout }) => (window as any).harness.clients[key].until((0, eval)(`(${predicate})`), timeout), { predicate, key, timeout });
}

/** Runs `fn` (source text of `(client) => …`) on the peer page's client; resolves with its JSON result. */
export function remoteDo<R>(page: string, fn: string, key = 'r'): Promise<R> {
  return peerEval<{ key: string; fn: string }, R>(page, async ({ key, fn }) => (0, eval)(`(${fn})`)((window as any).harness.clients[key].client), { key, fn });
}

/** What the peer page's client has recorded so far. */
export function remoteSeen(page: string, key = 'r'): Promise<Seen[]> {
  return peerEval(page, (key: string) => (window as any).harness.clients[key].seen, key);
}
