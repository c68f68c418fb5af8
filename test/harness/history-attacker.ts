/**
 * Shared-history attacks, built from our own code (test/core/attacks/history.test.ts): room
 * messages validly signed by throwaway keys, as many as an attacker likes, ready to be
 * written straight into a channel past its own client's checks.
 */
import { signMessage } from '../../src/core/history/signed-message.js';
import { Identity } from '../../src/core/identity/identity.js';
import { toBase64Url } from '../../src/core/util/bytes.js';

/** An `hmsg` frame as our gate takes it (peer/frames.ts). */
export interface SharedFrame {
  t: 'hmsg';
  a: string;
  n: string;
  id: string;
  ts: number;
  text: string;
  sig: string;
  nf?: boolean;
}

/** `count` messages in `roomTopic`, each by a fresh key under `name`, each signed correctly. */
export async function strangerFrames(roomTopic: string, count: number, name = 'Stranger'): Promise<SharedFrame[]> {
  const frames: SharedFrame[] = [];
  for (let i = 0; i < count; i++) {
    const identity = await Identity.ephemeral();
    const m = { room: roomTopic, author: identity.publicKey, name, id: `stranger${i}`, ts: Date.now(), text: `junk by a stranger ${i}`, noForward: false };
    frames.push({ t: 'hmsg', a: toBase64Url(identity.publicKey), n: name, id: m.id, ts: m.ts, text: m.text, sig: await signMessage(identity, m) });
  }
  return frames;
}
