/** Registers `<rt-chat-room>` and the two elements its built-in layout uses. */
import { RTMessageLog } from '../message-log/message-log.js';
import { RTPeerList } from '../peer-list/peer-list.js';
import { RTChatRoom } from './chat-room.js';

RTPeerList.define();
RTMessageLog.define();
RTChatRoom.define();

declare global {
  interface HTMLElementTagNameMap {
    'rt-chat-room': RTChatRoom;
  }
}
