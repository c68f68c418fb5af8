// `npm start`'s listening (tools/listen.mjs, tools/dev-server.mjs), on loopback only.
// Run with `npm run test:tools` (node's own test runner; no browser).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { listenOnFreePort } from '../../tools/listen.mjs';

const servers = [];
after(() => Promise.all(servers.map((s) => new Promise((r) => s.close(() => r())))));

/** A server listening on 127.0.0.1 (port 0: any free one); closed after the tests. */
async function occupy(port = 0) {
  const server = createServer();
  servers.push(server);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server.address().port;
}

/** Two taken ports in a row, p and p + 1 (retried: p + 1 may be someone else's). */
async function occupyTwo() {
  for (;;) {
    const first = await occupy();
    if (first < 65535 && (await occupy(first + 1).catch(() => null))) return first;
  }
}

describe('listenOnFreePort', () => {
  it('takes the port asked for when it is free, on the host asked for', async () => {
    const server = createServer();
    servers.push(server);
    const port = await listenOnFreePort(server, { port: 0 });
    assert.deepEqual(server.address(), { address: '127.0.0.1', family: 'IPv4', port });
  });

  it('moves on to a later port when the port is taken, and then serves', async () => {
    const taken = await occupy();
    const server = createServer((socket) => socket.end('hi'));
    servers.push(server);
    const port = await listenOnFreePort(server, { port: taken, tries: 20 });
    assert.ok(port > taken && port < taken + 20, `${port} after ${taken}`);
    const reply = await new Promise((resolve, reject) => {
      const client = connect(port, '127.0.0.1');
      let data = '';
      client.on('data', (d) => (data += d));
      client.on('end', () => resolve(data));
      client.on('error', reject);
    });
    assert.equal(reply, 'hi');
  });

  it('fails with EADDRINUSE when strict and the port is taken', async () => {
    const taken = await occupy();
    await assert.rejects(listenOnFreePort(createServer(), { port: taken, strict: true }), { code: 'EADDRINUSE' });
  });

  it('fails with EADDRINUSE when every port it may try is taken', async () => {
    const first = await occupyTwo();
    await assert.rejects(listenOnFreePort(createServer(), { port: first, tries: 2 }), { code: 'EADDRINUSE' });
  });
});

/** Runs `node tools/dev-server.mjs` with `env`; resolves with its output once `until` matches it, or it exits. */
function devServer(env, until) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../../tools/dev-server.mjs', import.meta.url))], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, HOST: '', PORT: '', MQTT_URL: '', MQTT_PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve) => {
    const done = (code) => resolve({ child, output, code });
    child.stdout.on('data', (d) => (output += d) && until.test(output) && done(null));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => done(code));
  });
}

describe('npm start (tools/dev-server.mjs)', () => {
  it('says in one line that a PORT it was given is taken, and exits 1 without a stack', async () => {
    const taken = await occupy();
    const { output, code } = await devServer({ PORT: String(taken) }, /$^/);
    assert.equal(code, 1);
    assert.equal(output.trim(), `Port ${taken} on 127.0.0.1 is in use (PORT=${taken}). Choose another PORT, or unset it to take the first free port from 8000.`);
  });

  it('serves the demo and its broker address on 127.0.0.1 only, and prints the URL', async () => {
    const { child, output } = await devServer({ PORT: '0' }, /rtchat demo: .*\n(.*\n){3}/);
    try {
      const port = Number(/rtchat demo: http:\/\/127\.0\.0\.1:(\d+)\/demo\//.exec(output)?.[1]);
      assert.ok(port > 0, output);
      assert.match(output, /Listening on 127\.0\.0\.1 only \(HOST=0\.0\.0\.0/);
      const page = await fetch(`http://127.0.0.1:${port}/demo/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<rt-chat-room/);
      // The broker the pages are given works: a message published comes back to its subscriber.
      const mqttConfig = await (await fetch(`http://127.0.0.1:${port}/__mqtt-config.js`)).text();
      const brokerUrl = /MQTT_URL = "(ws:\/\/127\.0\.0\.1:\d+)"/.exec(mqttConfig)?.[1];
      assert.ok(brokerUrl, mqttConfig);
      const client = await mqtt.connectAsync(brokerUrl, { connectTimeout: 5000, reconnectPeriod: 0 });
      try {
        const echoed = new Promise((resolve) => client.once('message', (topic, payload) => resolve(`${topic} ${payload}`)));
        await client.subscribeAsync('dev-server-test');
        await client.publishAsync('dev-server-test', 'hello');
        assert.equal(await echoed, 'dev-server-test hello');
      } finally {
        await client.endAsync();
      }
    } finally {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
  });
});
