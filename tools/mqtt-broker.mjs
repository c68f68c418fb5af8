// An in-process MQTT broker (aedes) speaking MQTT over WebSocket on 127.0.0.1.
// Used by the test runner and by `npm start`, so both work with no internet.
import { createServer } from 'node:http';
import { Aedes } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';

/**
 * Starts a broker. `port` 0 picks a free port.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startBroker({ port = 0, host = '127.0.0.1' } = {}) {
  const broker = await Aedes.createBroker();
  const httpServer = createServer();
  const wss = new WebSocketServer({ server: httpServer });
  wss.on('connection', (socket, req) => {
    const stream = createWebSocketStream(socket);
    // A client that vanishes mid-frame must not take the broker down.
    stream.on('error', () => socket.terminate());
    broker.handle(stream, req);
  });
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, resolve);
  });
  const actualPort = httpServer.address().port;
  let stopped = false;
  return {
    url: `ws://${host}:${actualPort}`,
    port: actualPort,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(() => r()));
      await new Promise((r) => httpServer.close(() => r()));
      await new Promise((r) => broker.close(() => r()));
    },
  };
}
