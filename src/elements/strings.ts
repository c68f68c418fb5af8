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
  /** Placeholder of the message field: short (the keys are said by `sendKeysHint`). */
  messagePlaceholder: string;
  send: string;
  /** Why the composer cannot send. */
  nobodyVerified: string;
  /** Count of verified peers in the header. */
  peersOnline: (count: number) => string;
  /** Accessible name of the attach button (it shows a paper clip). */
  attachFiles: string;
  /** Shown over the room while files are dragged onto it. */
  dropFiles: string;
  /** The composer writes to one peer only. */
  directTo: (name: string) => string;
  /** Leaves direct-message mode: the composer writes to the room again. */
  backToRoom: string;
  /** Placeholder of the message field in direct-message mode. */
  directPlaceholder: (name: string) => string;
  /** Why the composer cannot send in direct-message mode. */
  directUnavailable: (name: string) => string;
  /** A file is hashed before it is offered (large files take a moment). */
  preparingFile: (fileName: string) => string;
  /** A file over the size limit. */
  fileTooLarge: (fileName: string) => string;
  /** A file that could not be offered (e.g. unreadable). */
  fileNotSent: (fileName: string) => string;
  /** Title of a browser notification for a message (`direct`: to us only). */
  notificationTitle: (sender: string, direct: boolean) => string;
  /** Body of a browser notification for a file offer. */
  notificationFile: (fileName: string) => string;

  // <rt-peer-list>
  peersLabel: string;
  requestsLabel: string;
  noPeers: string;
  /** A knock: someone who arrived asks to be let in (we would send the offer). */
  wantsToJoin: (name: string) => string;
  /** With `ask-before-joining`: a member let us in and offers to connect. */
  wantsToConnect: (name: string) => string;
  accept: string;
  /** Turns a request down for now: a knock stays in the "Not now" list, to be let in later. */
  decline: string;
  /** Heading of the knocks answered "Not now" whose person is still in the room. */
  notNowLabel: string;
  /** Lets in someone answered "Not now". */
  letIn: string;
  /** The name shown for another tab of our own identity. */
  ownTab: string;
  /** Which tab of a person, shown only while that person is here in more than one tab. */
  tab: (tab: number) => string;
  stateConnecting: string;
  stateVerified: string;
  stateFailed: string;
  stateLeft: string;
  stateDeclined: string;
  /** We knocked: the member `name`'s person is deciding whether to let us in. */
  stateWaiting: (name: string) => string;
  /** We knocked: the member `name`'s person said "Not now" (they may still let us in). */
  stateNotNow: (name: string) => string;
  trustTrusted: string;
  /** A person met for the first time (their key is now remembered under their name): not a warning. */
  trustNewKey: string;
  trustKeyChanged: string;
  trustLookAlike: string;
  trustMixedScript: string;
  /** Says what a warning badge means (its tooltip and accessible description). */
  trustWarningHint: (badge: 'key-changed' | 'look-alike' | 'mixed-script') => string;
  /** Trusts a verified peer's key under its name (after comparing safety codes). */
  trustPeer: string;
  showSafetyCode: string;
  hideSafetyCode: string;
  /** Explains the safety code next to it. */
  safetyCodeHint: string;
  /** The button that starts a direct conversation with a verified peer (pressed while chosen). */
  messagePeer: string;

  // <rt-chat-widget>
  /**
   * Accessible name of the widget's button: its `label`, and what waits inside while it is
   * closed (connection requests, unread messages). The counts shown on the button are hidden
   * from assistive technology; this says them.
   */
  widgetToggle: (label: string, requests: number, unread: number) => string;

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
  /** The name looks like (TR39 confusables) a name pinned to another key. */
  lookAlike: (name: string) => string;
  /** We trusted this peer (the Trust action, or another tab did). */
  nowTrusted: (name: string) => string;
  /** A peer's identity proof failed: `reason` is `bad-signature`, `key-mismatch`, `channel-mismatch`, `timeout` or `key-changed`. */
  verificationFailed: (name: string, reason: string) => string;
  rejoined: string;
  /** Shared history: where our own presence began; the messages above it were passed on by others. */
  presenceBegan: string;
  /** Beside the name of an earlier message's author whose key we never met. */
  neverMet: string;
  /** What the never-met badge means (its tooltip). */
  neverMetHint: string;
  /** Under a long message shown in part: shows the rest. */
  showMore: string;
  /** Under a long message shown whole: shows only its start again. */
  showLess: string;
  /** Who is typing, shown below the log (one or more names). */
  typing: (names: string[]) => string;
  /** A file line: the file's name and size. */
  fileSummary: (fileName: string, size: string) => string;
  /** Receiver: an offer waiting for Accept / Decline. */
  fileOffered: string;
  /** Sender: waiting for `name` to accept. */
  fileWaiting: string;
  fileSending: string;
  fileReceiving: string;
  fileSent: string;
  fileReceived: string;
  fileDeclined: string;
  fileCancelled: string;
  /** A transfer failed, in plain words: `reason` is `integrity` (the bytes did not match), `too-large`, `peer-gone`, `channel` or `bad-offer`. */
  fileFailed: (reason: string) => string;
  /** Accessible name of a transfer's progress bar. */
  fileProgress: (fileName: string, peer: string) => string;
  /** The link that saves a received file. */
  saveFile: (fileName: string) => string;
  acceptFile: string;
  declineFile: string;
  cancelFile: string;
  /** Accessible name of the button that opens the reaction picker. */
  addReaction: string;
  /** Accessible name of the reaction picker. */
  reactionPicker: string;
  /** Accessible name of a quick reaction button. */
  reactWith: (emoji: string) => string;
  /** Accessible name of the field for any other emoji. */
  otherEmoji: string;
  /** The button next to that field. */
  addEmoji: string;
  /** A reaction and who gave it (title and accessible description of its button). */
  reactedBy: (emoji: string, names: string[]) => string;
  /** Someone whose name we do not know (a reaction from history). */
  someone: string;
  /** Date separator of the log for today's messages. */
  today: string;
  /** Date separator of the log for yesterday's messages. */
  yesterday: string;
  /** The pill over the log when new messages arrived while the reader was scrolled up. */
  newMessages: string;

  // Added for issue 15 (composer, widget, room on a phone)
  /** Said to assistive technology about the message field: what Enter, Shift+Enter and Escape do. */
  sendKeysHint: string;
  /** Says what the first-meeting badge means (its tooltip and accessible description). */
  trustNewKeyHint: string;
  /** Accessible name of the widget's panel. */
  widgetPanel: (label: string) => string;
  /** The close button inside the widget's panel. */
  closeChat: string;
  /** The room's peer list collapsed to one line on a narrow screen: who is here (a disclosure button). */
  peersSummary: (count: number) => string;
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
  messagePlaceholder: 'Write a message…',
  send: 'Send',
  nobodyVerified: 'Nobody to write to yet: you can send once someone has joined and been checked.',
  peersOnline: (count) => (count === 1 ? '1 peer' : `${count} peers`),
  attachFiles: 'Attach files',
  dropFiles: 'Drop files to send them',
  directTo: (name) => `To: ${name}`,
  backToRoom: 'Back to the room',
  directPlaceholder: (name) => `Write to ${name} only`,
  directUnavailable: (name) => `${name} is not connected right now. Wait, or go back to the room.`,
  preparingFile: (fileName) => `Preparing ${fileName}…`,
  fileTooLarge: (fileName) => `${fileName} is too large to send.`,
  fileNotSent: (fileName) => `${fileName} could not be sent.`,
  notificationTitle: (sender, direct) => (direct ? `${sender} (direct message)` : sender),
  notificationFile: (fileName) => `Sends you a file: ${fileName}`,

  peersLabel: 'People in this room',
  requestsLabel: 'Connection requests',
  noPeers: 'Nobody else is here yet.',
  wantsToJoin: (name) => `${name} wants to join.`,
  wantsToConnect: (name) => `${name} invites you to connect.`,
  accept: 'Accept',
  decline: 'Not now',
  notNowLabel: 'Not now',
  letIn: 'Let in',
  ownTab: 'You (another tab)',
  tab: (tab) => `tab ${tab}`,
  stateConnecting: 'connecting',
  stateVerified: 'verified',
  stateFailed: 'could not connect',
  stateLeft: 'left',
  stateDeclined: 'not connected',
  stateWaiting: (name) => `Waiting for ${name} to let you in…`,
  stateNotNow: (name) => `${name} said not now`,
  trustTrusted: 'trusted',
  trustNewKey: 'first meeting',
  trustKeyChanged: 'key changed',
  trustLookAlike: 'look-alike name',
  trustMixedScript: 'mixed alphabets',
  trustWarningHint: (badge) =>
    badge === 'key-changed'
      ? 'This name belongs to someone else you know, with another key. It may be an impostor, or a new device: compare safety codes.'
      : badge === 'look-alike'
        ? 'This name looks like the name of someone else you know, with another key: letters from another alphabet. It may be an impostor.'
        : 'This name mixes letters of different alphabets, which can imitate another name.',
  trustPeer: 'Codes match: trust',
  showSafetyCode: 'Safety code',
  hideSafetyCode: 'Hide safety code',
  safetyCodeHint: 'Compare this code with the person in another way (in person, by phone). If the codes are the same, nobody is listening in between.',
  messagePeer: 'Message',

  widgetToggle: (label, requests, unread) => {
    const waiting = [
      requests ? (requests === 1 ? '1 person wants to join' : `${requests} people want to join`) : '',
      unread ? (unread === 1 ? '1 unread message' : `${unread} unread messages`) : '',
    ].filter(Boolean);
    return waiting.length ? `${label}: ${waiting.join(', ')}` : label;
  },

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
  lookAlike: (name) => `Warning: "${name}" looks like the name of someone you know, but has another key.`,
  nowTrusted: (name) => `You trust ${name}.`,
  verificationFailed: (name, reason) =>
    `Could not check that ${name} is who they say (${
      reason === 'timeout'
        ? 'no answer in time'
        : reason === 'key-changed'
          ? 'their key changed'
          : reason === 'channel-mismatch'
            ? 'someone may be in between'
            : 'their proof did not match'
    }), so they were disconnected.`,
  rejoined: 'Rejoined the room.',
  presenceBegan: 'You are here from this point. Earlier messages were passed on by others, each checked against its author’s signature.',
  neverMet: 'never met',
  neverMetHint: 'You have never met this key: the message is signed by it, but the name is only what its author calls themselves.',
  showMore: 'Show more',
  showLess: 'Show less',
  typing: (names) =>
    names.length === 1
      ? `${names[0]} is typing…`
      : names.length === 2
        ? `${names[0]} and ${names[1]} are typing…`
        : `${names[0]}, ${names[1]} and ${names.length - 2} more are typing…`,
  fileSummary: (fileName, size) => `${fileName} (${size})`,
  fileOffered: 'wants to send you this file',
  fileWaiting: 'waiting for an answer',
  fileSending: 'sending…',
  fileReceiving: 'receiving…',
  fileSent: 'sent',
  fileReceived: 'received',
  fileDeclined: 'declined',
  fileCancelled: 'cancelled',
  fileFailed: (reason) =>
    reason === 'integrity'
      ? 'failed: the file arrived damaged'
      : reason === 'too-large'
        ? 'failed: the file is too large'
        : reason === 'peer-gone'
          ? 'stopped: the other person left'
          : reason === 'bad-offer'
            ? 'failed: the file offer was not valid'
            : 'failed: the connection broke',
  fileProgress: (fileName, peer) => `${fileName}, ${peer}`,
  saveFile: (fileName) => `Save ${fileName}`,
  acceptFile: 'Accept',
  declineFile: 'Decline',
  cancelFile: 'Cancel',
  addReaction: 'Add a reaction',
  reactionPicker: 'Reactions',
  reactWith: (emoji) => `React with ${emoji}`,
  otherEmoji: 'Other emoji',
  addEmoji: 'Add',
  reactedBy: (emoji, names) => `${emoji} ${names.join(', ')}`,
  someone: 'someone',
  today: 'Today',
  yesterday: 'Yesterday',
  newMessages: 'New messages ↓',

  sendKeysHint: 'Enter sends. Shift+Enter starts a new line.',
  trustNewKeyHint: 'You are meeting this person for the first time. To be sure it is really them, compare safety codes.',
  widgetPanel: (label) => label,
  closeChat: 'Close chat',
  peersSummary: (count) => (count === 0 ? 'Nobody else here yet' : count === 1 ? '1 person here' : `${count} people here`),
};

/** The defaults with `overrides` applied. */
export const withStrings = (overrides: Partial<RTChatStrings> | undefined): RTChatStrings => ({ ...defaultStrings, ...overrides });
