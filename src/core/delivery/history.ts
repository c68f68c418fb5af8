/**
 * A room's recent conversation, kept in IndexedDB so a reload shows it again. Bounded
 * (oldest dropped first) and clearable. Received ids double as the duplicate filter: a
 * message re-sent after a lost acknowledgement is recognised even across a reload.
 */
import type { KvStore } from '../identity/kv-store.js';

/** One chat message as the history keeps it. */
export interface ChatRecord {
  id: string;
  /** Sender, or null for our own messages. */
  from: { key: string; tab: number; name: string } | null;
  /** For direct messages: the other side (recipient of ours, or null when it was sent to us). */
  to: { key: string; tab: number; name: string } | null;
  direct: boolean;
  text: string;
  /** Sender's clock (ms since 1970). */
  sentAt: number;
  /** Identities that acknowledged our message (empty for received ones). */
  deliveredTo: string[];
  /** Identities it was sent to (ours only). */
  sentTo: string[];
  /** Reactions: emoji → keys of who reacted (our own key included). */
  reactions?: Record<string, string[]>;
  /**
   * Room messages: the author's signature (base64url) over the message with the name it was
   * written under (history/signed-message.ts); what lets it be passed on to late joiners.
   */
  signed?: SignedPart;
  /** Set when it came through shared history, not from its author: key (base64url) of the peer that passed it on. */
  sharedBy?: string;
}

/** What an author signed besides a record's own fields. */
export interface SignedPart {
  sig: string;
  /** The author's name as signed. */
  name: string;
  /** The author asked that it not be passed on. */
  noForward?: boolean;
}

export const HISTORY_LIMIT = 500;

/** Ids are chosen by senders: another peer reusing an id must not hide the real message. */
const idKey = (id: string, fromKey: string | null) => `${fromKey ?? ''}|${id}`;

/** Whether a stored record has the fields the methods here use (else all(), delivered() or react() would throw). */
const usable = (r: ChatRecord | null | undefined): boolean =>
  !!r &&
  typeof r.id === 'string' &&
  typeof r.text === 'string' &&
  Array.isArray(r.deliveredTo) &&
  Array.isArray(r.sentTo) &&
  (r.signed === undefined || (typeof r.signed === 'object' && r.signed !== null && typeof r.signed.sig === 'string' && typeof r.signed.name === 'string')) &&
  (r.reactions === undefined || (typeof r.reactions === 'object' && r.reactions !== null && Object.values(r.reactions).every(Array.isArray)));

export class ChatHistory {
  private readonly records: ChatRecord[] = [];
  private readonly ids = new Set<string>();
  private writing: Promise<void> | null = null;
  private dirty = false;

  private constructor(
    private readonly kv: KvStore | null,
    private readonly key: string,
    private readonly limit: number,
  ) {}

  /** Loads the history of `roomTopic`; with `kv` null it lives in memory only. */
  static async open(kv: KvStore | null, roomTopic: string, limit = HISTORY_LIMIT): Promise<ChatHistory> {
    const h = new ChatHistory(kv, `history:${roomTopic}`, limit);
    const stored = kv ? await kv.get<ChatRecord[]>(h.key).catch(() => undefined) : undefined;
    // Stored data is ours, but a damaged or foreign value must not break the client.
    if (Array.isArray(stored)) {
      for (const r of stored.slice(-limit)) {
        if (usable(r)) {
          h.records.push(r);
          h.ids.add(idKey(r.id, r.from?.key ?? null));
        }
      }
    }
    return h;
  }

  /** Oldest first (a copy). */
  all(): ChatRecord[] {
    return this.records.map((r) => ({
      ...r,
      deliveredTo: [...r.deliveredTo],
      sentTo: [...r.sentTo],
      reactions: Object.fromEntries(Object.entries(r.reactions ?? {}).map(([e, keys]) => [e, [...keys]])),
      ...(r.signed ? { signed: { ...r.signed } } : {}),
    }));
  }

  /** Whether a message with this id from this sender (null: ours) is kept. */
  has(id: string, fromKey: string | null = null): boolean {
    return this.ids.has(idKey(id, fromKey));
  }

  add(record: ChatRecord): void {
    this.insert(record, this.records.length);
  }

  /**
   * Adds a message that came late (shared history) where its time puts it, not at the end:
   * after every kept message written at or before it.
   * @returns false when it was kept already
   */
  addByTime(record: ChatRecord): boolean {
    let at = this.records.length;
    while (at > 0 && this.records[at - 1].sentAt > record.sentAt) at--;
    // Older than everything kept while the history is full: it would be dropped at once.
    if (at === 0 && this.records.length >= this.limit) return false;
    return this.insert(record, at);
  }

  /** Attaches the author's signature to a kept message (ours: `fromKey` null); false when unknown. */
  sign(id: string, fromKey: string | null, signed: SignedPart): boolean {
    const r = this.records.find((x) => x.id === id && (x.from?.key ?? null) === fromKey);
    if (!r) return false;
    r.signed = signed;
    this.save();
    return true;
  }

  private insert(record: ChatRecord, at: number): boolean {
    const key = idKey(record.id, record.from?.key ?? null);
    if (this.ids.has(key)) return false;
    this.records.splice(at, 0, record);
    this.ids.add(key);
    while (this.records.length > this.limit) {
      const old = this.records.shift() as ChatRecord;
      this.ids.delete(idKey(old.id, old.from?.key ?? null));
    }
    this.save();
    return true;
  }

  /** Notes that `key` acknowledged our message `id`; false when unknown or already noted. */
  delivered(id: string, key: string): boolean {
    const r = this.records.find((x) => x.id === id && x.from === null);
    if (!r || r.deliveredTo.includes(key)) return false;
    r.deliveredTo.push(key);
    this.save();
    return true;
  }

  /**
   * Adds or removes `key`'s `emoji` on message `id`; false when the message is unknown or
   * nothing changed. A reaction names only an id, which a peer may have copied from another's
   * message: it goes to ours with that id, else to the earliest (the original; the
   * elements' message-history.ts says why).
   */
  react(id: string, key: string, emoji: string, on: boolean): boolean {
    const r = this.records.find((x) => x.id === id && x.from === null) ?? this.records.find((x) => x.id === id);
    if (!r) return false;
    const reactions = (r.reactions ??= {});
    const who = reactions[emoji] ?? [];
    if (on === who.includes(key)) return false;
    if (on && Object.keys(reactions).length >= 32 && !reactions[emoji]) return false; // bounded per message
    const next = on ? [...who, key] : who.filter((k) => k !== key);
    if (next.length) reactions[emoji] = next;
    else Reflect.deleteProperty(reactions, emoji);
    this.save();
    return true;
  }

  async clear(): Promise<void> {
    this.records.length = 0;
    this.ids.clear();
    await this.flush();
    await this.kv?.delete(this.key);
  }

  /**
   * Writes at once (a reload right after a message must not lose it); changes made while a
   * write is under way are written together right after it.
   */
  private save(): void {
    if (!this.kv) return;
    if (this.writing) {
      this.dirty = true;
      return;
    }
    const kv = this.kv;
    this.writing = kv
      .set(this.key, this.records)
      .catch(() => {
        // Storage full or gone: the conversation stays in memory for this page.
      })
      .then(() => {
        this.writing = null;
        if (this.dirty) {
          this.dirty = false;
          this.save();
        }
      });
  }

  /** Resolves when everything is written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }
}
