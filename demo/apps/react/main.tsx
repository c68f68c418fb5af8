// A React 19 app as an npm user writes it: `rtchat` from the package (dist/, through its
// exports map), the typings from `rtchat/react`, JSX and typed `on<event>` handlers.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'rtchat/define';
import type {} from 'rtchat/react';
import type { ChatMessageEvent, VerifiedEvent } from 'rtchat';
import { roomAttributes } from '../broker.js';

function App() {
  const [heard, setHeard] = useState<string[]>([]);
  const add = (line: string) => setHeard((lines) => [...lines.slice(-19), line]);
  return (
    <>
      <h1>rtchat in a React app</h1>
      <rt-chat-room
        {...roomAttributes}
        style={{ display: 'block', height: '28rem' }}
        onverified={(e: VerifiedEvent) => add(`verified: ${e.peer.label}`)}
        onchatmessage={(e: ChatMessageEvent) => add(`message: ${e.peer.label}: ${e.text}`)}
      />
      {/* React sets `room`, `label` and `position` as properties or attributes, whichever the element has. */}
      <rt-chat-widget {...roomAttributes} topic="rtchat-framework-apps-help" room="help" label="Help" position="left" />
      <h2>What React heard</h2>
      <ul id="heard" aria-live="polite">
        {heard.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </>
  );
}

const root = document.getElementById('app');
if (!root) throw new Error('the page has no #app');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
