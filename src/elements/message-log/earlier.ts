/**
 * A message from shared history as the log shows it: under the name its author signed,
 * marked with what we know of the author's key, at the author's own time.
 */
import type { AuthorTrust, ChatRecord, HistoryMessageEvent, NameWarning, TrustStore } from '../../core/index.js';
import type { ChatLine } from './message-history.js';

/**
 * The log line for an earlier message. A key we never met shows its name marked "never
 * met": the name is only the author's own claim. A name pinned to another key carries the
 * key-changed warning, as a live peer's would.
 */
export function earlierLine(e: HistoryMessageEvent): Omit<ChatLine, 'kind' | 'key' | 'reactions'> {
  const warning = e.warning ?? (e.trust === 'key-changed' ? 'key-changed' : null);
  return {
    id: e.id,
    from: e.author,
    own: false,
    sender: e.name,
    ...(warning ? { warning } : {}),
    text: e.text,
    time: e.sentAt,
    direct: false,
    recipients: 0,
    complete: false,
    earlier: { trust: e.trust },
  };
}

/**
 * What a stored message that came through shared history (`sharedBy`) shows on a later
 * visit: the store's verdict on its author now. Without a store, as a key never met.
 */
export function storedEarlier(r: ChatRecord, trust: TrustStore | null): { earlier: { trust: AuthorTrust }; warning?: NameWarning } | null {
  if (!r.sharedBy || !r.from) return null;
  const v = trust?.assess(r.from.key, r.from.name) ?? null;
  const status: AuthorTrust = !v || v.status === 'new' ? 'never-met' : v.status;
  const warning = v?.warning ?? (status === 'key-changed' ? 'key-changed' : null);
  return { earlier: { trust: status }, ...(warning ? { warning } : {}) };
}
