// Runs a command with a real mosquitto broker on loopback and MQTT_URL pointing at it:
//   node tools/with-mosquitto.mjs npm test
// mosquitto needs a plain MQTT listener beside the WebSocket one, or it refuses to start.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN =
  ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto', '/opt/homebrew/sbin/mosquitto'].find(existsSync) ??
  (spawnSync('which', ['mosquitto']).stdout?.toString().trim() || null);
if (!BIN) {
  console.error('mosquitto not found. Install it (Debian/Ubuntu: `sudo apt-get install -y mosquitto`).');
  process.exit(1);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const waitForPort = async (port, ms = 10000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((r) => {
      const c = connect(port, '127.0.0.1', () => {
        c.destroy();
        r(true);
      });
      c.on('error', () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mosquitto did not listen on ${port} within ${ms} ms`);
};

const [wsPort, mqttPort] = [await freePort(), await freePort()];
const dir = mkdtempSync(join(tmpdir(), 'rtchat-mosquitto-'));
const conf = join(dir, 'mosquitto.conf');
writeFileSync(
  conf,
  ['persistence false', 'allow_anonymous true', `listener ${mqttPort} 127.0.0.1`, 'protocol mqtt', `listener ${wsPort} 127.0.0.1`, 'protocol websockets', ''].join('\n'),
);

const broker = spawn(BIN, ['-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
let code = 1;
try {
  await waitForPort(wsPort);
  const url = `ws://127.0.0.1:${wsPort}`;
  console.log(`[mosquitto] ${BIN} on ${url}`);
  const [cmd, ...args] = process.argv.slice(2);
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, MQTT_URL: url } });
  code = await new Promise((r) => child.on('exit', (c, sig) => r(c ?? (sig ? 1 : 0))));
} catch (e) {
  console.error(String(e));
} finally {
  broker.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
