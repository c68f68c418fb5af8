/**
 * rtchat in Vue 3: render functions create the elements; `onVerified` listens to the
 * `verified` DOM event.
 */
import { createApp, defineComponent, h, ref } from 'virtual:vue';
import { MQTT_URL } from './local-broker.js';
import '../src/elements/define.js';
import type { RTChatMessageEvent, RTPeerDisconnectedEvent, RTVerifiedEvent } from '../src/elements/index.js';

const App = defineComponent(() => {
  const lines = ref<string[]>([]);
  const add = (line: string) => (lines.value = [...lines.value.slice(-19), line]);
  return () =>
    h('div', { class: 'vue-app' }, [
      h('rt-chat-room', {
        room: 'demo',
        brokers: MQTT_URL,
        'ice-servers': '[]',
        onVerified: (e: RTVerifiedEvent) => add(`${e.peer.label} verified (${e.trust}), safety code ${e.safetyCode}`),
        onPeerdisconnected: (e: RTPeerDisconnectedEvent) => add(`${e.peer.label} left (${e.reason})`),
        onChatmessage: (e: RTChatMessageEvent) => add(`${e.peer.label}: ${e.text}`),
      }),
      h('h2', 'What Vue heard'),
      h('ul', { 'aria-live': 'polite' }, lines.value.map((line, i) => h('li', { key: i }, line))),
    ]);
});

createApp(App).mount('#app');
