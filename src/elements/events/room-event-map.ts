/**
 * The client events `<rt-chat-room>` re-dispatches as its own DOM events: copies of the
 * core's event classes (same class, same fields) that bubble and are composed, so a page
 * listens on the room, or on any ancestor, as it would on the client.
 */
import type {
  BrokerStatusEvent,
  ChatMessageEvent,
  ConnectionRequestEvent,
  DeliveredEvent,
  FileOfferEvent,
  FileProgressEvent,
  FileReceivedEvent,
  FileSentEvent,
  HistoryMessageEvent,
  JoinedEvent,
  KnockChangeEvent,
  PeerConnectedEvent,
  PeerDisconnectedEvent,
  ReactionEvent,
  RequestChangeEvent,
  TrustChangeEvent,
  TypingEvent,
  VerificationFailedEvent,
  VerifiedEvent,
  WeakSecretEvent,
} from '../../core/index.js';

/** Every event `<rt-chat-room>` re-dispatches from its client, by name. */
export interface RoomEventMap {
  joined: JoinedEvent;
  connectionrequest: ConnectionRequestEvent;
  requestchange: RequestChangeEvent;
  knockchange: KnockChangeEvent;
  peerconnected: PeerConnectedEvent;
  verified: VerifiedEvent;
  trustchange: TrustChangeEvent;
  verificationfailed: VerificationFailedEvent;
  peerdisconnected: PeerDisconnectedEvent;
  chatmessage: ChatMessageEvent;
  historymessage: HistoryMessageEvent;
  delivered: DeliveredEvent;
  brokerstatus: BrokerStatusEvent;
  fileoffer: FileOfferEvent;
  filesent: FileSentEvent;
  fileprogress: FileProgressEvent;
  filereceived: FileReceivedEvent;
  reaction: ReactionEvent;
  typing: TypingEvent;
  weaksecret: WeakSecretEvent;
}

/** One entry per name of RoomEventMap: the compiler says when the two differ. */
const names: Record<keyof RoomEventMap, true> = {
  joined: true,
  connectionrequest: true,
  requestchange: true,
  knockchange: true,
  peerconnected: true,
  verified: true,
  trustchange: true,
  verificationfailed: true,
  peerdisconnected: true,
  chatmessage: true,
  historymessage: true,
  delivered: true,
  brokerstatus: true,
  fileoffer: true,
  filesent: true,
  fileprogress: true,
  filereceived: true,
  reaction: true,
  typing: true,
  weaksecret: true,
};

/** The names of the re-dispatched events. */
export const ROOM_EVENTS = Object.keys(names) as readonly (keyof RoomEventMap)[];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the room's events into the DOM's map
  interface HTMLElementEventMap extends RoomEventMap {}
}
