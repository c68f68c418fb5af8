/**
 * The page that `openPeer()` opens. It exposes what a test may drive through `peerEval`:
 * the broker URL, mqtt.js and the library. `window.peerReady` resolves once it has loaded.
 */
import mqtt from 'mqtt';
import { MQTT_URL } from 'virtual:mqtt-config';

declare global {
  interface Window {
    peerReady: Promise<void>;
    harness: Record<string, unknown>;
  }
}

window.harness = { mqtt, MQTT_URL };
window.peerReady = Promise.resolve();
