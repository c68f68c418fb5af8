/**
 * Turns `<rt-chat-room>`'s attributes into RTChatClient options, with errors that name the
 * attribute, so a page author sees what to fix.
 */
import type { AutoAccept, RTChatClientOptions } from '../../core/index.js';

/** The room's attribute values (null or undefined when absent). */
export interface RoomAttributes {
  room?: string | null;
  topic?: string | null;
  name?: string | null;
  brokers?: string | null;
  iceServers?: string | null;
  secret?: string | null;
  autoAccept?: string | null;
  askBeforeJoining?: boolean | null;
  storage?: string | null;
  history?: string | null;
}

/**
 * The client options for these attributes.
 * @throws {TypeError} when `ice-servers` is not a JSON array, `auto-accept` is not `all`, `trusted` or `none`, or `history` is not `share` or `off`
 * @example clientOptions({ room: 'lobby', brokers: 'wss://a/mqtt wss://b/mqtt', autoAccept: 'none' })
 */
export function clientOptions(a: RoomAttributes): RTChatClientOptions {
  const options: RTChatClientOptions = { autoAccept: autoAcceptOf(a.autoAccept) };
  if (a.askBeforeJoining) options.askBeforeJoining = true;
  if (a.room) options.room = a.room;
  if (a.topic) options.topic = a.topic;
  if (a.name?.trim()) options.name = a.name;
  if (a.secret) options.secret = a.secret;
  if (a.storage) options.storage = a.storage;
  const history = historyOf(a.history);
  if (history) options.history = history;
  const brokers = a.brokers?.split(/\s+/).filter(Boolean) ?? [];
  if (brokers.length) options.brokers = brokers;
  if (a.iceServers?.trim()) options.iceServers = iceServersOf(a.iceServers);
  return options;
}

/**
 * The `auto-accept` attribute as a client policy: which newcomers (knocks) come in without
 * asking the person. Absent: the client's default, `trusted` (keys trusted explicitly under
 * the name they show); `all`; `none` asks about everyone (the client's `false`). Our own
 * other tabs never need asking.
 * @throws {TypeError} when it is not `all`, `trusted` or `none`
 */
export function autoAcceptOf(value: string | null | undefined): AutoAccept {
  if (value === null || value === undefined || value === 'trusted') return 'trusted';
  if (value === 'all') return 'all';
  if (value === 'none') return false;
  throw new TypeError(`auto-accept must be "all", "trusted" or "none", not ${JSON.stringify(value)}`);
}

/**
 * The `history` attribute: `share` passes the room's recent messages on to peers who join
 * later (and takes theirs); absent or `off`, nothing is shared (the client's default).
 * @throws {TypeError} when it is not `share` or `off`
 */
export function historyOf(value: string | null | undefined): 'share' | 'off' | null {
  if (value === null || value === undefined || value === '') return null;
  if (value === 'share' || value === 'off') return value;
  throw new TypeError(`history must be "share" or "off", not ${JSON.stringify(value)}`);
}

function iceServersOf(json: string): RTCIceServer[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new TypeError('ice-servers must be JSON, e.g. [{"urls":"stun:stun.example.org"}]');
  }
  if (!Array.isArray(value) || !value.every((s) => s !== null && typeof s === 'object' && 'urls' in s)) {
    throw new TypeError('ice-servers must be a JSON array of {"urls": …} objects');
  }
  return value as RTCIceServer[];
}
