/**
 * A client's insides, for the project's own tests and benchmarks (attackers that speak our
 * protocol need the session's keys; ICE restarts are forced on loopback). Not exported from
 * the package: nothing a page does should need it.
 */
import type { Peer } from '../peer/peer.js';
import type { PeerLink } from '../peer/peer-link.js';
import type { Session } from './session.js';

export interface ClientInternals {
  session(): Session | null;
  link(peer: Peer): PeerLink;
  restartIce(peer: Peer): Promise<void>;
  /** Calls `tap` with every drop, before the once-a-minute dedupe of `drop` events (null stops). */
  tapDrops(tap: ((source: 'signaling' | 'channel', reason: string) => void) | null): void;
  /** Resolves once every shared-history message received so far is checked (and kept or dropped). */
  historyChecked(): Promise<void>;
}

const registry = new WeakMap<object, ClientInternals>();

export const exposeInternals = (client: object, inside: ClientInternals): void => void registry.set(client, inside);

/** @throws {TypeError} for an object that is not an RTChatClient */
export function internals(client: object): ClientInternals {
  const inside = registry.get(client);
  if (!inside) throw new TypeError('not an RTChatClient');
  return inside;
}
