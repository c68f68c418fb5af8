/**
 * One RTCPeerConnection with its negotiated chat channel: making and applying compact
 * offers and answers (non-trickle: candidates ride in the description), ICE restarts, and
 * the timers that belong to this connection. A peer makes a new Connection for every
 * attempt; whatever an old one reports after it was replaced is ignored by its owner.
 */
import { compactSdp, type CompactDescription } from '../signaling/compact-sdp.js';
import { iceGathered } from './ice.js';

/** The negotiated chat channel's id: both sides create it, so no in-band open message is needed. */
const CHANNEL_ID = 0;

export interface ConnectionConfig {
  readonly iceServers: RTCIceServer[];
  readonly iceGatheringTimeoutMs: number;
}

/** What a connection reports to its peer. */
export interface ConnectionEvents {
  /** The chat channel opened. */
  open(): void;
  /** The channel closed or the connection failed. */
  lost(): void;
  /** A frame arrived on the chat channel (unchecked: the peer's frame gate parses it). */
  frame(data: unknown): void;
  /** The other side opened a data channel (a file transfer). */
  dataChannel(channel: RTCDataChannel): void;
  /** ICE lost its path on the open connection: an ICE restart may bring it back. */
  pathLost(): void;
}

/** A handshake step whose connection was replaced meanwhile; the caller drops it quietly. */
export class Superseded extends Error {
  override readonly name = 'Superseded';
  constructor() {
    super('connection replaced during the handshake');
  }
}

export class Connection {
  readonly pc: RTCPeerConnection;
  private readonly channel: RTCDataChannel;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private intervals: ReturnType<typeof setInterval>[] = [];
  private closed = false;
  /** ICE restarts this connection went through. */
  restarts = 0;

  constructor(
    private readonly config: ConnectionConfig,
    events: ConnectionEvents,
  ) {
    const pc = new RTCPeerConnection({ iceServers: config.iceServers });
    const channel = pc.createDataChannel('rtchat', { negotiated: true, id: CHANNEL_ID, ordered: true });
    this.pc = pc;
    this.channel = channel;
    channel.onopen = () => events.open();
    channel.onclose = () => events.lost();
    channel.onmessage = (e) => events.frame(e.data);
    pc.ondatachannel = (e) => events.dataChannel(e.channel);
    pc.onconnectionstatechange = () => pc.connectionState === 'failed' && events.lost();
    // The path broke (network change, NAT rebinding): an ICE restart on the same DTLS session
    // may bring it back; the silence timeout falls back to a fresh handshake if it does not.
    pc.oniceconnectionstatechange = () => pc.iceConnectionState === 'disconnected' && events.pathLost();
  }

  /** Whether the chat channel is open. */
  get open(): boolean {
    return this.channel.readyState === 'open';
  }

  /** true while our offer has no answer yet. */
  get awaitingAnswer(): boolean {
    return this.pc.signalingState === 'have-local-offer';
  }

  /** Whether ICE found a path. */
  get iceConnected(): boolean {
    const ice = this.pc.iceConnectionState;
    return ice === 'connected' || ice === 'completed';
  }

  /** Runs `fn` after `ms` unless this connection is closed first. */
  later(ms: number, fn: () => void): void {
    if (!this.closed) this.timers.push(setTimeout(fn, ms));
  }

  /** Runs `fn` every `ms` until this connection is closed. */
  every(ms: number, fn: () => void): void {
    if (!this.closed) this.intervals.push(setInterval(fn, ms));
  }

  /** Offerer: our compact offer, candidates gathered. */
  async createOffer(): Promise<Uint8Array> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.localDescription('offer');
  }

  /** Offerer: applies the answer (decoded and checked by the signaling gate). */
  async acceptAnswer(answer: CompactDescription): Promise<void> {
    if (this.pc.signalingState !== 'have-local-offer') throw new Error('no offer awaiting an answer');
    await this.pc.setRemoteDescription({ type: 'answer', sdp: compactSdp.format(answer) });
  }

  /** Answerer: applies the offer and returns our compact answer. */
  async createAnswer(offer: CompactDescription): Promise<Uint8Array> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: compactSdp.format(offer) });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    return this.localDescription('answer');
  }

  /** Offerer: an ICE restart offer for this live connection (same DTLS session: the proof still holds). */
  async createRestartOffer(): Promise<Uint8Array> {
    await this.pc.setLocalDescription(await this.pc.createOffer({ iceRestart: true }));
    this.restarts++;
    return this.localDescription('offer');
  }

  /** Answerer: applies an ICE restart offer to this live connection and returns the answer. */
  async acceptRestartOffer(offer: CompactDescription): Promise<Uint8Array> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: compactSdp.format(offer) });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    this.restarts++;
    return this.localDescription('answer');
  }

  /** The DTLS fingerprints of the descriptions applied to this connection, once both are. */
  fingerprints(): { local: Uint8Array; remote: Uint8Array } | null {
    const local = compactSdp.fingerprintOf(this.pc.currentLocalDescription?.sdp ?? '');
    const remote = compactSdp.fingerprintOf(this.pc.currentRemoteDescription?.sdp ?? '');
    return local && remote ? { local, remote } : null;
  }

  /**
   * Sends one frame on the chat channel.
   * @returns false when the channel is not open, or the browser refused (its buffer is full)
   */
  send(data: string): boolean {
    if (this.channel.readyState !== 'open') return false;
    try {
      this.channel.send(data);
      return true;
    } catch {
      return false;
    }
  }

  /** Opens a data channel for a file transfer. */
  openChannel(label: string): RTCDataChannel {
    return this.pc.createDataChannel(label, { ordered: true });
  }

  /** Closes the channel and the connection, and stops its timers; idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const t of this.intervals) clearInterval(t);
    this.channel.onopen = this.channel.onclose = this.channel.onmessage = null;
    this.channel.close();
    this.pc.onconnectionstatechange = this.pc.oniceconnectionstatechange = this.pc.ondatachannel = null;
    this.pc.close();
  }

  private async localDescription(type: 'offer' | 'answer'): Promise<Uint8Array> {
    await iceGathered(this.pc, this.config.iceGatheringTimeoutMs);
    return compactSdp.encode(compactSdp.parse(type, this.pc.localDescription?.sdp ?? ''));
  }
}
