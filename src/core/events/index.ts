/**
 * Events of RTChatClient, one class each, and the typed event map. Core events do not
 * bubble (the client is a plain EventTarget); `<rt-chat-room>` re-dispatches them as its
 * own bubbling, composed DOM events (copies of the same classes).
 */
import { BrokerStatusEvent, ClientErrorEvent, DropEvent, JoinedEvent, NameChangeEvent, StateChangeEvent, WeakSecretEvent } from './client-events.js';
import { ChatMessageEvent, ChatSentEvent, DeliveredEvent, QuestionEvent, ReactionEvent, TypingEvent } from './chat-events.js';
import { HistoryMessageEvent } from './history-events.js';
import { FileEndEvent, FileOfferEvent, FileProgressEvent, FileReceivedEvent, FileSentEvent } from './file-events.js';
import {
  ConnectionRequestEvent,
  KnockChangeEvent,
  PeerConnectedEvent,
  PeerDisconnectedEvent,
  PeerSeenEvent,
  PeerStateEvent,
  RequestChangeEvent,
  TrustChangeEvent,
  VerificationFailedEvent,
  VerifiedEvent,
} from './peer-events.js';

export * from './client-events.js';
export * from './chat-events.js';
export * from './file-events.js';
export * from './history-events.js';
export * from './peer-events.js';

/** Every event of RTChatClient by name. */
export interface RTChatClientEventMap {
  statechange: StateChangeEvent;
  joined: JoinedEvent;
  peerstate: PeerStateEvent;
  peerseen: PeerSeenEvent;
  connectionrequest: ConnectionRequestEvent;
  requestchange: RequestChangeEvent;
  knockchange: KnockChangeEvent;
  peerconnected: PeerConnectedEvent;
  verified: VerifiedEvent;
  verificationfailed: VerificationFailedEvent;
  trustchange: TrustChangeEvent;
  peerdisconnected: PeerDisconnectedEvent;
  chatmessage: ChatMessageEvent;
  chatsent: ChatSentEvent;
  historymessage: HistoryMessageEvent;
  delivered: DeliveredEvent;
  question: QuestionEvent;
  brokerstatus: BrokerStatusEvent;
  namechange: NameChangeEvent;
  drop: DropEvent;
  error: ClientErrorEvent;
  weaksecret: WeakSecretEvent;
  fileoffer: FileOfferEvent;
  filesent: FileSentEvent;
  fileprogress: FileProgressEvent;
  filereceived: FileReceivedEvent;
  fileend: FileEndEvent;
  typing: TypingEvent;
  reaction: ReactionEvent;
}
