/** The protocol core: usable without any element (`import { RTChatClient } from 'rtchat'`). */
export { RTChatClient, DEFAULT_BROKERS, DEFAULT_ICE_SERVERS } from './client.js';
export type { RTChatClientOptions, AutoAccept, ClientState } from './client.js';
export * from './events.js';
export { Peer } from './peer/peer.js';
export type { PeerState, TrustStatus, NameWarning, CloseReason, AskOptions } from './peer/peer.js';
export type { VerificationFailure } from './peer/verification.js';
export type { BrokerStatus, BrokerState } from './signaling/mqtt-transport.js';
export { Identity, verifySignature } from './identity/identity.js';
export { TrustStore } from './identity/trust-store.js';
export type { TrustEntry, TrustAssessment, TrustSource } from './identity/trust-store.js';
export { safetyCode } from './identity/safety-code.js';
export { toBase64Url, fromBase64Url } from './util/bytes.js';
export { MQTTRTCClient } from './compat.js';
export type { MQTTRTCHandlers, MQTTRTCEvent, MQTTRTCPeer, PeerInfo } from './compat.js';
export { FileTransfer } from './peer/file-transfer.js';
export type { FileState, FileFailure } from './peer/file-transfer.js';
export { savedFileName } from './peer/file-names.js';
export type { ChatRecord } from './delivery/history.js';
