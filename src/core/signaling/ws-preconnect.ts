/**
 * WebSockets to the brokers opened before the MQTT connection can start. The MQTT CONNECT
 * carries our last will, a leave signed with our identity for this session, so it waits
 * for the session: storage, identity, tab lock, room keys. The WebSocket under it does not:
 * `Room.join` opens one to each broker at once, and the transport's first connection to that
 * broker adopts it (mqtt.js's `createWebsocket` option), so the TCP, TLS and HTTP upgrade
 * round trips overlap with opening the session instead of following it.
 *
 * A socket nobody adopts within {@link PRECONNECT_MS} is closed, as is one whose session
 * could not open ({@link dropPreconnected}).
 */

/** How long an opened socket waits to be adopted (a broker may close an idle one sooner: then a new one is made). */
export const PRECONNECT_MS = 10_000;

/** The MQTT WebSocket subprotocol for MQTT 3.1.1 and 5 (what mqtt.js asks for). */
const SUBPROTOCOL = 'mqtt';

const early = new Map<string, WebSocket>();

/** Opens a WebSocket to each ws:// or wss:// URL that has none waiting; errors are left to the real connection. */
export function preconnect(urls: readonly string[]): void {
  if (typeof WebSocket !== 'function') return;
  for (const url of new Set(urls)) {
    if (early.has(url) || !/^wss?:\/\/./i.test(url)) continue;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, [SUBPROTOCOL]);
    } catch {
      continue; // an invalid URL: the transport reports it
    }
    socket.binaryType = 'arraybuffer';
    early.set(url, socket);
    setTimeout(() => {
      if (early.get(url) !== socket) return;
      early.delete(url);
      socket.close();
    }, PRECONNECT_MS);
  }
}

/**
 * The socket opened for `url`, once, if it is still connecting or open and speaks
 * `protocols` (else undefined: make a new one).
 */
export function takePreconnected(url: string, protocols: readonly string[]): WebSocket | undefined {
  const socket = early.get(url);
  if (!socket) return undefined;
  early.delete(url);
  const usable = socket.readyState === WebSocket.CONNECTING || (socket.readyState === WebSocket.OPEN && socket.protocol === SUBPROTOCOL);
  if (usable && protocols.length === 1 && protocols[0] === SUBPROTOCOL) return socket;
  socket.close();
  return undefined;
}

/** Closes the sockets opened for `urls` that nobody adopted (the session did not open). */
export function dropPreconnected(urls: readonly string[]): void {
  for (const url of urls) {
    const socket = early.get(url);
    if (!socket) continue;
    early.delete(url);
    socket.close();
  }
}
