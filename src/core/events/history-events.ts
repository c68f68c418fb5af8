/** Events about shared history (history/history-sync.ts). */
import type { ChatRecord } from '../delivery/history.js';
import type { NameWarning } from '../identity/trust-policy.js';
import type { Peer } from '../peer/peer.js';

/**
 * What we know of a shared message's author, from our trust store, judged under the name
 * the author signed:
 * - `self`: our own key
 * - `trusted`, `seen`: as for a peer (trusted explicitly, or met before under this name)
 * - `never-met`: a key we never met; its name is only its own claim
 * - `key-changed`: the name is pinned to another key (or looks like one that is): warn
 */
export type AuthorTrust = 'self' | 'trusted' | 'seen' | 'never-met' | 'key-changed';

/**
 * A room message written before we were here (or while we were away), passed on by a
 * verified peer and checked against its author's signature. It goes where its time puts it,
 * not after the live messages. `by` passed it on; the author may be anyone, met or not.
 */
export class HistoryMessageEvent extends Event {
  static readonly type = 'historymessage';
  /** The peer that passed it on (not the author, unless `author === by.key`). */
  readonly by: Peer;
  /** The message as the history keeps it (`from` is the author; `sharedBy` the peer). */
  readonly record: ChatRecord;
  /** The author's key (base64url). */
  readonly author: string;
  /** The author's name as signed: its own claim; see `trust` and `warning`. */
  readonly name: string;
  readonly trust: AuthorTrust;
  /** Set when the name may mislead (pinned to another key, a look-alike, mixed scripts). */
  readonly warning: NameWarning | null;
  constructor(init: { by: Peer; record: ChatRecord; author: string; name: string; trust: AuthorTrust; warning: NameWarning | null }, options?: EventInit) {
    super(HistoryMessageEvent.type, options);
    this.by = init.by;
    this.record = init.record;
    this.author = init.author;
    this.name = init.name;
    this.trust = init.trust;
    this.warning = init.warning;
  }

  get id(): string {
    return this.record.id;
  }

  /** Plain text: never interpret it as HTML. */
  get text(): string {
    return this.record.text;
  }

  /** The author's clock, ms since 1970. */
  get sentAt(): number {
    return this.record.sentAt;
  }
}
