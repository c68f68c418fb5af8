/**
 * What `<rt-message-log>` shows, as plain data: chat lines (ours and others', with their
 * reactions), file lines (the live transfers of one file) and system lines, oldest first,
 * at most `limit` of them so a long chat keeps memory bounded. System lines keep what
 * happened, not a sentence, so they follow the current strings.
 */
import type { AuthorTrust, FileTransfer, NameWarning } from '../../core/index.js';

/** A chat message, ours (`own`) or a peer's. */
export interface ChatLine {
  kind: 'message';
  /** Unique within the history (React-style key for rendering). */
  key: string;
  /** The message id (acknowledgements refer to it). Chosen by the sender: unique per sender only. */
  id: string;
  /** The sender's identity key (base64url); null for our own. With `id` it names the message. */
  from: string | null;
  own: boolean;
  /** The sender's label at the time ("Alice (2)"); empty for our own. */
  sender: string;
  /** Set when the sender's name may mislead (as `peer.nameWarning` was when the message came). */
  warning?: NameWarning;
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
  /** Emoji → keys (base64url) of who reacted, ours included; in the order first given. */
  reactions: Record<string, string[]>;
  /**
   * Set for a message written before we were here, passed on by a peer (shared history):
   * what we know of its author's key (`never-met`: the name is only the author's claim).
   */
  earlier?: { trust: AuthorTrust };
}

/** One file, ours (to one or more peers) or a peer's (to us). */
export interface FileLine {
  kind: 'file';
  key: string;
  own: boolean;
  /** The sender's label for a peer's file; empty for our own. */
  sender: string;
  /** Cleaned by the client: no path, no control characters. Still a stranger's text. */
  name: string;
  type: string;
  size: number;
  time: number;
  /** Label of the one peer our file went to directly. */
  to?: string;
  /** The live transfers (their state and bytes change), with the other side's label. */
  transfers: { transfer: FileTransfer; peer: string }[];
}

/** Something that happened in the room. */
export interface SystemLine {
  kind: 'system';
  key: string;
  what: 'joined' | 'left' | 'verified' | 'key-changed' | 'look-alike' | 'trusted' | 'verification-failed' | 'rejoined' | 'presence';
  /** The peer's label, when about a peer. */
  name: string;
  /** Why verification failed. */
  reason?: string;
  time: number;
}

export type LogLine = ChatLine | FileLine | SystemLine;

/** The delivery state of our own message. */
export type DeliveryState = 'nobody' | 'sent' | 'delivered';

export const deliveryOf = (line: ChatLine): DeliveryState => (line.recipients === 0 ? 'nobody' : line.complete ? 'delivered' : 'sent');

export class MessageHistory {
  private entries: LogLine[] = [];
  private readonly messages = new Map<string, ChatLine>();
  private readonly files = new Map<string, FileLine>();
  /** The line where our presence began, once shared history arrived. */
  private presence: SystemLine | null = null;
  private seq = 0;

  /**
   * @param limit the most lines kept; older ones are dropped first
   * @param onDrop called with each line dropped (by the limit or `clear`)
   */
  constructor(
    public limit = 500,
    private readonly onDrop: (line: LogLine) => void = () => {},
  ) {}

  /** Every line kept, oldest first. */
  get lines(): readonly LogLine[] {
    return this.entries;
  }

  /** Whether the message with this id from this sender (null: ours) is kept. */
  has(id: string, from: string | null = null): boolean {
    return this.messages.has(idKey(id, from));
  }

  /** Adds a message, unless the same sender's message with its id is kept already. */
  addMessage(message: Omit<ChatLine, 'kind' | 'key' | 'reactions'> & { reactions?: Record<string, string[]> }): void {
    const key = idKey(message.id, message.from);
    if (this.messages.has(key)) return;
    const line: ChatLine = { ...message, reactions: copyReactions(message.reactions), kind: 'message', key: `m${this.seq++}` };
    this.messages.set(key, line);
    this.push(line);
  }

  /**
   * Adds a message that came late (shared history) where its time puts it, and the line
   * that says where our own presence began (`presenceSince`, once): what is above it was
   * passed on by others.
   */
  addEarlier(message: Omit<ChatLine, 'kind' | 'key' | 'reactions'>, presenceSince: number): void {
    const key = idKey(message.id, message.from);
    if (this.messages.has(key)) return;
    if (!this.presence) {
      this.presence = { kind: 'system', key: `s${this.seq++}`, what: 'presence', name: '', time: presenceSince };
      this.insertByTime(this.presence);
    }
    const line: ChatLine = { ...message, reactions: {}, kind: 'message', key: `m${this.seq++}` };
    this.messages.set(key, line);
    this.insertByTime(line);
  }

  /** After every line at or before its time: lines of one moment keep their order of arrival. */
  private insertByTime(line: LogLine): void {
    let at = this.entries.length;
    while (at > 0 && this.entries[at - 1].time > line.time) at--;
    this.entries.splice(at, 0, line);
    this.trim();
  }

  /**
   * The message a reaction to `id` is about. A reaction names only an id, and ids are
   * random (96 bits), so two messages share one only when a peer copied another's: the copy
   * comes from someone who saw the original, so it is the later one, and ours is always the
   * original of our ids. So: our message with that id, else the earliest kept. A copier can
   * neither take the reactions meant for the original nor lend them to its copy.
   */
  private reactionTarget(id: string): ChatLine | undefined {
    return this.messages.get(idKey(id, null)) ?? this.entries.find((l): l is ChatLine => l.kind === 'message' && l.id === id);
  }

  /** Adds or removes `who`'s `emoji` on the message a reaction to `id` is about (a message not kept is ignored). */
  react(id: string, who: string, emoji: string, on: boolean): void {
    const line = this.reactionTarget(id);
    if (!line) return;
    const keys = line.reactions[emoji] ?? [];
    if (on === keys.includes(who)) return;
    const next = on ? [...keys, who] : keys.filter((k) => k !== who);
    if (next.length) line.reactions = { ...line.reactions, [emoji]: next };
    else line.reactions = Object.fromEntries(Object.entries(line.reactions).filter(([e]) => e !== emoji));
  }

  /**
   * Adds `transfer` to the line of its file, making the line if needed. Our file to several
   * peers is one line (its transfers share the id); a peer's file is its own line.
   * @param sender the other side's label (the recipient of ours, the sender of theirs)
   */
  addTransfer(transfer: FileTransfer, sender: string, to?: string): FileLine {
    const own = transfer.direction === 'send';
    const fileKey = own ? `own:${transfer.id}` : `${transfer.peerId}:${transfer.id}`;
    let line = this.files.get(fileKey);
    if (!line) {
      line = {
        kind: 'file',
        key: `f${this.seq++}`,
        own,
        sender: own ? '' : sender,
        name: transfer.name,
        type: transfer.type,
        size: transfer.size,
        time: Date.now(),
        transfers: [],
        ...(to ? { to } : {}),
      };
      this.files.set(fileKey, line);
      this.push(line);
    }
    if (!line.transfers.some((t) => t.transfer === transfer)) line.transfers = [...line.transfers, { transfer, peer: sender }];
    return line;
  }

  addSystem(what: SystemLine['what'], name = '', reason?: string, time = Date.now()): void {
    this.push({ kind: 'system', key: `s${this.seq++}`, what, name, time, ...(reason ? { reason } : {}) });
  }

  /** Records that every recipient acknowledged our message `id` (only ours are acknowledged to us). */
  markDelivered(id: string): void {
    const line = this.messages.get(idKey(id, null));
    if (line) line.complete = true;
  }

  clear(): void {
    const dropped = this.entries;
    this.entries = [];
    this.presence = null;
    this.messages.clear();
    this.files.clear();
    for (const line of dropped) this.onDrop(line);
  }

  /** Applies a new limit at once. */
  trim(): void {
    const excess = this.entries.length - Math.max(1, this.limit);
    if (excess <= 0) return;
    for (const line of this.entries.splice(0, excess)) {
      if (line.kind === 'message') this.messages.delete(idKey(line.id, line.from));
      if (line.kind === 'file') for (const [k, l] of this.files) if (l === line) this.files.delete(k);
      this.onDrop(line);
    }
  }

  private push(line: LogLine): void {
    this.entries.push(line);
    this.trim();
  }
}

/** Ids are chosen by senders: a peer reusing another's id must not hide that message (as core history.ts). */
const idKey = (id: string, from: string | null) => `${from ?? ''}|${id}`;

const copyReactions = (r: Record<string, string[]> | undefined): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(r ?? {})
      .filter(([, keys]) => Array.isArray(keys) && keys.length)
      .map(([e, keys]) => [e, [...keys]]),
  );
