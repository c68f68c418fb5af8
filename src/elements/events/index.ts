/**
 * The elements' DOM events. `<rt-chat-room>` re-dispatches its client's events as its own
 * (the core's classes: see `RoomEventMap`); the elements themselves originate only
 * `peerselect` and `unreadchange` (and `<rt-chat-widget>` its `widgettoggle`).
 */
import {
  BrokerStatusEvent,
  ChatMessageEvent,
  ConnectionRequestEvent,
  FileProgressEvent,
  FileReceivedEvent,
  PeerConnectedEvent,
  PeerDisconnectedEvent,
  ReactionEvent,
  TrustChangeEvent,
  TypingEvent,
  VerificationFailedEvent,
  VerifiedEvent,
  WeakSecretEvent,
} from '../../core/index.js';

export { RTPeerSelectEvent } from './peer-select-event.js';
export { RTUnreadChangeEvent } from './unread-change-event.js';
export type { RoomEventMap } from './room-event-map.js';

// The names of the element copies that the core's classes replaced, kept for existing code.

/** @deprecated use ConnectionRequestEvent */
export const RTConnectionRequestEvent = ConnectionRequestEvent;
/** @deprecated use ConnectionRequestEvent */
export type RTConnectionRequestEvent = ConnectionRequestEvent;
/** @deprecated use PeerConnectedEvent */
export const RTPeerConnectedEvent = PeerConnectedEvent;
/** @deprecated use PeerConnectedEvent */
export type RTPeerConnectedEvent = PeerConnectedEvent;
/** @deprecated use VerifiedEvent */
export const RTVerifiedEvent = VerifiedEvent;
/** @deprecated use VerifiedEvent */
export type RTVerifiedEvent = VerifiedEvent;
/** @deprecated use TrustChangeEvent */
export const RTTrustChangeEvent = TrustChangeEvent;
/** @deprecated use TrustChangeEvent */
export type RTTrustChangeEvent = TrustChangeEvent;
/** @deprecated use VerificationFailedEvent */
export const RTVerificationFailedEvent = VerificationFailedEvent;
/** @deprecated use VerificationFailedEvent */
export type RTVerificationFailedEvent = VerificationFailedEvent;
/** @deprecated use PeerDisconnectedEvent */
export const RTPeerDisconnectedEvent = PeerDisconnectedEvent;
/** @deprecated use PeerDisconnectedEvent */
export type RTPeerDisconnectedEvent = PeerDisconnectedEvent;
/** @deprecated use ChatMessageEvent */
export const RTChatMessageEvent = ChatMessageEvent;
/** @deprecated use ChatMessageEvent */
export type RTChatMessageEvent = ChatMessageEvent;
/** @deprecated use BrokerStatusEvent */
export const RTBrokerStatusEvent = BrokerStatusEvent;
/** @deprecated use BrokerStatusEvent */
export type RTBrokerStatusEvent = BrokerStatusEvent;
/** @deprecated use FileReceivedEvent */
export const RTFileReceivedEvent = FileReceivedEvent;
/** @deprecated use FileReceivedEvent */
export type RTFileReceivedEvent = FileReceivedEvent;
/** @deprecated use FileProgressEvent */
export const RTFileProgressEvent = FileProgressEvent;
/** @deprecated use FileProgressEvent */
export type RTFileProgressEvent = FileProgressEvent;
/** @deprecated use ReactionEvent */
export const RTReactionEvent = ReactionEvent;
/** @deprecated use ReactionEvent */
export type RTReactionEvent = ReactionEvent;
/** @deprecated use TypingEvent */
export const RTTypingEvent = TypingEvent;
/** @deprecated use TypingEvent */
export type RTTypingEvent = TypingEvent;
/** @deprecated use WeakSecretEvent */
export const RTWeakSecretEvent = WeakSecretEvent;
/** @deprecated use WeakSecretEvent */
export type RTWeakSecretEvent = WeakSecretEvent;
