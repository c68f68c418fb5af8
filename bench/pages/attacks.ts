/**
 * The attack figures (bench/lib/attacks.mjs, figure 7): what an attacker on the broker costs
 * the page it attacks. Three roles, each in its own browser context:
 *
 * - the **victim** (a page that joined with `ours` or `trystero`) watches itself: how late a
 *   50 ms timer fires, long tasks, and for rtchat what its client did (signature checks,
 *   drops by reason, payloads it published, unverified peers);
 * - the **newcomer** joins in the middle of the attack and watches itself the same way;
 * - the **attacker** is a raw mqtt.js client speaking our protocol with throw-away keys made
 *   by our own SignalWriter, Identity and SealKeys, as in test/core/attacks/flood.test.ts.
 */
import mqtt from 'mqtt';
import { offerWithoutCandidates, throwaway } from '../../test/harness/attacker.js';
import { internals as clientInternals } from '../../src/core/room/internals.js';
import { SignalWriter } from '../../src/core/signaling/envelope.js';
import type { SenderInfo } from '../../src/core/signaling/messages.js';
import { inboxTopic } from '../../src/core/signaling/room.js';
import { SealKeys } from '../../src/core/signaling/seal-keys.js';
import * as ours from './ours.js';
import { current } from './ours.js';
import { now } from './timeline.js';
import * as trystero from './trystero.js';

/**
 * Resolves at `epoch` (ms). Node plans each scenario in epoch time and every page keeps the
 * plan by its own timers: during a flood, Node's calls into the pages arrive late (Playwright
 * receives every WebSocket frame of every page over CDP), so nothing timed is left to them.
 */
const at = (epoch: number) => new Promise((r) => setTimeout(r, Math.max(0, epoch - now())));

// ---- the victim ----------------------------------------------------------------------------

/** RTCPeerConnections this page made and closed (both libraries look the constructor up when they call it). */
const connections = { created: 0, closed: 0 };
/** When each WebSocket message reached this page (epoch ms): its MQTT input, whichever library. */
const frames: number[] = [];
let instrumented = false;

/**
 * Counts RTCPeerConnections made and WebSocket messages received from now on (mqtt.js looks
 * `WebSocket` up when it connects); call before joining.
 */
export function instrument(): void {
  if (instrumented) return;
  instrumented = true;
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', () => frames.push(now()));
    }
  } as typeof WebSocket;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    private counted = false;
    constructor(config?: RTCConfiguration) {
      super(config);
      connections.created++;
    }
    override close(): void {
      if (!this.counted) connections.closed++;
      this.counted = true;
      super.close();
    }
  } as typeof RTCPeerConnection;
}

/** What rtchat's client keeps to itself (room/internals.ts): its session, and a tap on every drop before the once-a-minute report. */
function internals() {
  const c = current();
  if (!c) return null;
  const inside = clientInternals(c);
  return { session: inside.session()!, peers: c.peers, tapDrops: inside.tapDrops };
}

/** Who the victim is, for the attacker: peer id, room topic, inbox and its SenderInfo (bytes as arrays). */
export function victimInfo(): { id: string; roomTopic: string; inbox: string; self: Omit<SenderInfo, 'publicKey' | 'sealKey'> & { publicKey: number[]; sealKey: number[] } } {
  const c = current();
  const s = internals()?.session;
  if (!c || !s) throw new Error('no rtchat client in this page');
  return { id: c.id!, roomTopic: c.roomTopic!, inbox: inboxTopic(c.roomTopic!, c.id!), self: { ...s.self, publicKey: [...s.self.publicKey], sealKey: [...s.self.sealKey] } };
}

/** When the last WebSocket message arrived (epoch ms), or 0. */
export const lastFrameAt = (): number => frames.at(-1) ?? 0;

interface Watch {
  startedAt: number;
  frames0: number;
  lateness: number[];
  longTasks: { count: number; ms: number; supported: boolean };
  observer: PerformanceObserver | null;
  timer: ReturnType<typeof setTimeout> | null;
  ticks: number;
  unverifiedMax: number | null;
  /** rtchat only: gate and client counters. */
  ours: null | {
    checks0: number;
    payloads: number;
    drops: Record<string, number>;
    dropEvents: number;
    published: { messages: number; bytes: number };
    onDrop: () => void;
  };
  connections0: { created: number; closed: number };
}

let watch: Watch | null = null;

/**
 * Starts watching this page at `startAt` (epoch ms; now if omitted): a 50 ms timer re-armed
 * each time it fires (its lateness is how long a task queued behind the page's work waits;
 * Chromium may run input events sooner), long tasks if the browser reports them, and for
 * rtchat the gate's signature checks, every drop before the client's once-a-minute dedupe,
 * the payloads it published and the most unverified peers seen.
 */
export function watchStart(startAt?: number): void {
  if (startAt !== undefined && startAt > now()) {
    setTimeout(() => watchStart(), startAt - now());
    return;
  }
  if (watch) throw new Error('already watching');
  const w: Watch = {
    startedAt: performance.now(),
    frames0: frames.length,
    lateness: [],
    longTasks: { count: 0, ms: 0, supported: PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false },
    observer: null,
    timer: null,
    ticks: 0,
    unverifiedMax: null,
    ours: null,
    connections0: { ...connections },
  };
  if (w.longTasks.supported) {
    w.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.longTasks.count++;
        w.longTasks.ms += e.duration;
      }
    });
    w.observer.observe({ type: 'longtask' });
  }
  const c = internals();
  if (c) {
    const { gate, transport } = c.session;
    const o: NonNullable<Watch['ours']> = {
      checks0: gate.signatureChecks,
      payloads: 0,
      drops: {},
      dropEvents: 0,
      published: { messages: 0, bytes: 0 },
      onDrop: () => o.dropEvents++,
    };
    w.ours = o;
    // Instance properties shadow the prototype's methods until watchStop deletes them.
    const accept = gate.accept;
    gate.accept = async (topic, payload) => {
      o.payloads++;
      try {
        return await accept.call(gate, topic, payload);
      } catch (e) {
        // 'own' (our own announce, or a copy of it) is the one rejection the client does not report.
        if ((e as { reason?: string }).reason === 'own') o.drops.own = (o.drops.own ?? 0) + 1;
        throw e;
      }
    };
    c.tapDrops((source, reason) => {
      const k = source === 'signaling' ? reason : `${source}:${reason}`;
      o.drops[k] = (o.drops[k] ?? 0) + 1;
    });
    const publish = transport.publish;
    transport.publish = (topic, payload) => {
      o.published.messages++;
      o.published.bytes += payload.length;
      return publish.call(transport, topic, payload);
    };
    current()!.addEventListener('drop', o.onDrop);
  }
  const tick = (armed: number) => {
    w.timer = setTimeout(() => {
      const now = performance.now();
      w.lateness.push(now - armed - 50);
      if (c && ++w.ticks % 5 === 0) w.unverifiedMax = Math.max(w.unverifiedMax ?? 0, c.peers.filter((p) => !p.verified).length);
      tick(now);
    }, 50);
  };
  tick(performance.now());
  watch = w;
}

/**
 * Stops watching; every lateness sample (ms) and the counters over the window. `stoppedAt`
 * (epoch ms) is when the attacker stopped: what arrived later is the tail the victim was
 * still working through.
 */
export function watchStop(stoppedAt: number | null = null) {
  const w = watch;
  if (!w) throw new Error('not watching');
  watch = null;
  clearTimeout(w.timer!);
  w.observer?.disconnect();
  const c = internals();
  let ours = null;
  if (c && w.ours) {
    const { gate, transport } = c.session;
    delete (gate as Partial<typeof gate>).accept;
    c.tapDrops(null);
    delete (transport as Partial<typeof transport>).publish;
    current()!.removeEventListener('drop', w.ours.onDrop);
    w.unverifiedMax = Math.max(w.unverifiedMax ?? 0, c.peers.filter((p) => !p.verified).length);
    const { checks0, onDrop: _, ...rest } = w.ours;
    ours = { ...rest, signatureChecks: gate.signatureChecks - checks0 };
  }
  const received = frames.slice(w.frames0);
  const last = received.at(-1) ?? 0;
  return {
    ms: performance.now() - w.startedAt,
    received: {
      messages: received.length,
      beforeStop: stoppedAt === null ? received.length : received.filter((t) => t <= stoppedAt).length,
      tailMs: stoppedAt === null ? null : Math.max(0, last - stoppedAt),
    },
    lateness: w.lateness,
    longTasks: w.longTasks,
    unverifiedMax: w.unverifiedMax,
    connections: { created: connections.created - w.connections0.created, closed: connections.closed - w.connections0.closed },
    ours,
  };
}

// ---- the newcomer --------------------------------------------------------------------------

let newcomerWatch: Promise<ReturnType<typeof watchStop> | null> | null = null;

/**
 * The honest newcomer: joins at `joinAt` (epoch ms) with `lib`, watches itself from then until
 * `stopAt` (the attack's planned end), and resolves with its join. Its watch comes from `newcomerFigures`.
 */
export async function newcomer({ lib, join, joinAt, stopAt }: { lib: 'ours' | 'trystero'; join: ours.OursJoin & { appId: string }; joinAt: number; stopAt: number }) {
  await at(joinAt);
  const joined = lib === 'ours' ? ours.join(join) : Promise.resolve(trystero.join({ url: join.url, appId: join.appId, roomId: join.topic }));
  newcomerWatch = joined.then(
    async () => {
      watchStart();
      await at(stopAt);
      return watchStop(stopAt);
    },
    () => null,
  );
  return joined;
}

/** The newcomer's own figures, once its watch ended (null if it could not join). */
export const newcomerFigures = () => newcomerWatch;

// ---- the attacker --------------------------------------------------------------------------

/** When an attack runs, in epoch ms and seconds. */
export interface Plan {
  startAt: number;
  seconds: number;
}

interface Attack {
  running: boolean;
  sent: number;
  rounds: number;
  /** Rounds that took longer than their period: the attacker could not keep its rate. */
  overran: number;
  startedAt: number;
  startedAtEpoch: number;
  /** When the last round ended: performance.now() and epoch ms. */
  endedAt: number;
  stoppedAt: number;
  loop: Promise<void>;
  raw: mqtt.MqttClient;
}
let attack: Attack | null = null;

async function connectRaw(url: string): Promise<mqtt.MqttClient> {
  const raw = mqtt.connect(url, { protocolVersion: 4, reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    raw.once('connect', () => resolve());
    raw.once('error', reject);
  });
  return raw;
}

/**
 * From `startAt` (epoch ms), runs `round` every `everyMs` for `seconds` (timed here, so a
 * busy bench process cannot stretch the attack) or until `stopAttack`; `round` says how many
 * payloads it published.
 */
function start(raw: mqtt.MqttClient, plan: { startAt: number; seconds: number }, everyMs: number, round: () => Promise<number> | number): void {
  const a: Attack = { running: true, sent: 0, rounds: 0, overran: 0, startedAt: 0, startedAtEpoch: 0, endedAt: 0, stoppedAt: 0, raw, loop: Promise.resolve() };
  a.loop = (async () => {
    await at(plan.startAt);
    a.startedAt = performance.now();
    a.startedAtEpoch = now();
    while (a.running && performance.now() - a.startedAt < plan.seconds * 1000) {
      const t = performance.now();
      a.sent += await round();
      a.rounds++;
      const took = performance.now() - t;
      if (took > everyMs) a.overran++;
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - took)));
    }
    a.endedAt = performance.now();
    a.stoppedAt = now();
  })();
  attack = a;
}

/** (a) Slot exhaustion by announces: `perSecond` fresh signed keys announce on the room topic every second. */
export async function announceFlood({ url, roomTopic, perSecond, plan }: { url: string; roomTopic: string; perSecond: number; plan: Plan }): Promise<void> {
  const raw = await connectRaw(url);
  start(raw, plan, 1000, async () => {
    const forged = await Promise.all(Array.from({ length: perSecond }, (_, i) => throwaway(roomTopic, `bot${i}`)));
    await Promise.all(forged.map(async (f) => raw.publishAsync(roomTopic, (await f.writer.announce(f.self)) as any)));
    return forged.length;
  });
}

/**
 * (b) Slot exhaustion by offers: `perSecond` sealed offers a second to the victim's inbox,
 * each from a fresh key, each a real offer stripped of its ICE candidates (no answer can ever
 * reach anybody).
 */
export async function offerFlood({ url, victim, perSecond, plan }: { url: string; victim: ReturnType<typeof victimInfo>; perSecond: number; plan: Plan }): Promise<void> {
  const sdp = await offerWithoutCandidates();
  const inbox = inboxTopic(victim.roomTopic, victim.id);
  const to = { id: victim.id, sealKey: Uint8Array.from(victim.self.sealKey), session: victim.self.session };
  const raw = await connectRaw(url);
  start(raw, plan, 1000, async () => {
    const forged = await Promise.all(Array.from({ length: perSecond }, (_, i) => throwaway(victim.roomTopic, `ghost${i}`)));
    await Promise.all(forged.map(async (f) => raw.publishAsync(inbox, (await f.writer.direct('offer', f.self, to, sdp)).payload as any)));
    return forged.length;
  });
}

/**
 * rtchat's spoofed sender for the junk flood: the victim's own announce (its key, tab,
 * session, name and seal key, a fresh timestamp), signed with 64 random bytes; the flood
 * gives every copy fresh random signature bytes, so no copy is a duplicate of another.
 */
export async function spoofedAnnounce(victim: ReturnType<typeof victimInfo>): Promise<number[]> {
  const self: SenderInfo = { ...victim.self, publicKey: Uint8Array.from(victim.self.publicKey), sealKey: Uint8Array.from(victim.self.sealKey) };
  const writer = new SignalWriter({
    roomTopic: victim.roomTopic,
    selfId: victim.id,
    roomKey: null,
    sealKeys: await SealKeys.generate(victim.roomTopic),
    signer: { publicKey: self.publicKey, sign: async () => crypto.getRandomValues(new Uint8Array(64)) },
  });
  return [...(await writer.announce(self))];
}

/** Trystero's room topic on MQTT: SHA-1 of `Trystero@<appId>@<roomId>`, each byte in base 36 (@trystero-p2p/core strategy.mjs). */
export async function trysteroRootTopic(appId: string, roomId: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(`Trystero@${appId}@${roomId}`)));
  return Array.from(d, (b) => b.toString(36)).join('');
}

/**
 * (c) Junk flood: every 100 ms, `junk` unique payloads of 10 random bytes and `copies`
 * copies of `template` on `topic`; with `randomTail`, each copy's last `randomTail` bytes
 * (rtchat: the signature) are fresh random bytes.
 */
export async function junkFlood(o: { url: string; topic: string; junk: number; copies: number; template: number[]; randomTail: number; plan: Plan }): Promise<void> {
  const { topic, junk, copies, randomTail } = o;
  const spoof = Uint8Array.from(o.template);
  const raw = await connectRaw(o.url);
  start(raw, o.plan, 100, () => {
    for (let i = 0; i < junk; i++) raw.publish(topic, crypto.getRandomValues(new Uint8Array(10)) as any);
    for (let i = 0; i < copies; i++) {
      const copy = spoof.slice();
      if (randomTail) crypto.getRandomValues(copy.subarray(copy.length - randomTail));
      raw.publish(topic, copy as any);
    }
    return junk + copies;
  });
}

/** Stops the attack (or waits for its end): payloads published, seconds it ran, rounds, rounds that overran their period, and when it stopped (epoch ms). */
export async function stopAttack(): Promise<{ sent: number; seconds: number; rounds: number; overran: number; startedAt: number; stoppedAt: number }> {
  const a = attack;
  if (!a) throw new Error('no attack running');
  attack = null;
  a.running = false;
  await a.loop;
  await a.raw.endAsync(true).catch(() => {});
  return { sent: a.sent, seconds: (a.endedAt - a.startedAt) / 1000, rounds: a.rounds, overran: a.overran, startedAt: a.startedAtEpoch, stoppedAt: a.stoppedAt };
}
