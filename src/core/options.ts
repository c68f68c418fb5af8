/** Options of RTChatClient, their defaults, and the up-front check of what a page passes. */
import type { Identity } from './identity/identity.js';
import { checkWindow, type HistoryWindow } from './history/summary.js';
import type { SignalingTransport, TransportInit } from './signaling/transport.js';

/** Public brokers used when none are given (WebSocket over TLS; signaling only). */
export const DEFAULT_BROKERS = ['wss://broker.emqx.io:8084/mqtt', 'wss://broker.hivemq.com:8884/mqtt', 'wss://test.mosquitto.org:8081/mqtt'];

/** Public STUN servers used when no `iceServers` are given. `[]` means host candidates only (LAN). */
export const DEFAULT_ICE_SERVERS: RTCIceServer[] = [{ urls: 'stun:stun.l.google.com:19302' }, { urls: 'stun:stun.cloudflare.com:3478' }];

/** Who may connect without asking the user. */
export type AutoAccept = 'all' | 'trusted' | false;

export interface RTChatClientOptions {
  /** Room name; the room is this page's origin + canonical path (see `path`) + room. Default: '' (one room per page). */
  room?: string;
  /** Explicit room identity instead of origin + path + room (e.g. to meet across pages or sites). */
  topic?: string;
  /** Display name; default: the saved one, else a generated friendly name. */
  name?: string;
  /** MQTT-over-WebSocket broker URLs (ws:// or wss://); several at once. Default: {@link DEFAULT_BROKERS}. */
  brokers?: string[];
  /** ICE servers. Default {@link DEFAULT_ICE_SERVERS}; `[]` for host candidates only. */
  iceServers?: RTCIceServer[];
  /**
   * Which knocks (newcomers announcing themselves) are let in without asking the person:
   * `'trusted'` (default: keys trusted explicitly, unless they show a name pinned to another
   * key; and our own other tabs), `'all'`, or `false` (ask about everyone but our own tabs).
   * An offer that does not answer our own knock is judged the same way. See docs/protocol.md 6.9.
   */
  autoAccept?: AutoAccept;
  /**
   * Also ask the person before connecting to a member that let us in (a `connectionrequest`
   * with `initiator: false`). Default false: joining a room is consent to meet its members,
   * so only the members decide (one decision per pair).
   */
  askBeforeJoining?: boolean;
  /** Room secret: hides the room and encrypts all signaling (see docs/security.md). */
  secret?: string;
  /** Prefix of every storage key and database (default `rtchat:`); use one per app to keep identities apart. */
  storage?: string;
  /** What to do when a peer's name is pinned to another key: `'warn'` (verified, trust `key-changed`; default) or `'reject'` (verificationfailed). */
  keyChange?: 'warn' | 'reject';
  /** Use this identity instead of the profile's stored one. */
  identity?: Identity;
  /**
   * Page origin and path the room is derived from (default: `location`). The path is taken in
   * its canonical form (`canonicalRoomPath`): `/x`, `/x/`, `/x/index.html` and `/x/?q#h` are one room.
   */
  origin?: string;
  path?: string;
  /** ms to wait for ICE candidates (default 2500). */
  iceGatheringTimeout?: number;
  /** ms a connected peer has to prove its key (default 10 000). */
  verificationTimeout?: number;
  /** Largest file sent or accepted, in bytes (default 1 GiB). */
  maxFileSize?: number;
  /**
   * Makes the signaling transport (default: an `MqttTransport` over `brokers`). Every payload
   * it delivers still passes the signaling gate.
   */
  transport?: (init: TransportInit) => SignalingTransport;
  /**
   * Shared history: with `'share'`, verified peers pass each other the room messages of the
   * window that the other lacks, each checked against its author's signature, so a late
   * joiner sees the conversation. Default `'off'`: what was said before someone came stays
   * with those who were there (README, "History", says why). Direct messages, files and
   * messages marked `forward: false` are never shared.
   */
  history?: 'share' | 'off';
  /** Which messages are shared and taken (default: the last 500, at most 7 days old). */
  historyWindow?: Partial<HistoryWindow>;
}

/** Checks options up front so a page author gets a clear TypeError, not a failure later. */
export function checkOptions(o: RTChatClientOptions): void {
  for (const url of o.brokers ?? []) {
    if (typeof url !== 'string' || !/^wss?:\/\/[^\s]+$/.test(url)) throw new TypeError(`brokers: ${JSON.stringify(url)} is not a ws:// or wss:// URL`);
  }
  if (o.brokers && o.brokers.length === 0) throw new TypeError('brokers: give at least one broker URL');
  if (o.iceServers !== undefined && !Array.isArray(o.iceServers)) throw new TypeError('iceServers must be an array of RTCIceServer');
  if (o.autoAccept !== undefined && o.autoAccept !== 'all' && o.autoAccept !== 'trusted' && o.autoAccept !== false) {
    throw new TypeError("autoAccept must be 'all', 'trusted' or false");
  }
  if (o.askBeforeJoining !== undefined && typeof o.askBeforeJoining !== 'boolean') throw new TypeError('askBeforeJoining must be true or false');
  if (o.secret !== undefined && (typeof o.secret !== 'string' || o.secret.length === 0)) throw new TypeError('secret must be a non-empty string');
  if (o.history !== undefined && o.history !== 'share' && o.history !== 'off') throw new TypeError("history must be 'share' or 'off'");
  if (o.historyWindow !== undefined) checkWindow(o.historyWindow);
  if (o.transport !== undefined && typeof o.transport !== 'function') throw new TypeError('transport must be a function that makes a SignalingTransport');
}
