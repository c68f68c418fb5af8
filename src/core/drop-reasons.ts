/**
 * Why input from the network was dropped (`DropEvent.reason`), in one list:
 * - signaling (the MQTT gate, envelope.ts): `too-large`, `malformed`, `unknown-version`,
 *   `wrong-topic`, `undecryptable`, `bad-signature`, `stale`, `replay`, `rate-limited`,
 *   `evicted` (a waiting peer dropped to make room in a flood);
 * - channel (a peer's frames, frames.ts and peer/): `too-large`, `malformed`,
 *   `unknown-kind`, `unverified` (before the proof), `rate-limited`, `bad-signature` (a file
 *   offer), `integrity` (a file not matching its hash), `policy` (the peer was disconnected
 *   for flooding), `error`; shared history (history/history-sync.ts): `bad-signature` (a
 *   message that does not verify against its claimed author), `stale` (outside the window
 *   we asked for), `not-forwardable` (its author asked that it not be passed on),
 *   `policy` (history arriving while we do not share, or past what we take);
 * - ours: `outbox-full` (a message of ours given up).
 */
export type DropReason =
  | 'too-large'
  | 'malformed'
  | 'unknown-version'
  | 'wrong-topic'
  | 'undecryptable'
  | 'bad-signature'
  | 'stale'
  | 'replay'
  | 'rate-limited'
  | 'evicted'
  | 'unknown-kind'
  | 'unverified'
  | 'integrity'
  | 'policy'
  | 'error'
  | 'outbox-full'
  | 'not-forwardable';
