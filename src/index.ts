/**
 * rtchat: serverless, peer-to-peer, cryptographically verified chat.
 * @packageDocumentation
 */
export * from './core/index.js';
