/** The elements, their DOM events, strings and context key (registering nothing: see define.js). */
export { RTChatRoom } from './chat-room/chat-room.js';
export { RTPeerList } from './peer-list/peer-list.js';
export { RTMessageLog } from './message-log/message-log.js';
export { RTComposer } from './composer/composer.js';
export * from './events/index.js';
export { defaultStrings, type RTChatStrings } from './strings.js';
export { clientContext, type ChatClient } from './context.js';
