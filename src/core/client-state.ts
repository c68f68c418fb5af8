/**
 * The client's own state: `idle` (not joined yet), `connecting`, `connected` (at least one
 * broker up), `offline` (joined, but every broker is down: retrying; peers stay connected),
 * `closed`.
 */
export type ClientState = 'idle' | 'connecting' | 'connected' | 'offline' | 'closed';
