// What bench/lib/bundle-size.mjs bundles to measure the slim mqtt.js alone: rollup with
// mqttBrowserRollup() resolves this import as our bundles do (tools/mqtt-browser.mjs).
export { default } from 'mqtt';
