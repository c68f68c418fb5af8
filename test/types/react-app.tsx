// Compiled by `npm run test:types` (tsc, React 19's JSX): every element with attributes,
// properties and typed event handlers, as a React user writes them. The lines marked as
// expected errors must fail to compile: if the types stopped catching them, so does this file.
import type {} from 'rtchat/react';
import type { ChatMessageEvent, ConnectionRequestEvent, RTPeerSelectEvent, RTWidgetToggleEvent, VerifiedEvent } from 'rtchat';

export function App() {
  const onRequest = (e: ConnectionRequestEvent) => {
    e.preventDefault();
    e.accept();
  };
  return (
    <>
      <rt-chat-room
        room="support"
        name="Ada"
        auto-accept="trusted"
        ask-before-joining
        notify
        brokers="wss://broker.example/mqtt"
        onconnectionrequest={onRequest}
        onverified={(e: VerifiedEvent) => console.log(e.peer.label, e.trust)}
        onchatmessage={(e: ChatMessageEvent) => console.log(e.text)}
        strings={{ send: 'Senden' }}
      >
        <rt-peer-list selectable onpeerselect={(e: RTPeerSelectEvent) => console.log(e.peer?.name)} />
        <rt-message-log limit={1000} avatarFor={(key: string) => `/avatars/${key}.png`} />
        <rt-composer />
      </rt-chat-room>
      <rt-chat-widget open position="left" label="Talk to us" topic="site-lobby" onwidgettoggle={(e: RTWidgetToggleEvent) => console.log(e.open)} />
      {/* @ts-expect-error: a misspelt attribute */}
      <rt-chat-room rooom="x" />
      {/* @ts-expect-error: a misspelt event */}
      <rt-chat-room onverifed={() => {}} />
      {/* @ts-expect-error: the handler gets the event class, not any event */}
      <rt-chat-room onchatmessage={(e: ConnectionRequestEvent) => e.accept()} />
      {/* @ts-expect-error: auto-accept takes all, trusted or none */}
      <rt-chat-room auto-accept="everyone" />
    </>
  );
}
