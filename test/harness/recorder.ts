/**
 * Runs an RTChatClient and records what a user of it would see, as plain data, so a test
 * can read it from another page through peerEval. Used by the test page and the peer page.
 */
import { RTChatClient, type FileTransfer, type RTChatClientOptions } from '../../src/index.js';

export interface Seen {
  type: string;
  peer?: string;
  name?: string;
  text?: string;
  reason?: string;
  trust?: string;
  code?: string;
  direct?: boolean;
  initiator?: boolean;
  /** file events: transfer id, bytes so far, size, state, failure */
  file?: { id: string; bytes: number; size: number; state: string; failure: string | null; name: string };
  emoji?: string;
  on?: boolean;
  /** historymessage: the author's key (base64url) and when the author wrote it. */
  author?: string;
  sentAt?: number;
}

export interface Recorded {
  client: RTChatClient;
  seen: Seen[];
  /** Resolves when `predicate` holds for the recorded events (checked on each event). */
  until(predicate: (seen: Seen[]) => boolean, timeoutMs?: number): Promise<Seen[]>;
}

/** What the consent handler does: accept, reject, or leave pending. */
export type Consent = 'accept' | 'reject' | 'ignore';

/** What to do with file offers. */
export type FileDecision = 'accept' | 'decline' | 'ignore';

export async function startRecorded(
  options: RTChatClientOptions,
  consent: Consent = 'accept',
  answer?: (q: unknown) => unknown,
  files: FileDecision = 'accept',
): Promise<Recorded & { transfers: Map<string, FileTransfer>; received: Map<string, File> }> {
  const client = new RTChatClient(options);
  const seen: Seen[] = [];
  const waiters = new Set<() => void>();
  const push = (s: Seen) => {
    seen.push(s);
    for (const w of waiters) w();
  };
  client.addEventListener('peerseen', (e) => push({ type: 'peerseen', peer: e.peer.id, name: e.peer.name }));
  client.addEventListener('connectionrequest', (e) => {
    push({ type: 'connectionrequest', peer: e.peer.id, initiator: e.initiator });
    if (consent === 'ignore') return;
    e.preventDefault();
    if (consent === 'accept') e.accept();
    else e.reject();
  });
  client.addEventListener('knockchange', (e) => push({ type: 'knockchange', peer: e.peer.id, name: e.peer.name, reason: e.knock ?? 'let-in' }));
  client.addEventListener('peerconnected', (e) => push({ type: 'peerconnected', peer: e.peer.id }));
  client.addEventListener('verified', (e) => push({ type: 'verified', peer: e.peer.id, name: e.peer.name, trust: e.trust, code: e.safetyCode }));
  client.addEventListener('verificationfailed', (e) => push({ type: 'verificationfailed', peer: e.peer.id, reason: e.reason }));
  client.addEventListener('peerdisconnected', (e) => push({ type: 'peerdisconnected', peer: e.peer.id, reason: e.reason }));
  client.addEventListener('chatmessage', (e) => push({ type: 'chatmessage', peer: e.peer.id, name: e.peer.label, text: e.text, direct: e.direct }));
  client.addEventListener('historymessage', (e) =>
    push({ type: 'historymessage', peer: e.by.id, author: e.author, name: e.name, trust: e.trust, text: e.text, sentAt: e.sentAt, direct: e.record.direct }),
  );
  client.addEventListener('delivered', (e) => push({ type: 'delivered', peer: e.peer.id }));
  client.addEventListener('namechange', (e) => push({ type: 'namechange', peer: e.peer?.id, name: e.name }));
  client.addEventListener('drop', (e) => push({ type: 'drop', reason: e.reason, text: e.detail }));
  client.addEventListener('question', (e) => {
    push({ type: 'question', peer: e.peer.id, text: JSON.stringify(e.question) });
    if (answer) e.respondWith(answer(e.question));
  });
  const transfers = new Map<string, FileTransfer>();
  const received = new Map<string, File>();
  const fileSeen = (t: FileTransfer) => ({ id: t.id, bytes: t.bytes, size: t.size, state: t.state, failure: t.failure, name: t.name });
  client.addEventListener('fileoffer', (e) => {
    transfers.set(e.transfer.id, e.transfer);
    push({ type: 'fileoffer', peer: e.peer.id, file: fileSeen(e.transfer) });
    if (files === 'accept') e.transfer.accept();
    else if (files === 'decline') e.transfer.decline();
  });
  client.addEventListener('fileprogress', (e) => push({ type: 'fileprogress', peer: e.peer.id, file: fileSeen(e.transfer) }));
  client.addEventListener('filereceived', (e) => {
    received.set(e.transfer.id, e.file);
    push({ type: 'filereceived', peer: e.peer.id, file: fileSeen(e.transfer) });
  });
  client.addEventListener('fileend', (e) => push({ type: 'fileend', peer: e.peer.id, file: fileSeen(e.transfer) }));
  client.addEventListener('typing', (e) => push({ type: 'typing', peer: e.peer.id, name: e.peer.label }));
  client.addEventListener('reaction', (e) => push({ type: 'reaction', peer: e.peer?.id, text: e.messageId, emoji: e.emoji, on: e.on }));
  await client.connect();
  return {
    client,
    seen,
    transfers,
    received,
    until(predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(seen)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(seen);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; saw: ${JSON.stringify(seen)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Counts events of one type (optionally for one peer). */
export const count = (seen: Seen[], type: string, peer?: string) => seen.filter((s) => s.type === type && (!peer || s.peer === peer)).length;

/**
 * Recorded clients in this page that a test file disconnects after each test:
 * `const clients = localClients(); afterEach(() => clients.disconnectAll());`
 */
export function localClients() {
  const started: { client: { disconnect(): Promise<void> } }[] = [];
  return {
    /** Starts a recorded client in this page (see startRecorded). */
    async start(...args: Parameters<typeof startRecorded>) {
      const r = await startRecorded(...args);
      started.push(r);
      return r;
    },
    /** Also disconnect this client after the test. */
    track(client: { disconnect(): Promise<void> }) {
      started.push({ client });
    },
    disconnectAll: () => Promise.all(started.splice(0).map((r) => r.client.disconnect())),
  };
}
