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
  storage?: string | null;
}

/**
 * The client options for these attributes.
 * @throws {TypeError} when `ice-servers` is not a JSON array or `auto-accept` is not `all` or `trusted`
 * @example clientOptions({ room: 'lobby', brokers: 'wss://a/mqtt wss://b/mqtt', autoAccept: 'trusted' })
 */
export function clientOptions(a: RoomAttributes): RTChatClientOptions {
  const options: RTChatClientOptions = { autoAccept: autoAcceptOf(a.autoAccept) };
  if (a.room) options.room = a.room;
  if (a.topic) options.topic = a.topic;
  if (a.name?.trim()) options.name = a.name;
  if (a.secret) options.secret = a.secret;
  if (a.storage) options.storage = a.storage;
  const brokers = a.brokers?.split(/\s+/).filter(Boolean) ?? [];
  if (brokers.length) options.brokers = brokers;
  if (a.iceServers?.trim()) options.iceServers = iceServersOf(a.iceServers);
  return options;
}

/**
 * The `auto-accept` attribute as a client policy (absent: ask).
 * @throws {TypeError} when it is not `all` or `trusted`
 */
export function autoAcceptOf(value: string | null | undefined): AutoAccept {
  if (value === null || value === undefined) return false;
  if (value === 'all' || value === 'trusted') return value;
  throw new TypeError(`auto-accept must be "all" or "trusted", not ${JSON.stringify(value)}`);
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
