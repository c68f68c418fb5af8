/**
 * MQTT signaling transport: the same subscriptions on several brokers at once, each broker
 * reconnecting on its own, incoming messages de-duplicated across brokers.
 *
 * MQTT 5 first, for its maximum packet size: the broker then drops anything larger for us
 * instead of sending it. mosquitto 2.0.11 delivers nothing more to an MQTT 3.1.1 WebSocket
 * subscriber after one 1 MB publish on its topic (docs/reliability.md, "One large publish").
 * A broker that refuses MQTT 5 (aedes) is spoken to in MQTT 3.1.1 at once.
 */
import mqtt from 'mqtt';
import type { MqttClient, Packet } from 'mqtt';
import { toHex, randomBytes, utf8 } from '../util/bytes.js';
import { DedupeCache } from './dedupe-cache.js';
import { takePreconnected } from './ws-preconnect.js';
import { LIMITS } from '../limits.js';
import {
  BrokerReconnectEvent,
  PayloadDropEvent,
  TransportMessageEvent,
  TransportStatusEvent,
  type BrokerState,
  type BrokerStatus,
  type SignalingTransport,
  type TransportEventMap,
} from './transport.js';

export type { BrokerState, BrokerStatus } from './transport.js';

/** Topics are at most this many bytes of UTF-8 ({@link MqttTransport.subscribe} refuses longer ones). */
export const MAX_TOPIC_BYTES = LIMITS.topicBytes;

/** The MQTT 5 maximum packet size we ask of every broker (limits.ts). */
export const MAX_PACKET_BYTES = LIMITS.packetBytes;

/** Options for {@link MqttTransport}. */
export interface TransportOptions {
  /** ws:// or wss:// URLs; duplicates are removed; at least one. */
  brokers: string[];
  /** MQTT last will, registered on every broker connection; sent only if we vanish uncleanly. */
  will?: { topic: string; payload: Uint8Array };
  /**
   * Incoming payloads larger than this are dropped (a 'drop' event). Default
   * `LIMITS.payloadBytes` (2,048, the signaling gate's limit). The MQTT 5 maximum packet size
   * asked of each broker follows from it: this plus 512 ({@link MAX_PACKET_BYTES}).
   */
  maxPayloadBytes?: number;
  /** Time allowed for one connection attempt up to CONNACK. Default 8000 ms. */
  connectTimeoutMs?: number;
  /** The same topic and bytes within this window are delivered once. Default 60000 ms. */
  dedupeWindowMs?: number;
}

/**
 * CONNACK codes that mean "not MQTT 5": 1 is MQTT 3.1.1's "unacceptable protocol version"
 * (aedes answers a version 5 CONNECT with it, then closes), 0x84 MQTT 5's "unsupported
 * protocol version".
 */
const REFUSES_MQTT5 = new Set([0x01, 0x84]);

const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 30_000;
const END_TIMEOUT_MS = 2000;

/** Backoff before reconnect attempt `n` (0-based): 1 s doubling to 30 s, then 50–100 % jitter. */
const backoff = (n: number): number => Math.round(Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n, 15)) * (0.5 + Math.random() / 2));

interface Broker {
  status: BrokerStatus;
  client?: MqttClient;
  failedAttempts: number;
  everConnected: boolean;
  lastError?: string;
  /** Set when the broker refused MQTT 5: this broker's connections speak 3.1.1 from then on. */
  mqtt311?: true;
  /** What the broker spoke when it last connected. */
  protocol?: BrokerStatus['protocol'];
}

/**
 * Publishes and subscribes on several MQTT brokers (over WebSocket) as if they were one.
 * A broker that is down, or goes down, does not affect the others; each reconnects with
 * exponential backoff and gets its subscriptions back.
 *
 * @fires message - {@link TransportMessageEvent}, de-duplicated across brokers
 * @fires status - {@link TransportStatusEvent}
 * @fires reconnect - {@link BrokerReconnectEvent}
 * @fires drop - {@link PayloadDropEvent}
 * @example
 * const transport = new MqttTransport({ brokers: ['wss://a.example/mqtt', 'wss://b.example/mqtt'] });
 * transport.addEventListener('message', (e) => console.log(e.topic, e.payload));
 * await transport.connect();
 * await transport.subscribe('rtchat/v1/room');
 * transport.publish('rtchat/v1/room', new Uint8Array([1, 2, 3]));
 */
export class MqttTransport extends EventTarget implements SignalingTransport {
  private readonly brokers: Broker[];
  private readonly topics = new Set<string>();
  private readonly seen: DedupeCache;
  private readonly maxPayloadBytes: number;
  private readonly maxPacketBytes: number;
  private readonly connectTimeoutMs: number;
  private will?: { topic: string; payload: Uint8Array };
  private connecting?: Promise<void>;
  private closing?: Promise<void>;

  /** @throws {TypeError} when no broker is given or a URL is not ws:// or wss:// */
  constructor(options: TransportOptions) {
    super();
    const urls = [...new Set(options.brokers ?? [])];
    if (urls.length === 0) throw new TypeError('MqttTransport: at least one broker URL is required');
    for (const url of urls) {
      if (!/^wss?:\/\/./i.test(url)) throw new TypeError(`MqttTransport: not a ws:// or wss:// URL: ${url}`);
    }
    const now = Date.now();
    this.brokers = urls.map((url) => ({ status: { url, state: 'connecting', since: now }, failedAttempts: 0, everConnected: false }));
    this.will = options.will;
    this.maxPayloadBytes = options.maxPayloadBytes ?? LIMITS.payloadBytes;
    this.maxPacketBytes = this.maxPayloadBytes + (LIMITS.packetBytes - LIMITS.payloadBytes);
    this.connectTimeoutMs = options.connectTimeoutMs ?? 8000;
    this.seen = new DedupeCache(options.dedupeWindowMs ?? 60_000);
  }

  /** A snapshot of every broker's status, in configuration order. */
  get statuses(): BrokerStatus[] {
    return this.brokers.map((b) => ({ ...b.status }));
  }

  /** True while at least one broker is connected. */
  get connected(): boolean {
    return this.brokers.some((b) => b.status.state === 'connected');
  }

  /**
   * Starts every broker. Resolves when the first one is connected (with the current
   * subscriptions in place). Brokers that fail keep retrying in the background.
   * @throws {AggregateError} when every broker failed its first attempt (the message names each URL)
   * @throws {Error} after {@link close}
   */
  connect(): Promise<void> {
    if (this.closing) return Promise.reject(new Error('MqttTransport: closed'));
    this.connecting ??= new Promise<void>((resolve, reject) => {
      const failures: string[] = [];
      const onStatus = (e: TransportStatusEvent) => {
        const broker = this.brokers.find((b) => b.status.url === e.status.url);
        if (!broker) return;
        if (e.status.state === 'connected') {
          this.removeEventListener('status', onStatus);
          resolve();
        } else if (e.status.state === 'offline' && !broker.everConnected && broker.failedAttempts === 1) {
          failures.push(`${e.status.url} (${e.status.error ?? 'failed'})`);
          if (failures.length < this.brokers.length) return;
          this.removeEventListener('status', onStatus);
          const errors = failures.map((f) => new Error(f));
          reject(new AggregateError(errors, `MqttTransport: no broker reachable: ${failures.join(', ')}`));
        } else if (e.status.state === 'closed') {
          this.removeEventListener('status', onStatus);
          reject(new Error('MqttTransport: closed before any broker connected'));
        }
      };
      this.addEventListener('status', onStatus);
      for (const broker of this.brokers) this.start(broker);
    });
    return this.connecting;
  }

  /**
   * Subscribes on every connected broker now, and on every broker after each (re)connect.
   * Resolves once the connected brokers acknowledged (a broker failing meanwhile gets it on reconnect).
   * @throws {TypeError} for an empty topic or one with MQTT wildcards (`+`, `#`): topics are exact names
   * @throws {RangeError} for a topic over {@link MAX_TOPIC_BYTES} bytes: its packets might not fit the maximum packet size
   */
  async subscribe(topic: string): Promise<void> {
    if (!topic || /[+#]/.test(topic)) throw new TypeError(`MqttTransport: not an exact topic: ${JSON.stringify(topic)}`);
    if (utf8(topic).length > MAX_TOPIC_BYTES) throw new RangeError(`MqttTransport: topic over ${MAX_TOPIC_BYTES} bytes`);
    this.topics.add(topic);
    await Promise.all(this.live().map((c) => c.subscribeAsync(topic, { qos: 0 }).catch(() => undefined)));
  }

  /** Unsubscribes on every connected broker and stops re-subscribing after reconnects. */
  async unsubscribe(topic: string): Promise<void> {
    this.topics.delete(topic);
    await Promise.all(this.live().map((c) => c.unsubscribeAsync(topic).catch(() => undefined)));
  }

  /**
   * Publishes `payload` (QoS 0, not retained) on every connected broker.
   * @returns how many brokers it was handed to (0 when none is connected: nothing is queued)
   */
  publish(topic: string, payload: Uint8Array): number {
    let count = 0;
    for (const broker of this.brokers) {
      if (broker.status.state !== 'connected' || !broker.client?.connected) continue;
      // mqtt.js types ask for a Buffer; its writer only needs `length` and stream.write().
      broker.client.publish(topic, payload as any, { qos: 0, retain: false }, () => undefined);
      count++;
    }
    return count;
  }

  /**
   * Replaces the last will's payload for every later (re)connection (a will is fixed at
   * CONNECT; a connection already up keeps the one it registered).
   */
  setWill(payload: Uint8Array): void {
    if (!this.will) return;
    this.will = { topic: this.will.topic, payload };
    for (const b of this.brokers) if (b.client) b.client.options.will = { topic: this.will.topic, payload: payload as any, qos: 0, retain: false };
  }

  /**
   * Unsubscribes and disconnects cleanly from every broker (so no broker sends our will).
   * Idempotent; never rejects.
   */
  close(): Promise<void> {
    this.closing ??= Promise.all(this.brokers.map((b) => this.stop(b))).then(() => undefined);
    return this.closing;
  }

  override addEventListener<K extends keyof TransportEventMap>(
    type: K,
    listener: ((event: TransportEventMap[K]) => void) | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: any, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof TransportEventMap>(
    type: K,
    listener: ((event: TransportEventMap[K]) => void) | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: any, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener, options);
  }

  private live(): MqttClient[] {
    return this.brokers.flatMap((b) => (b.client?.connected ? [b.client] : []));
  }

  private setState(broker: Broker, state: BrokerState, error?: string): void {
    if (broker.status.state === state && broker.status.error === error) return;
    broker.status = {
      url: broker.status.url,
      state,
      since: Date.now(),
      ...(error ? { error } : {}),
      ...(broker.protocol ? { protocol: broker.protocol } : {}),
    };
    this.dispatchEvent(new TransportStatusEvent({ ...broker.status }));
  }

  private start(broker: Broker): void {
    const mqtt5 = !broker.mqtt311;
    const client = mqtt.connect(broker.status.url, {
      clientId: `rtchat_${toHex(randomBytes(8))}`,
      // MQTT 5 lets us tell the broker not to send us anything larger (see BrokerStatus.protocol).
      ...(mqtt5 ? { protocolVersion: 5 as const, properties: { maximumPacketSize: this.maxPacketBytes } } : { protocolVersion: 4 as const }),
      clean: true,
      keepalive: 30,
      connectTimeout: this.connectTimeoutMs,
      reconnectPeriod: backoff(0),
      // We re-subscribe ourselves, so that 'connected' means "subscriptions in place".
      resubscribe: false,
      // Signaling is live or useless: never replay stale QoS 0 publishes after a reconnect.
      queueQoSZero: false,
      ...(this.will ? { will: { topic: this.will.topic, payload: this.will.payload as any, qos: 0 as const, retain: false } } : {}),
      // The WebSocket Room.join opened to this broker while the session was opening, if any (ws-preconnect.ts).
      createWebsocket: (url: string, protocols: string[]) => takePreconnected(broker.status.url, protocols) ?? new WebSocket(url, protocols),
    });
    broker.client = client;
    // After a fall-back to MQTT 3.1.1 the refused client's late events are not this broker's news.
    const replaced = () => broker.client !== client;
    // An EventEmitter without an 'error' listener throws: keep one for the client's lifetime.
    client.on('error', (err) => {
      if (!replaced()) broker.lastError = err?.message || String(err);
    });
    if (mqtt5) {
      // Seen before mqtt.js handles the CONNACK (it then closes and, for a refusal, never retries).
      client.on('packetreceive', (packet: Packet) => {
        if (packet.cmd !== 'connack' || replaced()) return;
        if (REFUSES_MQTT5.has(packet.reasonCode ?? packet.returnCode ?? 0)) this.fallBack(broker, client);
      });
      // An MQTT 5 broker may say why it ends the connection.
      client.on('disconnect', (packet) => {
        if (!replaced()) broker.lastError = `disconnected by the broker (reason ${packet.reasonCode ?? 0})`;
      });
    }
    client.on('connect', () => {
      if (replaced()) return;
      broker.failedAttempts = 0;
      broker.lastError = undefined;
      broker.protocol = mqtt5 ? 'mqtt5' : 'mqtt3.1.1';
      client.options.reconnectPeriod = backoff(0);
      const topics = [...this.topics];
      const restored = topics.length ? client.subscribeAsync(topics, { qos: 0 }).catch(() => undefined) : Promise.resolve();
      void restored.then(() => {
        if (this.closing || !client.connected) return;
        this.setState(broker, 'connected');
        if (broker.everConnected) this.dispatchEvent(new BrokerReconnectEvent(broker.status.url));
        broker.everConnected = true;
      });
    });
    client.on('close', () => {
      if (this.closing || replaced()) return;
      // mqtt.js has already armed its retry timer with the period set before this close;
      // this one applies to the next failure: 1 s, 2 s, 4 s ... 30 s.
      broker.failedAttempts++;
      client.options.reconnectPeriod = backoff(broker.failedAttempts);
      const reason = broker.lastError ?? (broker.status.state === 'connected' ? 'connection lost' : 'connection failed');
      this.setState(broker, 'offline', reason);
    });
    client.on('reconnect', () => {
      if (replaced()) return;
      broker.lastError = undefined;
      if (!this.closing) this.setState(broker, 'reconnecting', broker.status.error);
    });
    client.on('message', (topic, payload) => this.receive(broker, topic, payload));
  }

  /**
   * The broker refused MQTT 5: connect again with MQTT 3.1.1 at once, not after a backoff,
   * and keep to 3.1.1 with this broker. Neither a failed attempt nor a status change.
   */
  private fallBack(broker: Broker, refused: MqttClient): void {
    broker.mqtt311 = true;
    broker.client = undefined;
    // mqtt.js is still handling the CONNACK: end that client once it is done.
    setTimeout(() => refused.end(true), 0);
    if (!this.closing) this.start(broker);
  }

  private receive(broker: Broker, topic: string, payload: Uint8Array): void {
    if (this.closing || !this.topics.has(topic)) return;
    // Checked first: an oversized payload is never copied, hashed or parsed.
    if (payload.length > this.maxPayloadBytes) {
      this.dispatchEvent(new PayloadDropEvent(broker.status.url, 'too-large', payload.length));
      return;
    }
    if (!this.seen.firstSight(topic, payload)) return;
    // mqtt.js hands out a Buffer (a Uint8Array subclass); users get a plain view of the same bytes.
    const bytes = new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    this.dispatchEvent(new TransportMessageEvent(topic, bytes, broker.status.url));
  }

  private async stop(broker: Broker): Promise<void> {
    const client = broker.client;
    if (client) {
      const topics = [...this.topics];
      if (client.connected && topics.length) client.unsubscribe(topics, () => undefined);
      // A clean DISCONNECT (no will); forced if the broker does not answer in time.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((r) => (timer = setTimeout(r, END_TIMEOUT_MS)));
      await Promise.race([client.endAsync(!client.connected).catch(() => undefined), timeout]);
      clearTimeout(timer);
      if (!client.disconnected) client.end(true);
    }
    this.setState(broker, 'closed');
  }
}
