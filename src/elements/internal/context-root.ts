/**
 * Lets consumers find a room that upgrades after them: a ContextRoot on the document keeps
 * unanswered `context-request`s and replays them when a provider announces itself. Needed
 * when `<rt-peer-list>` or `<rt-message-log>` is defined (or inserted) before `<rt-chat-room>`.
 */
import { ContextRoot } from '@lit/context';

const attached = new WeakSet<Document>();

/** Attaches one ContextRoot to `doc` (once per document). Call before the first context request. */
export function ensureContextRoot(doc: Document): void {
  if (attached.has(doc)) return;
  attached.add(doc);
  new ContextRoot().attach(doc.documentElement);
}
