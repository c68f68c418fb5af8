/**
 * The page that `openPeer()` opens. It exposes on `window.harness` what a test may drive
 * through `peerEval`: the broker URL, mqtt.js, the library, and recorded clients.
 */
import mqtt from 'mqtt';
import { MQTT_URL } from 'virtual:mqtt-config';
import * as rtchat from '../../src/index.js';
import { internals } from '../../src/core/room/internals.js';
import { count, startRecorded, type Recorded } from './recorder.js';
import * as historyAttacker from './history-attacker.js';

declare global {
  interface Window {
    harness: {
      mqtt: typeof mqtt;
      MQTT_URL: string;
      rtchat: typeof rtchat;
      startRecorded: typeof startRecorded;
      count: typeof count;
      /** A client's insides (room/internals.ts). */
      internals: typeof internals;
      /** Recorded clients by a name the test chooses. */
      clients: Record<string, Recorded>;
      /** Shared-history attacks (history-attacker.ts). */
      historyAttacker: typeof historyAttacker;
    };
  }
}

window.harness = { mqtt, MQTT_URL, rtchat, startRecorded, count, internals, clients: {}, historyAttacker };
// Read by tools/open-peer-plugin.mjs before every peer-eval.
(globalThis as any).__peerReady = true;
