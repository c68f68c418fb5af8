import { expect } from '@open-wc/testing';
import { testOptions } from '../harness/rooms.js';
import { closePeers, openPeer, peerEval } from '../harness/peer.js';
import { count, startRecorded, type FileDecision, type Seen } from '../harness/recorder.js';

// Files, typing and reactions between two browser contexts, over real data channels.

const opts = (topic: string, name: string) => testOptions(topic, { name });

const hex = async (blob: Blob) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join('');

describe('files, typing and reactions', function () {
  this.timeout(90_000);
  let local: Awaited<ReturnType<typeof startRecorded>> | undefined;
  afterEach(async () => {
    await local?.client.disconnect();
    local = undefined;
    await closePeers();
  });

  /** Us (receiving, with `decision`) and a sender in another browser context. */
  async function pair(decision: FileDecision = 'accept') {
    const topic = `files-${crypto.randomUUID()}`;
    local = await startRecorded(opts(topic, 'Receiver'), 'accept', undefined, decision);
    const page = await openPeer('new-context');
    const id = await peerEval(
      page,
      async (o) => {
        const h = (window as any).harness;
        h.clients.r = await h.startRecorded(o);
        await h.clients.r.until((s: any[]) => s.some((x) => x.type === 'verified'));
        return h.clients.r.client.id as string;
      },
      opts(topic, 'Sender'),
    );
    await local.until((s) => count(s, 'verified', id) === 1);
    return { page, id };
  }

  /** Makes a pseudo-random file of `size` bytes in the sender page, sends it to its only peer, returns its SHA-256 (hex). */
  const sendFromRemote = (page: string, size: number, name = 'data.bin') =>
    peerEval(
      page,
      async ({ size, name }) => {
        const h = (window as any).harness;
        const parts: Uint8Array[] = [];
        let x = 12345;
        for (let done = 0; done < size;) {
          const n = Math.min(1 << 20, size - done);
          const part = new Uint8Array(n);
          const words = new Uint32Array(part.buffer, 0, n >> 2);
          for (let i = 0; i < words.length; i++) words[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
          parts.push(part);
          done += n;
        }
        const file = new File(parts as BlobPart[], name, { type: 'application/octet-stream' });
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
        const [t] = await h.clients.r.client.sendFile(file);
        h.sent = t;
        return { hash: Array.from(digest, (b: number) => b.toString(16).padStart(2, '0')).join(''), id: t.id as string };
      },
      { size, name },
    );

  it('sends a 50 MiB file that arrives bit-identical, with progress reaching 100% on both sides', async () => {
    const { page } = await pair();
    const size = 50 * 1024 * 1024;
    const t0 = performance.now();
    const { hash, id } = await sendFromRemote(page, size);
    await local!.until((s) => s.some((x) => x.type === 'filereceived' && x.file!.id === id), 60_000);
    const ms = performance.now() - t0;
    const file = local!.received.get(id)!;
    expect(file.size).to.equal(size);
    expect(file.name).to.equal('data.bin');
    expect(await hex(file)).to.equal(hash);
    const progress = local!.seen.filter((s) => s.type === 'fileprogress').map((s) => s.file!.bytes);
    expect(progress.at(-1)).to.equal(size);
    expect(progress.length).to.be.greaterThan(3);
    const senderSeen: Seen[] = await peerEval(page, () => (window as any).harness.clients.r.seen);
    const senderProgress = senderSeen.filter((s) => s.type === 'fileprogress').map((s) => s.file!.bytes);
    expect(senderProgress.at(-1)).to.equal(size);
    expect(senderSeen.find((s) => s.type === 'fileend')!.file!.state).to.equal('done');
    console.log(`50 MiB in ${Math.round(ms)} ms (${(((size / ms) * 1000) / 2 ** 20).toFixed(1)} MiB/s, hashing included)`);
  });

  it('sends empty, tiny and odd-sized files intact, and the sender hears they arrived', async () => {
    const { page } = await pair();
    for (const size of [0, 13, 1024 * 1024 + 7]) {
      const { hash, id } = await sendFromRemote(page, size, `f${size}.bin`);
      await local!.until((s) => s.some((x) => x.type === 'filereceived' && x.file!.id === id), 20_000);
      expect(await hex(local!.received.get(id)!), `size ${size}`).to.equal(hash);
      const senderEnd = await peerEval(page, (id: string) => (window as any).harness.clients.r.until((s: any[]) => s.some((x) => x.type === 'fileend' && x.file.id === id)), id);
      expect(senderEnd.find((s: Seen) => s.type === 'fileend' && s.file!.id === id)!.file!.state, `size ${size}`).to.equal('done');
    }
  });

  it('cancels mid-way from the receiving side and frees both sides', async () => {
    const { page } = await pair();
    const { id } = await sendFromRemote(page, 40 * 1024 * 1024);
    await local!.until((s) => s.some((x) => x.type === 'fileprogress' && x.file!.id === id && x.file!.bytes > 0));
    local!.transfers.get(id)!.cancel();
    const senderEnd = await peerEval(page, (id: string) => (window as any).harness.clients.r.until((s: any[]) => s.some((x) => x.type === 'fileend' && x.file.id === id)), id);
    expect(senderEnd.find((s: Seen) => s.type === 'fileend')!.file!.state).to.equal('cancelled');
    expect(local!.transfers.get(id)!.state).to.equal('cancelled');
    expect(local!.received.has(id)).to.be.false;
    const bytesAtCancel = senderEnd.find((s: Seen) => s.type === 'fileend')!.file!.bytes;
    expect(bytesAtCancel).to.be.below(40 * 1024 * 1024);
  });

  it('sends nothing when the offer is declined', async () => {
    const { page } = await pair('decline');
    const { id } = await sendFromRemote(page, 1024 * 1024);
    const senderEnd = await peerEval(page, (id: string) => (window as any).harness.clients.r.until((s: any[]) => s.some((x) => x.type === 'fileend' && x.file.id === id)), id);
    const end = senderEnd.find((s: Seen) => s.type === 'fileend')!.file!;
    expect(end.state).to.equal('declined');
    expect(end.bytes).to.equal(0);
    expect(count(local!.seen, 'fileprogress')).to.equal(0);
  });

  it('detects a chunk tampered with on the way', async () => {
    const { page } = await pair();
    // The sender's browser flips one byte of the third chunk of any file channel.
    await peerEval(page, () => {
      const send = RTCDataChannel.prototype.send;
      let n = 0;
      RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: any) {
        const binary = data instanceof ArrayBuffer || ArrayBuffer.isView(data);
        if (this.label.startsWith('f:') && binary && ++n === 3) {
          const view = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
          const copy = view.slice();
          copy[100] ^= 0xff;
          return send.call(this, copy as any);
        }
        return send.call(this, data);
      } as any;
    });
    const { id } = await sendFromRemote(page, 1024 * 1024);
    const seen = await local!.until((s) => s.some((x) => x.type === 'fileend' && x.file!.id === id));
    const end = seen.find((s) => s.type === 'fileend')!.file!;
    expect(end.state).to.equal('failed');
    expect(end.failure).to.equal('integrity');
    expect(local!.received.has(id)).to.be.false;
  });

  it('never keeps an active MIME type or extension on a received file (x.html arrives as application/octet-stream, named x.html.bin)', async () => {
    const { page } = await pair();
    const id = await peerEval(page, async () => {
      const h = (window as any).harness;
      const file = new File(['<script>parent.pwned = true</script>'], 'x.html', { type: 'text/html' });
      const [t] = await h.clients.r.client.sendFile(file);
      return t.id as string;
    });
    await local!.until((s) => s.some((x) => x.type === 'filereceived' && x.file!.id === id));
    const file = local!.received.get(id)!;
    expect(file.type).to.equal('application/octet-stream');
    // Saved by its name, it must not open as a page either: the File carries a neutral name,
    // the transfer the name the peer gave (for display).
    expect(file.name).to.equal('x.html.bin');
    expect(local!.transfers.get(id)!.name).to.equal('x.html');
  });

  it('shows typing and reactions on the other side', async () => {
    const { page, id } = await pair();
    await peerEval(page, () => (window as any).harness.clients.r.client.typing());
    const typed = await local!.until((s) => count(s, 'typing') === 1);
    expect(typed.find((s) => s.type === 'typing')!.peer).to.equal(id);

    const messageId = local!.client.broadcast('react to me');
    await peerEval(page, () => (window as any).harness.clients.r.until((s: any[]) => s.some((x) => x.type === 'chatmessage')));
    await peerEval(page, (mid: string) => (window as any).harness.clients.r.client.react(mid, '👍'), messageId);
    const reacted = await local!.until((s) => count(s, 'reaction') === 1);
    expect(reacted.find((s) => s.type === 'reaction')).to.include({ peer: id, emoji: '👍', on: true, text: messageId });
    const record = local!.client.history.find((r) => r.id === messageId)!;
    expect(record.reactions!['👍']).to.have.length(1);
    expect(() => local!.client.react(messageId, '<img src=x>')).to.throw(TypeError);
  });
});
