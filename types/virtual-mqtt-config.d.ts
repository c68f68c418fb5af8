/** Served by tools/mqtt-broker-plugin.mjs: the URL of the broker the page should use. */
declare module 'virtual:mqtt-config' {
  export const MQTT_URL: string;
  /** true when MQTT_URL came from the environment (e.g. mosquitto), not the embedded broker */
  export const EXTERNAL: boolean;
}
