/**
 * MQTTRTCClient: the classic callback API of the original RTChat (`on(event, handler)`),
 * as a thin facade over RTChatClient. Peers are named by their label ("Alice", "Alice (2)").
 */
import { RTChatClient, type RTChatClientOptions } from './client.js';
import type { Peer } from './peer/peer.js';

/** What the classic handlers receive about a peer besides its label. */
export interface PeerInfo {
  id: string;
  name: string;
  /** Ed25519 public key, base64url. */
  publicKey: string;
  /** Whether our trust store already holds this key. */
  trusted?: boolean;
  /** For connectionrequest: true when we would offer. */
  initiator?: boolean;
}

/** Handlers by event name. */
export interface MQTTRTCHandlers {
  /** Decide whether to connect; resolve true to accept. Without a handler every peer is accepted, as in the original. */
  connectionrequest: (user: string, info: PeerInfo) => boolean | Promise<boolean>;
  /** A peer is connected and its identity verified. */
  connectedtopeer: (user: string, info: PeerInfo) => void;
  disconnectedfrompeer: (user: string, info: PeerInfo & { reason: string }) => void;
  /** A room message. */
  chat: (message: string, sender: string) => void;
  /** A direct message. */
  dm: (message: string, sender: string) => void;
  /** Return (or resolve) the answer to a peer's question. */
  question: (question: unknown, sender: string) => unknown;
  /** The answer to one of our `getPeer(user).ask()` calls arrived. */
  answer: (answer: unknown, question: unknown, sender: string) => void;
  verificationfailed: (user: string, reason: string) => void;
  namechange: (user: string | null, name: string, previous: string) => void;
  error: (error: Error) => void;
}

export type MQTTRTCEvent = keyof MQTTRTCHandlers;

/** A peer as the classic API shows it. */
export interface MQTTRTCPeer {
  readonly user: string;
  readonly peer: Peer;
  /** Asks the peer; resolves with its answer (also reported to `answer` handlers). */
  ask(question: unknown, options?: { timeout?: number }): Promise<unknown>;
  /** Sends a direct message. */
  send(text: string): string;
}

const info = (p: Peer): PeerInfo => ({ id: p.id, name: p.name, publicKey: p.key });

/**
 * @example
 * const rtc = new MQTTRTCClient({ name: 'Alice', room: 'lobby' });
 * rtc.on('connectionrequest', async (user) => confirm(`Chat with ${user}?`));
 * rtc.on('chat', (message, sender) => console.log(sender, message));
 * rtc.on('question', (q) => (q === 'time?' ? Date.now() : undefined));
 */
export class MQTTRTCClient {
  /** The RTChatClient underneath, for everything the classic API does not cover. */
  readonly client: RTChatClient;
  private readonly handlers = new Map<MQTTRTCEvent, Set<(...args: any[]) => unknown>>();

  /**
   * Joins the room at once (handlers registered right after construction see every event)
   * unless `load: false`; then call `load()`.
   */
  constructor(options: RTChatClientOptions & { load?: boolean } = {}) {
    const { load, ...rest } = options;
    this.client = new RTChatClient(rest);
    this.wire();
    if (load !== false) this.load().catch((e) => this.emit('error', e));
  }

  /** Joins the room (again a no-op once joined). */
  load(): Promise<void> {
    return this.client.connect();
  }

  on<E extends MQTTRTCEvent>(event: E, handler: MQTTRTCHandlers[E]): this {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return this;
  }

  off<E extends MQTTRTCEvent>(event: E, handler: MQTTRTCHandlers[E]): this {
    this.handlers.get(event)?.delete(handler);
    return this;
  }

  /** Our display name. */
  get name(): string {
    return this.client.name;
  }

  changeName(name: string): Promise<void> {
    return this.client.setName(name);
  }

  /** Labels of verified peers. */
  get connectedUsers(): string[] {
    return this.client.peers.filter((p) => p.verified).map((p) => p.label);
  }

  /** A verified peer by label, name or id. */
  getPeer(user: string): MQTTRTCPeer | undefined {
    const peer = this.client.getPeer(user);
    if (!peer?.verified) return undefined;
    return {
      user: peer.label,
      peer,
      ask: async (question, options) => {
        const answer = await peer.ask(question, options);
        this.emit('answer', answer, question, peer.label);
        return answer;
      },
      send: (text) => peer.send(text),
    };
  }

  /** Sends a room message to every verified peer. */
  sendChat(text: string): string {
    return this.client.broadcast(text);
  }

  disconnect(): Promise<void> {
    return this.client.disconnect();
  }

  private emit(event: MQTTRTCEvent, ...args: unknown[]): unknown[] {
    const results: unknown[] = [];
    for (const h of this.handlers.get(event) ?? []) {
      try {
        results.push(h(...args));
      } catch (e) {
        // One broken handler must not stop the others (nor the client).
        if (event !== 'error') this.emit('error', e instanceof Error ? e : new Error(String(e)));
      }
    }
    return results;
  }

  private wire(): void {
    const c = this.client;
    c.addEventListener('connectionrequest', (e) => {
      if (!this.handlers.get('connectionrequest')?.size) return e.accept();
      e.preventDefault();
      const votes = this.emit('connectionrequest', e.peer.label, { ...info(e.peer), trusted: e.trusted, initiator: e.initiator });
      Promise.all(votes).then(
        (v) => (v.every(Boolean) ? e.accept() : e.reject()),
        () => e.reject(),
      );
    });
    c.addEventListener('verified', (e) => this.emit('connectedtopeer', e.peer.label, info(e.peer)));
    c.addEventListener('peerdisconnected', (e) => this.emit('disconnectedfrompeer', e.peer.label, { ...info(e.peer), reason: e.reason }));
    c.addEventListener('chatmessage', (e) => this.emit(e.direct ? 'dm' : 'chat', e.text, e.peer.label));
    c.addEventListener('question', (e) => {
      const answers = this.emit('question', e.question, e.peer.label);
      if (answers.length) e.respondWith(Promise.all(answers).then((all) => all.find((a) => a !== undefined) ?? null));
    });
    c.addEventListener('verificationfailed', (e) => this.emit('verificationfailed', e.peer.label, e.reason));
    c.addEventListener('namechange', (e) => this.emit('namechange', e.peer?.label ?? null, e.name, e.previous));
    c.addEventListener('error', (e) => this.emit('error', e.error));
  }
}
