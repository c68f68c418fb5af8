/**
 * The words the elements show, in one replaceable table. Each element has a `strings`
 * property: give it the entries you want to change (the rest stay English), e.g.
 * `room.strings = { send: 'Senden', you: 'Du' }`. Entries that include a name or a number
 * are functions, so a translation can put them where its grammar wants.
 */

/** Every string the elements show. */
export interface RTChatStrings {
  // <rt-chat-room>
  /** Header label of the room when neither `room` nor `topic` is set. */
  thisPage: string;
  /** Accessible name of the room's own-name field. */
  yourName: string;
  statusConnecting: string;
  statusConnected: string;
  statusOffline: string;
  /** The room could not start (bad attributes, no broker): shown with the reason. */
  statusProblem: (reason: string) => string;
  /** Accessible name of the message field. */
  messageLabel: string;
  messagePlaceholder: string;
  send: string;
  /** Why the composer cannot send. */
  nobodyVerified: string;
  /** Count of verified peers in the header. */
  peersOnline: (count: number) => string;

  // <rt-peer-list>
  peersLabel: string;
  requestsLabel: string;
  noPeers: string;
  /** A pending connection request. */
  wantsToConnect: (name: string) => string;
  /** A pending request to a peer we found (we would send the offer). */
  connectTo: (name: string) => string;
  accept: string;
  decline: string;
  tab: (tab: number) => string;
  stateConnecting: string;
  stateVerified: string;
  stateFailed: string;
  stateLeft: string;
  stateDeclined: string;
  trustTrusted: string;
  trustNewKey: string;
  trustKeyChanged: string;
  showSafetyCode: string;
  hideSafetyCode: string;
  /** Explains the safety code next to it. */
  safetyCodeHint: string;

  // <rt-message-log>
  logLabel: string;
  emptyLog: string;
  /** Sender label of our own messages. */
  you: string;
  toYouOnly: string;
  /** Marks our direct message to one peer. */
  toPeer: (name: string) => string;
  statusSent: string;
  statusDelivered: string;
  statusNobody: string;
  joined: (name: string) => string;
  left: (name: string) => string;
  verified: (name: string) => string;
  keyChanged: (name: string) => string;
  verificationFailed: (name: string, reason: string) => string;
  rejoined: string;
}

/** The English defaults. */
export const defaultStrings: RTChatStrings = {
  thisPage: 'This page',
  yourName: 'Your name',
  statusConnecting: 'Connecting…',
  statusConnected: 'Online',
  statusOffline: 'Offline, retrying…',
  statusProblem: (reason) => `Cannot start: ${reason}`,
  messageLabel: 'Message',
  messagePlaceholder: 'Write a message (Enter sends, Shift+Enter for a new line)',
  send: 'Send',
  nobodyVerified: 'Nobody to send to yet: waiting for a verified peer.',
  peersOnline: (count) => (count === 1 ? '1 peer' : `${count} peers`),

  peersLabel: 'People in this room',
  requestsLabel: 'Connection requests',
  noPeers: 'Nobody else is here yet.',
  wantsToConnect: (name) => `${name} wants to connect.`,
  connectTo: (name) => `${name} is here. Connect?`,
  accept: 'Accept',
  decline: 'Decline',
  tab: (tab) => `tab ${tab}`,
  stateConnecting: 'connecting',
  stateVerified: 'verified',
  stateFailed: 'failed',
  stateLeft: 'left',
  stateDeclined: 'declined',
  trustTrusted: 'trusted',
  trustNewKey: 'new key',
  trustKeyChanged: 'key changed',
  showSafetyCode: 'Safety code',
  hideSafetyCode: 'Hide code',
  safetyCodeHint: 'Compare it with this person by another channel; equal codes mean nobody is in between.',

  logLabel: 'Messages',
  emptyLog: 'No messages yet.',
  you: 'You',
  toYouOnly: 'to you only',
  toPeer: (name) => `to ${name} only`,
  statusSent: 'sent',
  statusDelivered: 'delivered',
  statusNobody: 'not sent: nobody verified',
  joined: (name) => `${name} joined.`,
  left: (name) => `${name} left.`,
  verified: (name) => `${name} is verified.`,
  keyChanged: (name) => `Warning: ${name} has a different key than before. Compare safety codes.`,
  verificationFailed: (name, reason) => `${name} failed verification (${reason}) and was disconnected.`,
  rejoined: 'Rejoined the room.',
};

/** The defaults with `overrides` applied. */
export const withStrings = (overrides: Partial<RTChatStrings> | undefined): RTChatStrings => ({ ...defaultStrings, ...overrides });
