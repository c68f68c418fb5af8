/**
 * The identity proof of one connection (verification.ts has the cryptography): each side
 * sends a fresh nonce (`hello`), then signs the binding of both nonces to both DTLS
 * fingerprints (`proof`). A new connection gets a new Handshake: nothing of an earlier
 * channel's proof carries over.
 */
import { fromBase64Url, randomBytes, toBase64Url } from '../util/bytes.js';
import type { Signer } from '../signaling/envelope.js';
import type { Connection } from './connection.js';
import type { Frame } from './frames.js';
import { checkProof, createProof, type Binding, type VerificationFailure } from './verification.js';

/** How long a frame may wait for this side's descriptions to read as applied. */
const BINDING_WAIT_MS = 2_000;
const BINDING_POLL_MS = 50;

export class Handshake {
  private readonly localNonce = randomBytes(32);
  private remoteNonce: Uint8Array | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly roomTopic: string,
    private readonly role: 'offerer' | 'answerer',
  ) {}

  /** Our hello, sent when the channel opens. */
  hello(): Frame {
    return { t: 'hello', nonce: toBase64Url(this.localNonce) };
  }

  /**
   * The peer's hello: our proof in return.
   * @returns the proof frame, 'repeated' for a second hello, or a failure
   */
  async onHello(nonce: string, signer: Signer): Promise<Frame | 'repeated' | VerificationFailure> {
    if (this.remoteNonce) return 'repeated';
    this.remoteNonce = fromBase64Url(nonce);
    const binding = await this.bindingWhenReady();
    if (!binding) return 'channel-mismatch';
    return createProof(binding, signer);
  }

  /**
   * The peer's proof, checked against the key that signed its signaling.
   * @returns null when it passed, else why not
   */
  async onProof(proof: Extract<Frame, { t: 'proof' }>, publicKey: Uint8Array): Promise<VerificationFailure | null> {
    if (!this.remoteNonce) return 'bad-signature';
    const binding = await this.bindingWhenReady();
    if (!binding) return 'channel-mismatch';
    return checkProof(proof, binding, publicKey);
  }

  /** What the proof binds to, or null while a description or a nonce is missing. */
  private binding(): Binding | null {
    const fingerprints = this.connection.fingerprints();
    if (!fingerprints || !this.remoteNonce) return null;
    const [offererNonce, answererNonce] = this.role === 'offerer' ? [this.localNonce, this.remoteNonce] : [this.remoteNonce, this.localNonce];
    return { roomTopic: this.roomTopic, offererNonce, answererNonce, localFingerprint: fingerprints.local, remoteFingerprint: fingerprints.remote };
  }

  /**
   * The binding, waiting up to 2 s: a frame can arrive in the moment before this side's
   * descriptions read as applied. Null after that: the channel cannot be bound, so the
   * peer fails verification rather than hang until the timeout.
   */
  private async bindingWhenReady(): Promise<Binding | null> {
    for (let waited = 0; waited < BINDING_WAIT_MS; waited += BINDING_POLL_MS) {
      const b = this.binding();
      if (b) return b;
      await new Promise((r) => setTimeout(r, BINDING_POLL_MS));
    }
    return null;
  }
}
