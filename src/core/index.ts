/** The protocol core: usable without any element (`import { RTChatClient } from 'rtchat'`). */
export * from './util/bytes.js';
