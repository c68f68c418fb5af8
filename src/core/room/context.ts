/** What every part of the client shares: its options, and how it reports to the page. */
import type { DropReason } from '../drop-reasons.js';
import type { RTChatClientOptions } from '../options.js';

export interface RoomContext {
  readonly options: Readonly<RTChatClientOptions>;
  /** Whether the client was disconnected. */
  readonly closed: boolean;
  /** Dispatches an event on the client. */
  emit(event: Event): void;
  /** Reports dropped input as a `drop` event, once per source, reason and sender a minute. */
  drop(source: 'signaling' | 'channel', reason: DropReason, detail: string, sender: string | null): void;
  /** Reports a failure as an `error` event. */
  error(e: unknown): void;
}
