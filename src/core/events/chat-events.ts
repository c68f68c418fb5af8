/** Events about the conversation: messages, deliveries, reactions, typing, questions. */
import type { ChatRecord } from '../delivery/history.js';
import type { Peer } from '../peer/peer.js';

/** A chat message from a verified peer. */
export class ChatMessageEvent extends Event {
  static readonly type = 'chatmessage';
  readonly peer: Peer;
  readonly id: string;
  /** Plain text: never interpret it as HTML. */
  readonly text: string;
  /** Sender's clock, ms since 1970. */
  readonly sentAt: number;
  /** true for a direct message to us only, false for a room message. */
  readonly direct: boolean;
  constructor(init: { peer: Peer; id: string; text: string; sentAt: number; direct: boolean }, options?: EventInit) {
    super(ChatMessageEvent.type, options);
    this.peer = init.peer;
    this.id = init.id;
    this.text = init.text;
    this.sentAt = init.sentAt;
    this.direct = init.direct;
  }
}

/** We sent a chat message (to the room, or directly to `to`). */
export class ChatSentEvent extends Event {
  static readonly type = 'chatsent';
  /** The message as the history keeps it: `sentTo` lists the identities that owe an acknowledgement. */
  readonly record: ChatRecord;
  /** The peer of a direct message, or null for the room. */
  readonly to: Peer | null;
  constructor(init: { record: ChatRecord; to: Peer | null }, options?: EventInit) {
    super(ChatSentEvent.type, options);
    this.record = init.record;
    this.to = init.to;
  }

  get id(): string {
    return this.record.id;
  }

  get text(): string {
    return this.record.text;
  }

  get sentAt(): number {
    return this.record.sentAt;
  }

  /** Keys (base64url) of the identities it is for, including peers away for now. */
  get recipients(): string[] {
    return this.record.sentTo;
  }
}

/** A verified peer acknowledged one of our messages (once per message and identity). */
export class DeliveredEvent extends Event {
  static readonly type = 'delivered';
  readonly peer: Peer;
  readonly id: string;
  /** true once every identity it was sent to has acknowledged it. */
  readonly complete: boolean;
  constructor(init: { peer: Peer; id: string; complete: boolean }, options?: EventInit) {
    super(DeliveredEvent.type, options);
    this.peer = init.peer;
    this.id = init.id;
    this.complete = init.complete;
  }
}

/** Where a question's answer is kept: one per question, shared by every copy of its event. */
interface AnswerSlot {
  response: Promise<unknown> | null;
}

/**
 * A verified peer asked us something (`peer.ask()` on its side). Answer with
 * `respondWith(value or promise)` during dispatch; unanswered questions get an error reply.
 */
export class QuestionEvent extends Event {
  static readonly type = 'question';
  readonly peer: Peer;
  readonly question: unknown;
  private readonly slot: AnswerSlot;
  constructor(init: { peer: Peer; question: unknown }, options?: EventInit) {
    super(QuestionEvent.type, options);
    this.peer = init.peer;
    this.question = init.question;
    // A copy made for re-dispatch answers for the original.
    this.slot = init instanceof QuestionEvent ? init.slot : { response: null };
  }

  /** The answer set with `respondWith`, or null. */
  get response(): Promise<unknown> | null {
    return this.slot.response;
  }

  /**
   * Sets the answer (JSON, at most 32 KiB); a rejected promise answers with its message as an error.
   * @throws {Error} when an answer was already set
   */
  respondWith(answer: unknown): void {
    if (this.slot.response) throw new Error('respondWith was already called');
    this.slot.response = Promise.resolve(answer);
  }
}

/** A verified peer is typing (repeated every few seconds while it types). */
export class TypingEvent extends Event {
  static readonly type = 'typing';
  readonly peer: Peer;
  constructor(init: { peer: Peer }, options?: EventInit) {
    super(TypingEvent.type, options);
    this.peer = init.peer;
  }
}

/** Someone (a peer, or we when `peer` is null) reacted to a message, or took a reaction back (`on: false`). */
export class ReactionEvent extends Event {
  static readonly type = 'reaction';
  readonly peer: Peer | null;
  readonly messageId: string;
  readonly emoji: string;
  readonly on: boolean;
  constructor(init: { peer: Peer | null; messageId: string; emoji: string; on: boolean }, options?: EventInit) {
    super(ReactionEvent.type, options);
    this.peer = init.peer;
    this.messageId = init.messageId;
    this.emoji = init.emoji;
    this.on = init.on;
  }
}
