/**
 * What joining a room takes, and gives back on leaving: storage, the tab lease, the
 * identity, the trust store, the room's topics and keys, the stored conversation, the
 * signaling gate and writer, and the transport with its last will.
 */
import { ChatHistory } from '../delivery/history.js';
import { loadOrCreateName, normalizeName, saveName } from '../identity/friendly-name.js';
import { Identity } from '../identity/identity.js';
import { openKvStore, type KvStore } from '../identity/kv-store.js';
import { acquireTabId, type TabLease } from '../identity/tab-id.js';
import { TrustStore } from '../identity/trust-store.js';
import { DEFAULT_BROKERS, DEFAULT_ICE_SERVERS, type RTChatClientOptions } from '../options.js';
import { NotJoinedError } from '../errors.js';
import { DEFAULT_MAX_FILE_BYTES } from '../peer/file-transfer.js';
import type { PeerConfig } from '../peer/peer-link.js';
import { SignalGate, SignalWriter } from '../signaling/envelope.js';
import { peerIdOf, type SenderInfo } from '../signaling/messages.js';
import { MqttTransport } from '../signaling/mqtt-transport.js';
import { deriveRoom } from '../signaling/room.js';
import { SealKeys } from '../signaling/seal-keys.js';
import type { SignalingTransport } from '../signaling/transport.js';
import { randomBytes } from '../util/bytes.js';

export interface Session {
  kv: KvStore;
  history: ChatHistory;
  identity: Identity;
  trust: TrustStore;
  tab: TabLease;
  self: SenderInfo;
  selfId: string;
  roomTopic: string;
  inboxTopic: string;
  transport: SignalingTransport;
  writer: SignalWriter;
  gate: SignalGate;
}

/** What the gate asks about senders: keys we know get their own share of its budget (envelope.ts GATE_BUDGETS). */
export interface SenderLookup {
  knownKey(key: Uint8Array): boolean;
  knownSealKey(sealKey: Uint8Array): boolean;
  /** The peer of this session whose seal key starts with `id` (short-form answers, docs/protocol.md 4.5). */
  senderBySealKeyId(id: Uint8Array): SenderInfo | undefined;
}

/**
 * Opens everything a joined client needs. On failure, whatever was taken is given back.
 * @param stillWanted false when the client was disconnected meanwhile (then it throws)
 */
export async function openSession(o: Readonly<RTChatClientOptions>, namespace: string, lookup: SenderLookup, stillWanted: () => boolean): Promise<Session> {
  const taken: (() => void)[] = [];
  // The room's topic and keys and this session's seal keys need no storage: derived (a secret
  // room's key derivation is the slow part) while storage opens, not after it.
  const derived = deriveRoom({ origin: o.origin ?? location.origin, path: o.path ?? location.pathname, room: o.room, topic: o.topic, secret: o.secret }).then(async (room) => ({
    room,
    sealKeys: await SealKeys.generate(room.topic),
  }));
  derived.catch(() => {}); // awaited below; a storage failure first must not leave it unhandled
  try {
    // IndexedDB and the tab lock do not wait for each other.
    const [opened, leased] = await Promise.allSettled([openKvStore(`${namespace}store`), acquireTabId({ namespace })]);
    if (opened.status === 'fulfilled') taken.push(() => opened.value.close());
    if (leased.status === 'fulfilled') taken.push(() => leased.value.release());
    if (opened.status === 'rejected') throw opened.reason;
    if (leased.status === 'rejected') throw leased.reason;
    const [kv, tab] = [opened.value, leased.value];
    if (tab.id > 255) throw new Error('more than 255 tabs of this profile are in rooms; close some');
    const [identity, trust, { room, sealKeys }] = await Promise.all([o.identity ?? Identity.load({ namespace, kv }), TrustStore.open({ namespace, kv }), derived]);
    taken.push(() => trust.close());
    // The history is not needed for the first announce: read it while the will is signed.
    const opening = ChatHistory.open(kv, room.topic);
    opening.catch(() => {});
    const name = o.name !== undefined ? normalizeName(o.name) : loadOrCreateName({ namespace });
    if (o.name !== undefined) saveName(name, { namespace });
    const self: SenderInfo = {
      publicKey: identity.publicKey,
      tab: tab.id,
      session: new DataView(randomBytes(4).buffer).getUint32(0),
      name,
      sealKey: sealKeys.publicKey,
    };
    const selfId = peerIdOf(self.publicKey, self.tab);
    const ctx = {
      roomTopic: room.topic,
      selfId,
      roomKey: room.key,
      sealKeys,
      signer: identity,
      knownKey: (key: Uint8Array) => lookup.knownKey(key),
      knownSealKey: (sealKey: Uint8Array) => lookup.knownSealKey(sealKey),
      senderBySealKeyId: (id: Uint8Array) => lookup.senderBySealKeyId(id),
    };
    const writer = new SignalWriter(ctx);
    const init = { brokers: o.brokers ?? DEFAULT_BROKERS, will: { topic: room.topic, payload: await writer.leave(self) } };
    const history = await opening;
    const transport = o.transport ? o.transport(init) : new MqttTransport(init);
    if (!stillWanted()) {
      void transport.close();
      throw new Error('disconnected while joining');
    }
    return { kv, history, identity, trust, tab, self, selfId, roomTopic: room.topic, inboxTopic: writer.inboxTopic, transport, writer, gate: new SignalGate(ctx) };
  } catch (e) {
    for (const give of taken.reverse()) give();
    throw e;
  }
}

/** Leaves: tells the room (the will or the peers' timeouts cover a failure), closes the brokers, gives everything back. */
export async function closeSession(s: Session): Promise<void> {
  try {
    s.transport.publish(s.roomTopic, await s.writer.leave(s.self));
  } catch {
    // Leaving must not fail: the will or the peers' timeouts cover it.
  }
  await s.transport.close();
  await s.history.flush();
  s.tab.release();
  s.trust.close();
  s.kv.close();
}

/** From our offer or answer to an open channel, at most: longer than the re-offer time (10 s); TURN over TCP took 5.4 s in our NAT runs. */
const HANDSHAKE_MS = 15_000;

/** What every peer of this session is made with. */
export function peerConfigOf(o: Readonly<RTChatClientOptions>, s: Session | null): PeerConfig {
  if (!s) throw new NotJoinedError('not joined yet');
  return {
    roomTopic: s.roomTopic,
    signer: s.identity,
    iceServers: o.iceServers ?? DEFAULT_ICE_SERVERS,
    iceGatheringTimeoutMs: o.iceGatheringTimeout ?? 2500,
    verificationTimeoutMs: o.verificationTimeout ?? 10_000,
    handshakeTimeoutMs: HANDSHAKE_MS,
    maxFileBytes: o.maxFileSize ?? DEFAULT_MAX_FILE_BYTES,
  };
}
