// Browser tests in real Chromium, with real WebRTC and a real MQTT broker on loopback.
// MQTT_URL=ws://127.0.0.1:18830 runs them against an external broker (mosquitto) instead.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { findChromium, chromiumArgs } from './tools/chromium.mjs';
import { mqttBrokerPlugin } from './tools/mqtt-broker-plugin.mjs';
import { openPeerPlugin } from './tools/open-peer-plugin.mjs';
import { vendorPlugin } from './tools/vendor-plugin.mjs';
import { mqttBrowserDevServer } from './tools/mqtt-browser.mjs';

const executablePath = findChromium();

export default {
  files: ['test/**/*.test.ts'],
  // 'browser' makes `import mqtt from 'mqtt'` resolve to mqtt.js's browser build.
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Two cores: a test file spawns extra browser contexts, so keep concurrency low.
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 600000,
  browserStartTimeout: 60000,
  plugins: [
    // tsconfig: honour experimentalDecorators (else "Unsupported decorator location: field").
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    mqttBrokerPlugin(),
    // src/ gets the slim mqtt.js our bundles carry; tests' own broker clients the full one.
    mqttBrowserDevServer(),
    // React and Vue for the demo pages the demo test opens.
    vendorPlugin(),
    openPeerPlugin({ executablePath, args: chromiumArgs }),
  ],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, args: chromiumArgs } })],
};
