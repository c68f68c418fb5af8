// What every benchmark needs: the embedded broker, a byte counter subscribed to it, the repo
// served by @web/dev-server (TypeScript compiled on the fly) and Debian's Chromium driven by
// Playwright, one browser context per peer (own profile: own IndexedDB, so own identity).
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { mqttBrowserDevServer } from '../../tools/mqtt-browser.mjs';
import mqtt from 'mqtt';
import { chromium } from 'playwright';
import { chromiumArgs, findChromium } from '../../tools/chromium.mjs';
import { startBroker } from '../../tools/mqtt-broker.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Subscribes to `#` on the broker and records every publish it forwards: one record per
 * publish (the fan-out to other subscribers is not counted), payload bytes only.
 * Windows are cut by order, not by clocks: `barrier()` publishes a marker through the broker
 * and resolves with its position in the log once it comes back, so everything the broker
 * received before it lies before that position.
 */
async function startCounter(url) {
  const client = mqtt.connect(url, { reconnectPeriod: 0 });
  /** @type {{ topic: string, bytes: number }[]} */
  const log = [];
  const waiting = new Map();
  client.on('message', (topic, payload) => {
    log.push({ topic, bytes: payload.length });
    waiting.get(topic)?.(log.length);
  });
  await new Promise((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  await client.subscribeAsync('#');
  let barriers = 0;
  return {
    log,
    /** Log position after every publish the broker has received so far. */
    barrier() {
      const topic = `bench/barrier/${++barriers}`;
      return new Promise((resolve) => {
        waiting.set(topic, (position) => {
          waiting.delete(topic);
          resolve(position);
        });
        client.publish(topic, '');
      });
    },
    /** Messages whose topic passes `match`, in log positions [from, to). */
    select(match, from = 0, to = log.length) {
      const picked = log.slice(from, to).filter((m) => match(m.topic));
      return { messages: picked.length, bytes: picked.reduce((n, m) => n + m.bytes, 0) };
    },
    close: () => client.endAsync(true),
  };
}

/**
 * Starts broker, counter, dev server and browser.
 * @returns {Promise<{ brokerUrl: string, origin: string, counter: Awaited<ReturnType<typeof startCounter>>, browserVersion: string,
 *   openPage: (o?: { blank?: boolean }) => Promise<import('playwright').Page>, closePages: (pages: import('playwright').Page[]) => Promise<void>, stop: () => Promise<void> }>}
 */
export async function startHarness({ verbose = false } = {}) {
  // MQTT_URL: an external broker (`node tools/with-mosquitto.mjs node bench/run.mjs …` runs
  // every figure through mosquitto, which speaks MQTT 5); else aedes in this process.
  const broker = process.env.MQTT_URL ? { url: process.env.MQTT_URL, stop: async () => {} } : await startBroker();
  const counter = await startCounter(broker.url);
  const server = await startDevServer({
    config: {
      rootDir: repoRoot,
      hostname: '127.0.0.1',
      // Without 'browser', `import mqtt from 'mqtt'` loads mqtt.js's Node build and fails.
      nodeResolve: { exportConditions: ['browser', 'development'] },
      // tsconfig: honour experimentalDecorators, as in the dev server and test runner configs.
      // src/ gets the slim mqtt.js that dist/rtchat.js carries; raw and Trystero keep theirs.
      plugins: [mqttBrowserDevServer(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${repoRoot}/tsconfig.json` })],
    },
    readCliArgs: false,
    readFileConfig: false,
    autoExitProcess: false,
    logStartMessage: false,
  });
  const pageUrl = `http://127.0.0.1:${server.config.port}/bench/pages/bench.html`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  const contexts = new Map();

  /** A page in a new browser context; with `blank`, not yet navigated (the caller routes and navigates). */
  async function openPage({ blank = false } = {}) {
    const context = await browser.newContext();
    const page = await context.newPage();
    contexts.set(page, context);
    page.on('pageerror', (e) => console.error(`  [page error] ${e.message}`));
    if (verbose) page.on('console', (m) => console.error(`  [page ${m.type()}] ${m.text()}`));
    if (blank) return page;
    await page.goto(pageUrl);
    await page.waitForFunction(() => !!window.bench, null, { timeout: 30_000 });
    return page;
  }

  async function closePages(pages) {
    await Promise.all(
      pages.map(async (p) => {
        const c = contexts.get(p);
        contexts.delete(p);
        await c?.close().catch(() => {});
      }),
    );
  }

  return {
    brokerUrl: broker.url,
    origin: `http://127.0.0.1:${server.config.port}`,
    counter,
    browserVersion: browser.version(),
    openPage,
    closePages,
    async stop() {
      await closePages([...contexts.keys()]);
      await browser.close().catch(() => {});
      await server.stop();
      await counter.close().catch(() => {});
      await broker.stop();
    },
  };
}
