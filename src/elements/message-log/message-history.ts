/**
 * What `<rt-message-log>` shows, as plain data: chat lines (ours and others') and system
 * lines, oldest first, at most `limit` of them so a long chat keeps memory bounded.
 * System lines keep what happened, not a sentence, so they follow the current strings.
 */

/** A chat message, ours (`own`) or a peer's. */
export interface ChatLine {
  kind: 'message';
  /** Unique within the history (React-style key for rendering). */
  key: string;
  /** The message id (acknowledgements refer to it). */
  id: string;
  own: boolean;
  /** The sender's label at the time ("Alice (2)"); empty for our own. */
  sender: string;
  text: string;
  /** When we sent or received it (our clock), ms since 1970. */
  time: number;
  /** A direct message: to us only, or (own) to `to` only. */
  direct: boolean;
  /** Label of the one recipient of our direct message. */
  to?: string;
  /** Own messages: how many identities it is for (0: nobody received it). */
  recipients: number;
  /** Own messages: every recipient acknowledged it. */
  complete: boolean;
}

/** Something that happened in the room. */
export interface SystemLine {
  kind: 'system';
  key: string;
  what: 'joined' | 'left' | 'verified' | 'key-changed' | 'verification-failed' | 'rejoined';
  /** The peer's label, when about a peer. */
  name: string;
  /** Why verification failed. */
  reason?: string;
  time: number;
}

export type LogLine = ChatLine | SystemLine;

/** The delivery state of our own message. */
export type DeliveryState = 'nobody' | 'sent' | 'delivered';

export const deliveryOf = (line: ChatLine): DeliveryState => (line.recipients === 0 ? 'nobody' : line.complete ? 'delivered' : 'sent');

export class MessageHistory {
  private entries: LogLine[] = [];
  private readonly messages = new Map<string, ChatLine>();
  private seq = 0;

  /** @param limit the most lines kept; older ones are dropped first */
  constructor(public limit = 500) {}

  /** Every line kept, oldest first. */
  get lines(): readonly LogLine[] {
    return this.entries;
  }

  /** Whether the message with this id is kept. */
  has(id: string): boolean {
    return this.messages.has(id);
  }

  /** Adds a message, unless one with its id is kept already. */
  addMessage(message: Omit<ChatLine, 'kind' | 'key'>): void {
    if (this.messages.has(message.id)) return;
    const line: ChatLine = { ...message, kind: 'message', key: `m${this.seq++}` };
    this.messages.set(line.id, line);
    this.push(line);
  }

  addSystem(what: SystemLine['what'], name = '', reason?: string, time = Date.now()): void {
    this.push({ kind: 'system', key: `s${this.seq++}`, what, name, time, ...(reason ? { reason } : {}) });
  }

  /** Records that every recipient acknowledged our message `id`. */
  markDelivered(id: string): void {
    const line = this.messages.get(id);
    if (line) line.complete = true;
  }

  clear(): void {
    this.entries = [];
    this.messages.clear();
  }

  /** Applies a new limit at once. */
  trim(): void {
    const excess = this.entries.length - Math.max(1, this.limit);
    if (excess <= 0) return;
    for (const line of this.entries.splice(0, excess)) if (line.kind === 'message') this.messages.delete(line.id);
  }

  private push(line: LogLine): void {
    this.entries.push(line);
    this.trim();
  }
}
