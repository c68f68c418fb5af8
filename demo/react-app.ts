/**
 * rtchat in React 19: the elements are used as they are (React 19 passes properties and
 * listens to custom events through `on<eventname>` props).
 */
import type { ReactNode } from 'react';
import { React, ReactDOMClient } from 'virtual:react';
import { MQTT_URL } from './local-broker.js';
import '../src/elements/define.js';
import type { ChatMessageEvent, PeerDisconnectedEvent, VerifiedEvent } from '../src/core/index.js';

const h = React.createElement;

function App(): ReactNode {
  const [lines, setLines] = React.useState<string[]>([]);
  const add = (line: string) => setLines((l) => [...l.slice(-19), line]);
  return h(
    'div',
    { className: 'react-app' },
    h('rt-chat-room', {
      topic: 'rtchat-demo',
      brokers: MQTT_URL,
      'ice-servers': '[]',
      onverified: (e: VerifiedEvent) => add(`${e.peer.label} verified (${e.trust}), safety code ${e.safetyCode}`),
      onpeerdisconnected: (e: PeerDisconnectedEvent) => add(`${e.peer.label} left (${e.reason})`),
      onchatmessage: (e: ChatMessageEvent) => add(`${e.peer.label}: ${e.text}`),
    }),
    h('h2', null, 'What React heard'),
    h(
      'ul',
      { 'aria-live': 'polite' },
      lines.map((line, i) => h('li', { key: i }, line)),
    ),
  );
}

ReactDOMClient.createRoot(document.getElementById('app')!).render(h(App));
