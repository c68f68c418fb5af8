// Injected by esbuild into the slim mqtt.js (tools/mqtt-browser.mjs): the Node globals its
// modules use, from their browser polyfills.
import { Buffer } from 'buffer';
import process from 'process';

export { Buffer, process };
