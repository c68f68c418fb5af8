// An in-process MQTT broker (aedes) speaking MQTT over WebSocket, on 127.0.0.1 unless told otherwise.
// Used by the test runner and by `npm start`, so both work with no internet.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Aedes } from 'aedes';
import { WebSocketServer } from 'ws';

/**
 * Starts a broker. `port` 0 picks a free port.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startBroker({ port = 0, host = '127.0.0.1' } = {}) {
  const broker = await Aedes.createBroker();
  const httpServer = createServer();
  const wss = new WebSocketServer({ server: httpServer });
  wss.on('connection', (socket, req) => {
    const stream = packetStream(socket);
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
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
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

/**
 * The same broker in a child process: its work (a flood test publishes 1,000 messages a
 * second) runs on its own event loop, so it cannot starve the test runner's server, which
 * answers the browsers' commands. Same result as startBroker.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startBrokerProcess({ port = 0, host = '127.0.0.1' } = {}) {
  const child = fork(fileURLToPath(new URL('./mqtt-broker-child.mjs', import.meta.url)), [String(port), host], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the broker process exited (${code}) before listening on ${host} port ${port}`)));
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    url: ready.url,
    port: ready.port,
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.send('stop');
      await gone;
    },
  };
}

/**
 * The WebSocket as a stream for aedes, one WebSocket message per flush: aedes writes an MQTT
 * packet in several pieces (header, topic, payload), and ws's own stream would send each as
 * a message of its own (5 per publish, seen in the bench), which no real broker does
 * (mosquitto sends one per packet) and which multiplies the browser's work in flood tests.
 */
function packetStream(socket) {
  let pending = [];
  const stream = new Duplex({
    read() {},
    write(chunk, _encoding, done) {
      if (pending.length === 0) queueMicrotask(flush);
      pending.push(chunk);
      done();
    },
    final(done) {
      flush();
      socket.close();
      done();
    },
    destroy(error, done) {
      // aedes ends a connection it refuses (an MQTT 5 CONNECT, say) by destroying its stream.
      // Closed with a close frame, as mosquitto does: a connection cut without one is a
      // network error in the page (Firefox logs "The connection to ws://… was interrupted").
      // A client that vanished mid-frame is cut off.
      flush();
      if (error) socket.terminate();
      else socket.close();
      done(error);
    },
  });
  function flush() {
    if (pending.length === 0) return;
    const data = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending = [];
    if (socket.readyState === socket.OPEN) socket.send(data, { binary: true });
  }
  socket.on('message', (data) => stream.push(data));
  socket.on('close', () => stream.push(null));
  socket.on('error', (e) => stream.destroy(e));
  return stream;
}
