/**
 * The file transfers of one peer connection, both directions (see file-transfer.ts for
 * the protocol). Owned by a Peer; it talks through the Peer's chat channel and opens one
 * data channel per accepted file.
 */
import type { DropReason } from '../drop-reasons.js';
import { verifySignature } from '../identity/identity.js';
import { fromBase64Url, toBase64Url } from '../util/bytes.js';
import type { Frame } from './frames.js';
import { passiveType, safeFileName } from './file-names.js';
import { FileSink, FileTransfer, fileOfferBytes, streamBlob, type FileFailure, type FileMeta } from './file-transfer.js';

/** What PeerFiles needs from its Peer and client. */
export interface FilesHost {
  readonly roomTopic: string;
  readonly peerId: string;
  readonly peerKey: Uint8Array;
  readonly maxFileBytes: number;
  readonly signer: { sign(m: Uint8Array): Promise<Uint8Array> };
  write(frame: Frame): void;
  openChannel(label: string): RTCDataChannel | null;
  onOffer(t: FileTransfer): void;
  onProgress(t: FileTransfer): void;
  onEnd(t: FileTransfer): void;
  onDrop(reason: DropReason, detail: string): void;
}

type FileFrame = Extract<Frame, { t: 'file-offer' | 'file-accept' | 'file-decline' | 'file-cancel' | 'file-done' }>;

/** How long a sender waits for the receiver's `file-done` after the last byte left. */
const CONFIRM_MS = 60_000;

/** Offers waiting for a decision, per peer: more are declined at once. */
const MAX_PENDING_OFFERS = 8;
/** Progress events at most this often. */
const PROGRESS_MS = 100;

interface Outgoing {
  transfer: FileTransfer;
  blob: Blob;
  channel?: RTCDataChannel;
}

interface Incoming {
  transfer: FileTransfer;
  meta: FileMeta;
  sink?: FileSink;
  channel?: RTCDataChannel;
}

export class PeerFiles {
  private readonly outgoing = new Map<string, Outgoing>();
  private readonly incoming = new Map<string, Incoming>();
  /** Ids of transfers that ended, so a repeated id is still recognised once their records are gone. */
  private readonly ended = new Set<string>();
  private readonly lastProgress = new Map<string, number>();
  private readonly control = {
    accept: (t: FileTransfer) => this.accept(t),
    decline: (t: FileTransfer) => this.decline(t),
    cancel: (t: FileTransfer) => this.cancel(t, true),
  };

  constructor(private readonly host: FilesHost) {}

  /** Offers `blob` (already hashed: `hash`). */
  async offer(id: string, blob: Blob, name: string, type: string, hash: string): Promise<FileTransfer> {
    const meta: FileMeta = { id, name: safeFileName(name), type: passiveType(type), size: blob.size, hash };
    const transfer = new FileTransfer(id, 'send', this.host.peerId, meta.name, meta.type, meta.size, this.control, 'offered');
    this.outgoing.set(id, { transfer, blob });
    const sig = await this.host.signer.sign(fileOfferBytes(this.host.roomTopic, meta));
    this.host.write({ t: 'file-offer', ...meta, sig: toBase64Url(sig) });
    return transfer;
  }

  async onFrame(f: FileFrame): Promise<void> {
    switch (f.t) {
      case 'file-offer':
        return this.onOffer(f);
      case 'file-accept': {
        const o = this.outgoing.get(f.id);
        if (!o || o.transfer.state !== 'offered') return this.host.onDrop('malformed', 'accept for no offer');
        // Not awaited: the chat channel's frames (a cancel among them) must keep flowing meanwhile.
        void this.send(o);
        return;
      }
      case 'file-decline': {
        const o = this.outgoing.get(f.id);
        if (!o || o.transfer.state !== 'offered') return;
        return this.end(o.transfer, 'declined');
      }
      case 'file-done': {
        const o = this.outgoing.get(f.id);
        if (o?.transfer.state === 'transferring') this.end(o.transfer, 'done');
        return;
      }
      case 'file-cancel': {
        const t = this.outgoing.get(f.id)?.transfer ?? this.incoming.get(f.id)?.transfer;
        if (t) this.cancel(t, false);
        return;
      }
    }
  }

  /** A data channel the peer opened: it must belong to a file we accepted. */
  onChannel(channel: RTCDataChannel): void {
    const id = channel.label.startsWith('f:') ? channel.label.slice(2) : '';
    const i = this.incoming.get(id);
    if (!i || i.transfer.state !== 'transferring' || i.channel) {
      this.host.onDrop('malformed', `unexpected data channel ${channel.label.slice(0, 40)}`);
      channel.close();
      return;
    }
    i.channel = channel;
    const sink = new FileSink(i.meta);
    i.sink = sink;
    channel.binaryType = 'arraybuffer';
    channel.onmessage = (e) => {
      if (i.transfer.state !== 'transferring') return;
      try {
        sink.add(e.data);
      } catch (err) {
        this.host.onDrop('malformed', `file ${id}: ${err instanceof Error ? err.message : err}`);
        return this.fail(i.transfer, 'channel', true);
      }
      i.transfer.bytes = sink.bytes;
      this.progress(i.transfer);
      // A progress listener may have cancelled the transfer (and freed the sink).
      if (i.transfer.state === 'transferring' && i.sink?.complete) this.complete(i);
    };
    channel.onclose = () => {
      if (i.transfer.state === 'transferring') this.fail(i.transfer, 'channel', false);
    };
    // An empty file is complete as soon as its channel opens.
    if (i.meta.size === 0) this.complete(i);
  }

  /** The connection is gone: every transfer under way ends. */
  closeAll(): void {
    for (const { transfer } of [...this.outgoing.values(), ...this.incoming.values()]) {
      if (transfer.state === 'offered' || transfer.state === 'transferring' || transfer.state === 'hashing') this.fail(transfer, 'peer-gone', false);
    }
  }

  private async onOffer(f: Extract<Frame, { t: 'file-offer' }>): Promise<void> {
    if (this.incoming.has(f.id) || this.outgoing.has(f.id) || this.ended.has(f.id)) return this.host.onDrop('malformed', 'repeated file id');
    const meta: FileMeta = { id: f.id, name: safeFileName(f.name), type: passiveType(f.type), size: f.size, hash: f.hash };
    // The signature covers what was sent; the names we show are the cleaned ones.
    const signed = fileOfferBytes(this.host.roomTopic, { ...meta, name: f.name, type: f.type });
    if (!(await verifySignature(this.host.peerKey, signed, fromBase64Url(f.sig)))) return this.host.onDrop('bad-signature', `file offer ${f.id}`);
    const pending = [...this.incoming.values()].filter((i) => i.transfer.state === 'offered').length;
    if (f.size > this.host.maxFileBytes || pending >= MAX_PENDING_OFFERS) {
      this.host.write({ t: 'file-decline', id: f.id });
      return this.host.onDrop('too-large', f.size > this.host.maxFileBytes ? `file of ${f.size} bytes over the limit` : 'too many file offers');
    }
    const transfer = new FileTransfer(f.id, 'receive', this.host.peerId, meta.name, meta.type, meta.size, this.control, 'offered');
    this.incoming.set(f.id, { transfer, meta });
    this.host.onOffer(transfer);
  }

  private accept(t: FileTransfer): void {
    t.state = 'transferring';
    this.host.write({ t: 'file-accept', id: t.id });
  }

  private decline(t: FileTransfer): void {
    this.host.write({ t: 'file-decline', id: t.id });
    this.end(t, 'declined');
  }

  private async send(o: Outgoing): Promise<void> {
    const t = o.transfer;
    const channel = this.host.openChannel(`f:${t.id}`);
    if (!channel) return this.fail(t, 'peer-gone', false);
    o.channel = channel;
    t.state = 'transferring';
    try {
      await new Promise<void>((resolve, reject) => {
        if (channel.readyState === 'open') return resolve();
        channel.onopen = () => resolve();
        channel.onclose = () => reject(new Error('channel closed'));
      });
      channel.onclose = null;
      await streamBlob(
        channel,
        o.blob,
        () => t.state !== 'transferring',
        (bytes) => {
          t.bytes = bytes;
          this.progress(t);
        },
      );
      if (t.state !== 'transferring') return;
      // Done only when the receiver says the file arrived whole and matched its hash
      // (file-done); it closes the channel. Closing it here could cut the last chunks.
      setTimeout(() => t.state === 'transferring' && this.fail(t, 'channel', true), CONFIRM_MS);
    } catch {
      if (t.state === 'transferring') this.fail(t, 'channel', false);
    }
  }

  private complete(i: Incoming): void {
    const file = i.sink?.finish() ?? null;
    if (!file) {
      this.host.onDrop('integrity', `file ${i.meta.id} does not match its signed hash`);
      return this.fail(i.transfer, 'integrity', true);
    }
    i.transfer.file = file;
    this.host.write({ t: 'file-done', id: i.meta.id });
    this.end(i.transfer, 'done');
  }

  private cancel(t: FileTransfer, tellPeer: boolean): void {
    if (tellPeer) this.host.write({ t: 'file-cancel', id: t.id });
    this.end(t, 'cancelled');
  }

  private fail(t: FileTransfer, failure: FileFailure, tellPeer: boolean): void {
    if (tellPeer) this.host.write({ t: 'file-cancel', id: t.id });
    t.failure = failure;
    this.end(t, 'failed');
  }

  private progress(t: FileTransfer): void {
    const now = performance.now();
    if (t.bytes !== t.size && now - (this.lastProgress.get(t.id) ?? 0) < PROGRESS_MS) return;
    this.lastProgress.set(t.id, now);
    this.host.onProgress(t);
  }

  /** Final state: free everything held for the transfer. */
  private end(t: FileTransfer, state: 'done' | 'declined' | 'cancelled' | 'failed'): void {
    if (t.state === 'done' || t.state === 'declined' || t.state === 'cancelled' || t.state === 'failed') return;
    t.state = state;
    const held = t.direction === 'send' ? this.outgoing.get(t.id) : this.incoming.get(t.id);
    const channel = held?.channel;
    // A receiver that finishes or cancels leaves closing to the sender, so the sender reads
    // file-done or file-cancel (on the chat channel) before its file channel closes; the
    // receiver closes it later regardless.
    if (channel && t.direction === 'receive' && (state === 'cancelled' || state === 'done')) setTimeout(() => channel.close(), 3000);
    else channel?.close();
    if (held && 'blob' in held) (held as { blob: Blob | null }).blob = null;
    if (held && 'sink' in held) delete (held as Incoming).sink;
    this.lastProgress.delete(t.id);
    this.host.onEnd(t);
    // Only the id stays (so repeats are recognised): a received File is the page's to keep or drop.
    this.outgoing.delete(t.id);
    this.incoming.delete(t.id);
    this.ended.add(t.id);
  }
}
