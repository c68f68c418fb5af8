/**
 * The seam between the client and its signaling brokers (Trystero's strategy split): the
 * client needs only this interface; `MqttTransport` implements it over MQTT brokers, and a
 * test or an app may give another (`RTChatClientOptions.transport`). Payloads are opaque
 * bytes here: the signaling gate (envelope.ts) checks everything that arrives.
 */

/** Connection state of one broker. `closed` only after {@link MqttTransport.close}. */
export type BrokerState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** Where one broker stands; `since` is the `Date.now()` of the last state change. */
export interface BrokerStatus {
  url: string;
  state: BrokerState;
  /** Why the last attempt failed or the connection dropped, while not connected. */
  error?: string;
  since: number;
  /**
   * The MQTT version the broker speaks with us, known once it has connected (and kept while
   * it reconnects). `'mqtt5'`: the broker drops any packet over `LIMITS.packetBytes` for
   * us, so one huge publish on a room topic cannot reach or stall us. `'mqtt3.1.1'`: the
   * broker refused MQTT 5 (aedes does); such payloads are downloaded and then dropped.
   */
  protocol?: 'mqtt5' | 'mqtt3.1.1';
}

/** A payload received on a subscribed topic (the first copy, whichever broker brought it). */
export class TransportMessageEvent extends Event {
  constructor(
    readonly topic: string,
    readonly payload: Uint8Array,
    readonly broker: string,
  ) {
    super('message');
  }
}

/** A broker's state changed; `status` is its new {@link BrokerStatus}. */
export class TransportStatusEvent extends Event {
  constructor(readonly status: BrokerStatus) {
    super('status');
  }
}

/** A broker is back after being down, subscriptions restored: time to re-announce. */
export class BrokerReconnectEvent extends Event {
  constructor(readonly broker: string) {
    super('reconnect');
  }
}

/** An incoming payload was discarded unread. */
export class PayloadDropEvent extends Event {
  constructor(
    readonly broker: string,
    readonly reason: 'too-large',
    readonly bytes: number,
  ) {
    super('drop');
  }
}

/** Events of a {@link SignalingTransport}. */
export interface TransportEventMap {
  message: TransportMessageEvent;
  status: TransportStatusEvent;
  reconnect: BrokerReconnectEvent;
  drop: PayloadDropEvent;
}

/** What the client needs from a signaling transport. */
export interface SignalingTransport extends EventTarget {
  /** Every broker's state. */
  readonly statuses: BrokerStatus[];
  /** Whether at least one broker is connected. */
  readonly connected: boolean;
  /**
   * Connects every broker; resolves when the first is up.
   * @throws {Error} when none could be reached (the transport keeps retrying)
   */
  connect(): Promise<void>;
  /** Subscribes on every broker now and after each reconnect. */
  subscribe(topic: string): Promise<void>;
  /** Publishes at QoS 0 on every connected broker; returns how many took it. */
  publish(topic: string, payload: Uint8Array): number;
  /** Replaces the last will registered at the next connection of each broker. */
  setWill(payload: Uint8Array): void;
  /** Closes every broker connection. */
  close(): Promise<void>;
  addEventListener<K extends keyof TransportEventMap>(type: K, listener: (ev: TransportEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
}

/** What a transport is made with: the brokers, and the last will to register. */
export interface TransportInit {
  brokers: string[];
  will: { topic: string; payload: Uint8Array };
}
