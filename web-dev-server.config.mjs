// `npm start` (tools/dev-server.mjs) serves demo/ with this configuration: live TypeScript
// compilation and an embedded MQTT broker, so the demo works offline. Pages import
// 'virtual:mqtt-config' for the broker URL. The port and the address to listen on are not
// here: tools/dev-server.mjs listens itself (HOST, PORT), because web-dev-server given
// hostname '127.0.0.1' listens on every interface.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { vendorPlugin } from './tools/vendor-plugin.mjs';
import { mqttBrokerPlugin } from './tools/mqtt-broker-plugin.mjs';
import { mqttBrowserDevServer } from './tools/mqtt-browser.mjs';

/** The address `npm start` listens on, the embedded broker too: loopback unless HOST says otherwise. */
export const host = process.env.HOST || '127.0.0.1';

export default {
  rootDir: '.',
  nodeResolve: { exportConditions: ['browser', 'development'] },
  watch: true,
  // Clearing the terminal on every change would take the demo's address off the screen.
  clearTerminalOnReload: false,
  plugins: [
    mqttBrokerPlugin({ port: Number(process.env.MQTT_PORT ?? 0), host }),
    // React (CommonJS only) and Vue for their demos, as ES modules.
    vendorPlugin(),
    // src/ gets the slim mqtt.js that dist/rtchat.js carries (tools/mqtt-browser.mjs).
    mqttBrowserDevServer(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    {
      name: 'demo-index',
      serve(context) {
        // The root has nothing to show: send people to the demo.
        if (context.path === '/') return { body: '<meta http-equiv="refresh" content="0; url=/demo/">', type: 'html' };
      },
    },
  ],
};
