/**
 * Channel-bound identity proof.
 *
 * Once the data channel is open, each side sends a random 32-byte nonce, then a proof:
 * an Ed25519 signature over
 *   "rtchat/v1/proof" 0x00 | room topic | 0x00 | offerer nonce | answerer nonce |
 *   signer's DTLS fingerprint | other side's DTLS fingerprint
 * with the fingerprints taken from the local and remote descriptions actually applied to
 * this RTCPeerConnection. A relay in the middle terminates DTLS separately towards each
 * side, so the fingerprints each side sees differ from what the other signed: the proof
 * fails with `channel-mismatch` even when the relay forwards it untouched.
 */
import { verifySignature } from '../identity/identity.js';
import { concatBytes, equalBytes, fromBase64Url, toBase64Url, utf8 } from '../util/bytes.js';
import type { Frame } from './frames.js';

/** Why a peer failed verification. */
export type VerificationFailure = 'bad-signature' | 'key-mismatch' | 'channel-mismatch' | 'timeout' | 'key-changed';

export interface Binding {
  roomTopic: string;
  offererNonce: Uint8Array;
  answererNonce: Uint8Array;
  /** Fingerprint in our applied local description. */
  localFingerprint: Uint8Array;
  /** Fingerprint in our applied remote description. */
  remoteFingerprint: Uint8Array;
}

const proofBytes = (b: Binding, signerFp: Uint8Array, otherFp: Uint8Array) =>
  concatBytes(utf8(`rtchat/v1/proof\0${b.roomTopic}\0`), b.offererNonce, b.answererNonce, signerFp, otherFp);

/** Our proof frame. */
export async function createProof(binding: Binding, signer: { publicKey: Uint8Array; sign(m: Uint8Array): Promise<Uint8Array> }): Promise<Extract<Frame, { t: 'proof' }>> {
  const sig = await signer.sign(proofBytes(binding, binding.localFingerprint, binding.remoteFingerprint));
  return {
    t: 'proof',
    key: toBase64Url(signer.publicKey),
    own: toBase64Url(binding.localFingerprint),
    other: toBase64Url(binding.remoteFingerprint),
    sig: toBase64Url(sig),
  };
}

/**
 * Checks the other side's proof. Returns null when it passes, else the failure reason.
 * `expectedKey` is the key the peer signed its signaling with.
 */
export async function checkProof(proof: Extract<Frame, { t: 'proof' }>, binding: Binding, expectedKey: Uint8Array): Promise<VerificationFailure | null> {
  const key = fromBase64Url(proof.key);
  if (!equalBytes(key, expectedKey)) return 'key-mismatch';
  const own = fromBase64Url(proof.own);
  const other = fromBase64Url(proof.other);
  // Checked on what was signed, so a valid signature over another channel reads as such.
  if (!(await verifySignature(key, proofBytes(binding, own, other), fromBase64Url(proof.sig)))) return 'bad-signature';
  if (!equalBytes(own, binding.remoteFingerprint) || !equalBytes(other, binding.localFingerprint)) return 'channel-mismatch';
  return null;
}
