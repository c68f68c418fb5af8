// A @web/dev-server / @web/test-runner plugin: starts an embedded aedes broker (or uses
// MQTT_URL) and serves its URL to page code as the virtual module 'virtual:mqtt-config'.
// Test server commands: 'broker-stop' and 'broker-start' (same port) for fault tests,
// 'broker-extra' starts a second broker and returns its URL.
// The brokers run in child processes: a flood test must not starve the runner's own server.
// `host` is where the embedded broker listens (default 127.0.0.1); on every interface
// (0.0.0.0, ::) a page is given the broker at the host name it loaded the page from, so a
// page opened from another machine finds it too.
import { startBrokerProcess as startBroker } from './mqtt-broker.mjs';
import { isWildcard, urlHost } from './listen.mjs';

export function mqttBrokerPlugin({ port = 0, host = '127.0.0.1', log = true } = {}) {
  let main;
  let url;
  const extras = [];
  return {
    name: 'mqtt-broker',
    async serverStart() {
      if (process.env.MQTT_URL) {
        url = process.env.MQTT_URL;
        if (log) console.log(`[mqtt-broker] using external broker ${url}`);
        return;
      }
      main = await startBroker({ port, host });
      url = main.url;
      if (log) console.log(`[mqtt-broker] embedded broker on ${url}`);
    },
    resolveImport({ source }) {
      if (source === 'virtual:mqtt-config') return '/__mqtt-config.js';
    },
    serve(context) {
      if (context.path === '/__mqtt-config.js') {
        const pageUrl = main && isWildcard(host) ? `ws://${urlHost(context.hostname)}:${main.port}` : url;
        return {
          body: `export const MQTT_URL = ${JSON.stringify(pageUrl)};\nexport const EXTERNAL = ${JSON.stringify(!main)};\n`,
          type: 'js',
        };
      }
    },
    async executeCommand({ command, payload }) {
      if (command === 'broker-stop') {
        if (!main) throw new Error('broker-stop needs the embedded broker (MQTT_URL is set)');
        await main.stop();
        return true;
      }
      if (command === 'broker-start') {
        if (!main) throw new Error('broker-start needs the embedded broker (MQTT_URL is set)');
        main = await startBroker({ port: main.port, host });
        return main.url;
      }
      if (command === 'broker-extra') {
        const b = await startBroker({ port: payload?.port ?? 0 });
        extras.push(b);
        return b.url;
      }
      if (command === 'broker-extra-stop') {
        const i = extras.findIndex((x) => x.url === payload?.url);
        const b = i >= 0 ? extras.splice(i, 1)[0] : undefined;
        if (b) await b.stop();
        return !!b;
      }
    },
    async serverStop() {
      await Promise.all([main?.stop(), ...extras.map((b) => b.stop())]);
    },
  };
}
