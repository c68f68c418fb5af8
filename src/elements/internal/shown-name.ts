import type { Peer } from '../../core/index.js';

/**
 * A peer's label as text wherever no badge fits (typing line, notifications, file lines,
 * reactions, the direct-message target): marked with ⚠ when its name may mislead (pinned to
 * another key, a look-alike of one, mixed alphabets), so no name is ever shown plainly for
 * a key it was not pinned to.
 */
export function shownName(peer: Pick<Peer, 'label' | 'nameWarning' | 'trust'>): string {
  return peer.nameWarning || peer.trust === 'key-changed' ? `⚠ ${peer.label}` : peer.label;
}
