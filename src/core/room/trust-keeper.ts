/**
 * Trust of verified peers: judges a peer whose proof passed (trust-policy.ts decides), pins
 * first contacts, judges verified peers again when their name or the trust store changes,
 * and vouches for a key (`client.trustPeer`).
 */
import { NotJoinedError, NotVerifiedError } from '../errors.js';
import { TrustChangeEvent, VerificationFailedEvent } from '../events/index.js';
import { safetyCode } from '../identity/safety-code.js';
import { judge, type TrustAssessment, type TrustEntry } from '../identity/trust-policy.js';
import { toBase64Url } from '../util/bytes.js';
import type { TrustStore } from '../identity/trust-store.js';
import type { NameWarning } from '../peer/peer.js';
import type { PeerLink } from '../peer/peer-link.js';
import type { TrustStatus } from '../peer/peer.js';
import type { VerificationFailure } from '../peer/verification.js';
import type { RoomContext } from './context.js';
import type { PeerRegistry } from './peers.js';

/** A verified peer's status from the store's verdict (`new` means we just pinned it). */
const trustStatusOf = (status: TrustAssessment['status']): TrustStatus => (status === 'new' ? 'pinned' : status);

export class TrustKeeper {
  private store: TrustStore | null = null;
  private ownKey: Uint8Array | null = null;
  private ownName: () => string = () => '';

  constructor(
    private readonly ctx: RoomContext,
    private readonly peers: PeerRegistry,
  ) {}

  /** The store, once joined. */
  get trust(): TrustStore | null {
    return this.store;
  }

  /** Starts judging with the joined session's store, our key (for safety codes) and our current name. */
  attach(store: TrustStore, ownKey: Uint8Array, ownName: () => string): void {
    this.store = store;
    this.ownKey = ownKey;
    this.ownName = ownName;
    // Another tab (or the app) trusted, forgot or pinned a key: what we show may change.
    store.addEventListener('change', () => this.rejudgeAll());
  }

  /** Judges every verified peer again (the store, or our own name, changed). */
  rejudgeAll(): void {
    for (const p of this.peers.verified()) this.rejudge(p);
  }

  /**
   * The store's verdict on a key under a name (null before joining). Our own name counts as
   * pinned to our own key: another key showing it (or a look-alike) is warned about, as for
   * any pinned name, and never taken for one of our tabs.
   */
  assess(publicKey: Uint8Array, name: string): TrustAssessment | null {
    return this.store && this.ownKey ? this.verdict(this.store, this.ownKey, publicKey, name) : null;
  }

  /**
   * Whether `keyChange: 'reject'` refuses this verdict: a name pinned to another key. Not when
   * that key is only ours: someone sharing our name is warned about, not refused.
   */
  private refuses(verdict: TrustAssessment): boolean {
    if (verdict.status !== 'key-changed' || this.ctx.options.keyChange !== 'reject' || !this.ownKey) return false;
    const own = toBase64Url(this.ownKey);
    return !!verdict.holders?.some((h) => h.publicKey !== own);
  }

  private verdict(store: TrustStore, ownKey: Uint8Array, publicKey: Uint8Array, name: string): TrustAssessment {
    const own: TrustEntry = { publicKey: toBase64Url(ownKey), name: this.ownName(), source: 'registered', firstSeen: 0 };
    return judge([...store.entries(), own], toBase64Url(publicKey), name);
  }

  /** Whether the store knows this key (trusted or seen). */
  known(publicKey: Uint8Array): boolean {
    return !!this.store?.known(publicKey);
  }

  /** Judges a peer whose proof passed, under the name it had then. */
  async judge(link: PeerLink, name: string): Promise<{ trust: TrustStatus; warning: NameWarning | null; safetyCode: string } | { failure: VerificationFailure }> {
    const store = this.store;
    if (!store || !this.ownKey) return { failure: 'timeout' };
    // Our own other tab: nothing to pin, compare or warn about.
    if (link.ownTab) return { trust: 'self', warning: null, safetyCode: await safetyCode(this.ownKey, link.publicKey) };
    const verdict = this.verdict(store, this.ownKey, link.publicKey, name);
    if (this.refuses(verdict)) return { failure: 'key-changed' };
    // Pinned before any await: a second key verifying meanwhile under the same name sees this pin.
    const pinned = verdict.pin ? store.pin(link.publicKey, name) : null;
    const code = await safetyCode(this.ownKey, link.publicKey);
    // Storage failing must not fail the peer; the pin is then undone (trust-store.ts), so this
    // key stays new and is pinned again at its next verification.
    await pinned?.catch(() => {});
    return { trust: trustStatusOf(verdict.status), warning: verdict.warning, safetyCode: code };
  }

  /**
   * Judges a verified peer again (its name or the trust store changed). Reports a change as
   * `trustchange`; under `keyChange: 'reject'` a peer now showing someone else's name fails.
   * @returns false when the peer was closed
   */
  rejudge(link: PeerLink): boolean {
    const store = this.store;
    if (!store || !this.ownKey || !link.verified || link.ownTab) return link.verified;
    const verdict = this.verdict(store, this.ownKey, link.publicKey, link.name);
    if (this.refuses(verdict)) {
      this.ctx.emit(new VerificationFailedEvent({ peer: link.peer, reason: 'key-changed' }));
      link.shutdown('failed');
      return false;
    }
    if (verdict.pin) void store.pin(link.publicKey, link.name).catch(() => {});
    // A first contact stays `pinned` for the rest of its visit unless something changes.
    const next = verdict.status === 'new' || (verdict.status === 'seen' && link.trust === 'pinned') ? (link.trust ?? 'pinned') : trustStatusOf(verdict.status);
    const previous = { trust: link.trust, warning: link.nameWarning };
    if (next === previous.trust && verdict.warning === previous.warning) return true;
    link.trust = next;
    link.nameWarning = verdict.warning;
    this.ctx.emit(new TrustChangeEvent({ peer: link.peer, trust: next, warning: verdict.warning, previousTrust: previous.trust, previousWarning: previous.warning }));
    return true;
  }

  /** See `RTChatClient.trustPeer`. */
  async vouch(link: PeerLink, name: string): Promise<void> {
    if (!this.store) throw new NotJoinedError('not joined yet');
    if (!link.verified) throw new NotVerifiedError(`peer ${link.label} is not verified`);
    if (link.name !== name) throw new Error(`peer renamed itself from ${name} to ${link.name}: not trusted`);
    // The store's change event judges every verified peer again, this one included.
    await this.store.register(link.publicKey, link.name);
  }
}
