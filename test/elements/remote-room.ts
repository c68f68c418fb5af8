/**
 * A `<rt-chat-room>` in another browser context (its own profile: own keys), driven
 * through peerEval. The peer page imports the elements on demand.
 */
import { MQTT_URL } from 'virtual:mqtt-config';
import { openPeer, peerEval } from '../harness/peer.js';

/** Attributes every test room needs: the local broker, host candidates only, its own storage. */
export const roomAttributes = (topic: string, extra: Record<string, string> = {}): Record<string, string> => ({
  topic,
  brokers: MQTT_URL,
  'ice-servers': '[]',
  storage: `rtchat-el-${crypto.randomUUID()}:`,
  ...extra,
});

/** Opens a page in a new browser context with a room built from `attributes`. */
export async function openRemoteRoom(attributes: Record<string, string>): Promise<string> {
  const page = await openPeer('new-context');
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
      for (const type of ['verified', 'peerdisconnected', 'chatmessage']) {
        room.addEventListener(type, (e: any) => (window as any).roomEvents.push({ type, peer: e.peer?.name, reason: e.reason, text: e.text }));
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
  await remoteUntil(page, `(room) => { const b = room.shadowRoot.querySelector('[part="send-button"]'); return b && !b.disabled; }`);
  await remoteDo(page, `(room) => { room.shadowRoot.querySelector('textarea').value = ${JSON.stringify(text)}; room.shadowRoot.querySelector('[part="send-button"]').click(); }`);
}
