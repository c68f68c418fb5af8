// `npm start`: serves demo/ with live TypeScript compilation and an embedded MQTT broker,
// so the demo works offline. Pages import 'virtual:mqtt-config' for the broker URL.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { vendorPlugin } from './tools/vendor-plugin.mjs';
import { mqttBrokerPlugin } from './tools/mqtt-broker-plugin.mjs';

const port = Number(process.env.PORT ?? 8000);

export default {
  rootDir: '.',
  port,
  hostname: '127.0.0.1',
  nodeResolve: { exportConditions: ['browser', 'development'] },
  watch: true,
  plugins: [
    mqttBrokerPlugin({ port: Number(process.env.MQTT_PORT ?? 0) }),
    // React (CommonJS only) and Vue for their demos, as ES modules.
    vendorPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    {
      name: 'demo-index',
      serverStart({ config }) {
        console.log(`\n  rtchat demo: open http://${config.hostname}:${config.port}/demo/  (two tabs or two browsers chat with each other)\n`);
      },
      serve(context) {
        // The root has nothing to show: send people to the demo.
        if (context.path === '/') return { body: '<meta http-equiv="refresh" content="0; url=/demo/">', type: 'html' };
      },
    },
  ],
};
