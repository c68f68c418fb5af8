/**
 * Registers all three elements: `<rt-chat-room>`, `<rt-peer-list>`, `<rt-message-log>`.
 * The consumers come first on purpose: they must find a room that upgrades after them.
 */
import './peer-list/define.js';
import './message-log/define.js';
import './chat-room/define.js';
