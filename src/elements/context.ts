/**
 * How elements find their client: `<rt-chat-room>` provides it through @lit/context and
 * `<rt-peer-list>` / `<rt-message-log>` consume the nearest one. Elements depend on the
 * client's typed interface only; they never touch MQTT or RTCPeerConnection.
 */
import { createContext } from '@lit/context';
import type { RTChatClient } from '../core/index.js';

/** The client interface the elements consume (the whole RTChatClient today). */
export type ChatClient = RTChatClient;

/** Context key of the nearest room's client. */
export const clientContext = createContext<ChatClient | undefined>(Symbol.for('rtchat-client'));
