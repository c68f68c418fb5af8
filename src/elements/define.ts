/**
 * Registers the room's elements: `<rt-chat-room>`, `<rt-peer-list>`, `<rt-message-log>`,
 * `<rt-composer>`. The consumers come first on purpose: they must find a room that upgrades
 * after them.
 */
import './peer-list/define.js';
import './message-log/define.js';
import './composer/define.js';
import './chat-room/define.js';
