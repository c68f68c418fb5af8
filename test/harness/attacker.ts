/**
 * What an attacker on a public broker makes for free, built from our own code: used by the
 * attack tests (test/core/attacks/) and the bench's attack figures (bench/pages/attacks.ts).
 */
import { Identity } from '../../src/core/identity/identity.js';
import { compactSdp } from '../../src/core/signaling/compact-sdp.js';
import { SignalWriter } from '../../src/core/signaling/envelope.js';
import { peerIdOf, type SenderInfo } from '../../src/core/signaling/messages.js';
import { SealKeys } from '../../src/core/signaling/seal-keys.js';

/** A fresh throw-away identity with a writer for its announces and sealed messages: as many as the attacker likes. */
export async function throwaway(roomTopic: string, name: string) {
  const identity = await Identity.ephemeral();
  const sealKeys = await SealKeys.generate(roomTopic);
  const self: SenderInfo = { publicKey: identity.publicKey, tab: 1, session: Math.floor(Math.random() * 2 ** 32), name, sealKey: sealKeys.publicKey };
  return { self, writer: new SignalWriter({ roomTopic, selfId: peerIdOf(self.publicKey, 1), roomKey: null, sealKeys, signer: identity }) };
}

/** A real compact offer stripped of its ICE candidates: whoever answers it can never reach anybody. */
export async function offerWithoutCandidates(): Promise<Uint8Array> {
  const pc = new RTCPeerConnection({ iceServers: [] });
  pc.createDataChannel('x');
  await pc.setLocalDescription();
  const parsed = compactSdp.parse('offer', pc.localDescription!.sdp);
  pc.close();
  return compactSdp.encode({ ...parsed, candidates: [] });
}
