// Browser tests in real Chromium, with real WebRTC and a real MQTT broker on loopback.
// MQTT_URL=ws://127.0.0.1:18830 runs them against an external broker (mosquitto) instead.
// BROWSERS=firefox (or web-test-runner.firefox.config.mjs, `npm run test:firefox`) runs the
// same suite in stock Firefox, driven over WebDriver BiDi by puppeteer-core.
import { configFor } from './tools/test-config.mjs';

export default configFor(process.env.BROWSERS ?? 'chromium');
