/**
 * Points every <rt-chat-room> on a demo page at the broker `npm start` runs, and at host
 * ICE candidates only, so the demos work offline. Import it before the elements are defined.
 */
import { MQTT_URL } from 'virtual:mqtt-config';

export { MQTT_URL };

/** Sets the local broker on a room element (or attributes for one about to be made). */
export function useLocalBroker(room: Element): void {
  if (!room.hasAttribute('brokers')) room.setAttribute('brokers', MQTT_URL);
  if (!room.hasAttribute('ice-servers')) room.setAttribute('ice-servers', '[]');
}

for (const room of document.querySelectorAll('rt-chat-room')) useLocalBroker(room);
