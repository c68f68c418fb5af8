/**
 * A `<rt-chat-room>` in another browser context (its own profile: own keys), driven
 * through peerEval. The peer page imports the elements on demand.
 */
import { MQTT_URL } from 'virtual:mqtt-config';
import { openPeer, peerEval, type BrowserName, type PeerMode } from '../harness/peer.js';
import { remoteComposerRoot } from './room-view.js';

/** Attributes every test room needs: the local broker, host candidates only, its own storage. */
export const roomAttributes = (topic: string, extra: Record<string, string> = {}): Record<string, string> => ({
  topic,
  brokers: MQTT_URL,
  'ice-servers': '[]',
  storage: `rtchat-el-${crypto.randomUUID()}:`,
  ...extra,
});

/**
 * Opens a page with a room built from `attributes`: in a new browser context (another
 * person), or with `same-context` a tab of this browser profile (the same `storage` is the
 * same identity: our own other tab). `browser` opens it in that browser (Chromium or Firefox).
 */
export async function openRemoteRoom(attributes: Record<string, string>, mode: PeerMode = 'new-context', browser?: BrowserName): Promise<string> {
  const page = await openPeer(mode, undefined, undefined, browser);
  await peerEval(
    page,
    async (attributes) => {
      const module = '/src/elements/define.ts';
      await import(module);
      const room = document.createElement('rt-chat-room');
      for (const [name, value] of Object.entries(attributes)) room.setAttribute(name, value);
      document.body.append(room);
      (window as any).room = room;
      (window as any).roomEvents = [];
      for (const type of ['verified', 'peerdisconnected', 'chatmessage', 'typing', 'reaction', 'fileprogress', 'filereceived', 'connectionrequest', 'knockchange']) {
        room.addEventListener(type, (e: any) =>
          (window as any).roomEvents.push({
            type,
            peer: e.peer?.name,
            reason: e.reason,
            text: e.text,
            emoji: e.emoji,
            on: e.on,
            bytes: e.transfer?.bytes,
            size: e.transfer?.size,
            knock: e.type === 'knockchange' ? e.knock : undefined,
          }),
        );
      }
    },
    attributes,
  );
  return page;
}

/**
 * Waits in the remote page until `probe` (source of a function of the room returning a
 * value) returns something truthy; resolves with it.
 */
export function remoteUntil<R>(page: string, probe: string, timeoutMs = 15_000): Promise<R> {
  return peerEval<{ probe: string; timeoutMs: number }, R>(
    page,
    async ({ probe, timeoutMs }) => {
      const fn = (0, eval)(`(${probe})`);
      const end = Date.now() + timeoutMs;
      for (;;) {
        const value = fn((window as any).room);
        if (value) return value;
        if (Date.now() > end) throw new Error(`timed out waiting for ${probe}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    { probe, timeoutMs },
  );
}

/** Runs `fn` (source of a function of the room) in the remote page. */
export function remoteDo<R>(page: string, fn: string): Promise<R> {
  return peerEval<{ fn: string }, R>(page, async ({ fn }) => (0, eval)(`(${fn})`)((window as any).room), { fn });
}

/** Bob types `text` into the remote room's composer and clicks Send, once Send is enabled. */
export async function remoteSend(page: string, text: string): Promise<void> {
  await remoteUntil(page, `(room) => { const b = ${remoteComposerRoot}.querySelector('[part="send-button"]'); return b && !b.disabled; }`);
  await remoteDo(
    page,
    `(room) => { ${remoteComposerRoot}.querySelector('textarea').value = ${JSON.stringify(text)}; ${remoteComposerRoot}.querySelector('[part="send-button"]').click(); }`,
  );
}

/**
 * Bob picks a file with his attach button: a file of `size` pseudo-random bytes (made in his
 * page) set on the composer's file input, as the file chooser would. Resolves with its
 * SHA-256 (hex) once handed to the room.
 */
export function remoteAttach(page: string, size: number, name: string, type = 'application/octet-stream'): Promise<string> {
  return peerEval<{ size: number; name: string; type: string }, string>(
    page,
    async ({ size, name, type }) => {
      const bytes = new Uint8Array(size);
      const words = new Uint32Array(bytes.buffer, 0, size >> 2);
      let x = size;
      for (let i = 0; i < words.length; i++) words[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      const file = new File([bytes], name, { type });
      const data = new DataTransfer();
      data.items.add(file);
      const input = (window as any).room.shadowRoot.querySelector('rt-composer').shadowRoot.querySelector('input[type="file"]') as HTMLInputElement;
      input.files = data.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    },
    { size, name, type },
  );
}
