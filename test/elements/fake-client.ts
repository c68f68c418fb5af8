/**
 * A stand-in for RTChatClient with the surface the elements read (peers, requests, name,
 * state, brokers, events), so single-element tests can put the list and log into any
 * state quickly. The real client is exercised by the two-browser tests.
 */
import type { ChatRecord } from '../../src/core/delivery/history.js';
import { ConnectionRequestEvent, ReactionEvent, RequestChangeEvent } from '../../src/core/events/index.js';
import { ConnectionRequest } from '../../src/core/room/connection-request.js';
import { FileTransfer, type FileState } from '../../src/core/peer/file-transfer.js';
import { isEmoji } from '../../src/core/peer/frames.js';
import type { KnockState, NameWarning, Peer, PeerState, TrustStatus } from '../../src/core/peer/peer.js';
import { toBase64Url } from '../../src/core/util/bytes.js';
import type { ChatClient } from '../../src/elements/context.js';

export interface FakePeerInit {
  id?: string;
  name: string;
  tab?: number;
  state?: PeerState;
  trust?: TrustStatus | null;
  safetyCode?: string | null;
  /** Our knock at its door (we are the newcomer). */
  knock?: KnockState | null;
  /** Another tab of our own identity. */
  ownTab?: boolean;
  nameWarning?: NameWarning | null;
}

let next = 1;

/** A peer-shaped object (what the elements read of a Peer). */
export function fakePeer(init: FakePeerInit): Peer {
  const peer = {
    id: init.id ?? `peer-${next}`,
    key: `key-${next++}`,
    name: init.name,
    tab: init.tab ?? 1,
    state: init.state ?? 'verified',
    trust: init.trust ?? (init.state && init.state !== 'verified' ? null : 'pinned'),
    safetyCode: init.safetyCode ?? (init.state && init.state !== 'verified' ? null : '12345 67890 13579 24680 11223 34455'),
    knock: init.knock ?? null,
    ownTab: init.ownTab ?? false,
    nameWarning: init.nameWarning ?? null,
    get label() {
      return this.tab > 1 ? `${this.name} (${this.tab})` : this.name;
    },
    get verified() {
      return this.state === 'verified';
    },
    /** Texts sent to this peer alone (`sentTo` reads them). */
    sent: [] as string[],
    send(text: string) {
      this.sent.push(text);
      return `direct-${next++}`;
    },
  };
  return peer as unknown as Peer;
}

/** The direct messages a fake peer was sent, in order. */
export const sentTo = (peer: Peer): string[] => (peer as unknown as { sent: string[] }).sent;

/** A real FileTransfer whose buttons only record what was asked and change its state. */
export function fakeTransfer(init: { id?: string; direction?: 'send' | 'receive'; peer: Peer; name: string; type?: string; size: number; state?: FileState }) {
  const asked: string[] = [];
  const control = {
    accept: (t: FileTransfer) => (asked.push('accept'), (t.state = 'transferring')),
    decline: (t: FileTransfer) => (asked.push('decline'), (t.state = 'declined')),
    cancel: (t: FileTransfer) => (asked.push('cancel'), (t.state = 'cancelled')),
  };
  const transfer = new FileTransfer(
    init.id ?? `file-${next++}`,
    init.direction ?? 'receive',
    init.peer.id,
    init.name,
    init.type ?? 'application/octet-stream',
    init.size,
    control,
    init.state ?? 'offered',
  );
  return { transfer, asked };
}

export class FakeClient extends EventTarget {
  name = 'Me';
  /** Our peer id: set, as on a client that joined (its stored conversation is there). */
  id: string | null = 'me';
  /** Our identity key: 32 bytes of 7. */
  publicKey = new Uint8Array(32).fill(7);
  state = 'connected';
  peers: Peer[] = [];
  history: ChatRecord[] = [];
  brokers = [{ url: 'ws://fake', state: 'connected', since: 0 }];
  private readonly pending = new Map<Peer, ConnectionRequest>();
  /** Knocks answered "Not now", as the client keeps them (`accept()` lets one in). */
  private readonly turnedDown = new Map<Peer, ConnectionRequest>();
  /** Decisions taken through request events, in order. */
  readonly decisions: { peer: Peer; accepted: boolean }[] = [];
  /** Messages broadcast to the room, in order. */
  readonly broadcasts: string[] = [];
  /** Files offered: their names and the one peer they went to (null: everyone verified). */
  readonly filesSent: { name: string; to: Peer | null }[] = [];
  /** Files over this size are refused as the client refuses them (RangeError). */
  maxFileSize = 1024 * 1024;
  /** How often `typing()` was called. */
  typings = 0;

  /** Our key as reactions name it. */
  get ownKey(): string {
    return toBase64Url(this.publicKey);
  }

  broadcast(text: string): string {
    this.broadcasts.push(text);
    return `message-${next++}`;
  }

  typing(): void {
    this.typings++;
  }

  /** Records the offer; no transfer starts. */
  async sendFile(file: File, options: { to?: Peer } = {}): Promise<FileTransfer[]> {
    if (file.size > this.maxFileSize) throw new RangeError(`file of ${file.size} bytes is over the limit`);
    this.filesSent.push({ name: file.name, to: options.to ?? null });
    return [];
  }

  getPeer(id: string): Peer | undefined {
    return this.peers.find((p) => p.id === id);
  }

  /** Like the client: checks the emoji, then reports our own reaction. */
  react(messageId: string, emoji: string, on = true): void {
    if (!isEmoji(emoji)) throw new TypeError('a reaction is one emoji');
    this.dispatchEvent(new ReactionEvent({ peer: null, messageId, emoji, on }));
  }

  get requests(): ConnectionRequest[] {
    return [...this.pending.values()];
  }

  get notNow(): ConnectionRequest[] {
    return [...this.turnedDown.values()];
  }

  /**
   * Dispatches a connection request like the client does; the decision is recorded. A knock
   * (`initiator`) answered "Not now" is kept in `notNow`; its `accept()` lets the peer in
   * (state `connecting`), as a new session would be.
   */
  request(peer: Peer, initiator = false, trusted = false, warning: NameWarning | null = null): ConnectionRequestEvent {
    const request = new ConnectionRequest(
      { peer, initiator, trusted, warning },
      (r, state) => {
        if (!this.pending.delete(peer)) return;
        this.decisions.push({ peer, accepted: state === 'accepted' });
        (peer as { state: PeerState }).state = state === 'accepted' ? 'connecting' : 'declined';
        if (state !== 'rejected' || !initiator) return;
        this.turnedDown.set(peer, r);
        r.keepForLater(() => {
          this.turnedDown.delete(peer);
          this.decisions.push({ peer, accepted: true });
          (peer as { state: PeerState }).state = 'connecting';
          return true;
        });
      },
      (changed) => this.dispatchEvent(new RequestChangeEvent({ request: changed })),
    );
    this.pending.set(peer, request);
    const event = new ConnectionRequestEvent({ request });
    this.dispatchEvent(event);
    return event;
  }

  /** This object typed as the client the elements accept. */
  get asClient(): ChatClient {
    return this as unknown as ChatClient;
  }
}
