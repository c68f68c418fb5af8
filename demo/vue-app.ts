/**
 * rtchat in Vue 3: render functions create the elements; `onVerified` listens to the
 * `verified` DOM event.
 */
import { createApp, defineComponent, h, ref } from 'virtual:vue';
import { MQTT_URL } from './local-broker.js';
import '../src/elements/define.js';
import type { ChatMessageEvent, PeerDisconnectedEvent, VerifiedEvent } from '../src/core/index.js';

const App = defineComponent(() => {
  const lines = ref<string[]>([]);
  const add = (line: string) => (lines.value = [...lines.value.slice(-19), line]);
  return () =>
    h('div', { class: 'vue-app' }, [
      h('rt-chat-room', {
        topic: 'rtchat-demo',
        brokers: MQTT_URL,
        'ice-servers': '[]',
        onVerified: (e: VerifiedEvent) => add(`${e.peer.label} verified (${e.trust}), safety code ${e.safetyCode}`),
        onPeerdisconnected: (e: PeerDisconnectedEvent) => add(`${e.peer.label} left (${e.reason})`),
        onChatmessage: (e: ChatMessageEvent) => add(`${e.peer.label}: ${e.text}`),
      }),
      h('h2', 'What Vue heard'),
      h(
        'ul',
        { 'aria-live': 'polite' },
        lines.value.map((line, i) => h('li', { key: i }, line)),
      ),
    ]);
});

createApp(App).mount('#app');
