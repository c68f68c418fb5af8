/** Registers `<rt-chat-room>` and the three elements its built-in layout uses. */
import { RTComposer } from '../composer/composer.js';
import { RTMessageLog } from '../message-log/message-log.js';
import { RTPeerList } from '../peer-list/peer-list.js';
import { RTChatRoom } from './chat-room.js';

RTPeerList.define();
RTMessageLog.define();
RTComposer.define();
RTChatRoom.define();

declare global {
  interface HTMLElementTagNameMap {
    'rt-chat-room': RTChatRoom;
  }
}
