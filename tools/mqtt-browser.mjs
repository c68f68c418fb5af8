// The part of mqtt.js a browser WebSocket client needs, bundled once by esbuild.
//
// `import mqtt from 'mqtt'` with the 'browser' condition gives mqtt.js's self-contained
// browser build (dist/mqtt.esm.js): 105 kB gzip -9, because it carries every transport
// (TCP, TLS, SOCKS, WeChat and Alipay mini-programs), a `url` polyfill, the `debug` logger and
// jspm's Node `process` shim. rtchat only ever speaks MQTT over a browser WebSocket, so for
// our bundles (rollup.config.mjs), the dev server, the tests and the bench, an import of
// 'mqtt' from src/ resolves to this module instead: mqtt.js's own MqttClient and its own
// browser WebSocket stream builder (mqtt/lib/client, mqtt/lib/connect/ws), with only the
// browser polyfills they need (buffer, events, process, readable-stream), and a `connect()`
// that parses ws:// and wss:// URLs as mqtt.connect does for them.
//
// Left out, because rtchat never uses them (the transport sets none of the options that
// would reach them):
// - `lru-cache` (17 kB minified): topic-alias-send.js keeps its aliases in one, created when a
//   broker's CONNACK offers topic aliases (mosquitto does) and used only with the
//   `autoUseTopicAlias` / `autoAssignTopicAlias` options. A Map with the same get / set / keys
//   (most recent first) / clear / size stands in;
// - `debug`: mqtt.js's debug logging (off unless localStorage.debug names it);
// - `ws`: Node's WebSocket (the browser builder uses the global WebSocket).
// Kept: `worker-timers`, so that keepalive pings still go out from a background tab,
// where Chromium throttles the page's own timers.
//
// npm users of dist/lib import 'mqtt' themselves and their bundler picks its browser build.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(`${repoRoot}/package.json`);

/** The module that stands for 'mqtt': the same `connect(url, options)` rtchat calls. */
const ENTRY = `
import MqttClient from 'mqtt/lib/client';
import { browserStreamBuilder } from 'mqtt/lib/connect/ws';

/** mqtt.connect for ws:// and wss:// URLs only (the transport refuses any other). */
export function connect(brokerUrl, options = {}) {
  const url = new URL(brokerUrl);
  const protocol = url.protocol.slice(0, -1);
  if (protocol !== 'ws' && protocol !== 'wss') throw new Error('mqtt: not a ws:// or wss:// URL: ' + brokerUrl);
  const opts = {
    protocol,
    // ws.js builds protocol://hostname:port/path; URL keeps an IPv6 host in brackets.
    hostname: url.hostname,
    host: url.hostname,
    port: Number(url.port) || (protocol === 'wss' ? 443 : 80),
    path: url.pathname + url.search,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...options,
  };
  opts.defaultProtocol = opts.protocol;
  const client = new MqttClient((c) => browserStreamBuilder(c, opts), opts);
  // As mqtt.connect does: an EventEmitter without an 'error' listener throws.
  client.on('error', () => {});
  return client;
}

export default { connect };
`;

const STUBS = {
  'lru-cache': `exports.LRUCache = class {
    constructor({ max }) { this.max = max; this.map = new Map(); }
    get size() { return this.map.size; }
    get(k) { if (!this.map.has(k)) return undefined; const v = this.map.get(k); this.map.delete(k); this.map.set(k, v); return v; }
    set(k, v) { this.map.delete(k); this.map.set(k, v); if (this.map.size > this.max) this.map.delete(this.map.keys().next().value); return this; }
    keys() { return [...this.map.keys()].reverse().values(); }
    clear() { this.map.clear(); }
  };`,
  debug: 'module.exports = () => { const log = () => {}; log.enabled = false; return log; };',
  ws: 'module.exports = {};',
};

const stubs = {
  name: 'mqtt-browser-stubs',
  setup(b) {
    b.onResolve({ filter: /^(lru-cache|debug|ws)$/ }, (a) => ({ path: a.path, namespace: 'mqtt-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'mqtt-stub' }, (a) => ({ contents: STUBS[a.path], loader: 'js' }));
  },
};

let cached;

/**
 * The slim mqtt.js as one ES module (not minified: the bundles minify it with the rest).
 * @returns {Promise<string>}
 */
export function buildMqttBrowser() {
  cached ??= build({
    stdin: { contents: ENTRY, resolveDir: repoRoot, loader: 'js', sourcefile: 'mqtt-browser.js' },
    bundle: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    target: 'es2022',
    conditions: ['browser', 'production'],
    // Node built-ins by their browser polyfills (node_modules/buffer, /process, /events).
    alias: { buffer: require.resolve('buffer/'), process: require.resolve('process/browser.js'), events: require.resolve('events/') },
    inject: [fileURLToPath(new URL('./mqtt-browser-globals.mjs', import.meta.url))],
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
    plugins: [stubs],
    legalComments: 'none',
    logLevel: 'error',
  }).then((r) => r.outputFiles[0].text);
  return cached;
}

/** The id under which bundles hold it (bench/lib/bundle-size.mjs counts it as mqtt.js). */
export const MQTT_BROWSER_ID = '\0mqtt-browser';

/** Rollup: 'mqtt' imported from our own code is the slim build. */
export function mqttBrowserRollup() {
  return {
    name: 'mqtt-browser',
    resolveId(source, importer) {
      if (source === 'mqtt' && importer && !importer.includes('/node_modules/')) return MQTT_BROWSER_ID;
      return null;
    },
    load(id) {
      return id === MQTT_BROWSER_ID ? buildMqttBrowser() : null;
    },
  };
}

/**
 * @web/dev-server and web-test-runner: 'mqtt' imported from src/ is the slim build. Tests and
 * bench pages that drive a broker themselves keep mqtt.js's full browser build.
 */
export function mqttBrowserDevServer() {
  return {
    name: 'mqtt-browser',
    resolveImport({ source, context }) {
      if (source === 'mqtt' && context.path.startsWith('/src/')) return '/__mqtt-browser.js';
    },
    async serve(context) {
      if (context.path === '/__mqtt-browser.js') return { body: await buildMqttBrowser(), type: 'js' };
    },
  };
}
