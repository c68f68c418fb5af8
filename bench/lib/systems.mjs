// The three systems under measurement, seen from Node: how a page joins a room, which
// timeline marks mean "connected" / "verified", and which broker topics are that room's.
// `run` is unique per room, so rooms never share topics.

const evaluate = (page, fn, arg) => page.evaluate(fn, arg);

/** Waits in a page until its timeline has `n` distinct-peer marks of `kind`; returns their times. */
const until = (page, lib, kind, n, timeoutMs) => evaluate(page, ({ lib, kind, n, timeoutMs }) => window.bench[lib].timeline.until(kind, n, timeoutMs), { lib, kind, n, timeoutMs });

/** Every mark of a page's timeline ({ kind, at, peer? }), for the per-phase table. */
const marks = (page, lib) => evaluate(page, (lib) => window.bench[lib].timeline.marks, lib);

/** Peer ids a page has a distinct mark of `kind` for. */
const peersWith = (page, lib, kind) => evaluate(page, ({ lib, kind }) => window.bench[lib].timeline.distinct(kind).map((m) => m.peer), { lib, kind });

/**
 * @typedef {object} BenchRoom
 * @property {(page: import('playwright').Page, index: number) => Promise<{ t0: number, id: string }>} join
 * @property {Record<string, string>} stages  stage name ('connected', 'verified') → timeline mark kind
 * @property {(page: import('playwright').Page, kind: string, n: number, timeoutMs: number) => Promise<number[]>} until
 * @property {(page: import('playwright').Page, kind: string) => Promise<string[]>} peersWith
 * @property {(topic: string) => boolean} matches  topics of this room on the broker
 * @property {(page: import('playwright').Page, rounds: number, warmup: number) => Promise<number[]>} rounds  round-trip samples (ms)
 */

export const systems = {
  ours: {
    label: 'rtchat',
    roundTrip: 'peer.ask()',
    /** @returns {BenchRoom} */
    room(brokerUrl, run) {
      let roomTopic = null;
      return {
        async join(page, index) {
          const r = await evaluate(page, (o) => window.bench.ours.join(o), { url: brokerUrl, topic: `bench-${run}`, name: `Peer ${index + 1}` });
          roomTopic = r.roomTopic;
          return r;
        },
        stages: { connected: 'connected', verified: 'verified' },
        until: (page, kind, n, t) => until(page, 'ours', kind, n, t),
        peersWith: (page, kind) => peersWith(page, 'ours', kind),
        marks: (page) => marks(page, 'ours'),
        // The room topic and the inboxes under it (a will published after close is counted too, if in the window).
        matches: (topic) => roomTopic !== null && (topic === roomTopic || topic.startsWith(`${roomTopic}/`)),
        rounds: (page, rounds, warmup) => evaluate(page, ({ rounds, warmup }) => window.bench.ours.askRounds(rounds, warmup), { rounds, warmup }),
        leave: (page) => evaluate(page, () => window.bench.ours.leave()),
      };
    },
  },
  raw: {
    label: 'raw WebRTC + JSON SDP',
    roundTrip: 'data-channel ping',
    /** @returns {BenchRoom} */
    room(brokerUrl, run) {
      return {
        join: (page, index) => evaluate(page, (o) => window.bench.raw.join(o), { url: brokerUrl, run, id: `p${index}-${crypto.randomUUID().slice(0, 8)}` }),
        stages: { connected: 'connected' },
        until: (page, kind, n, t) => until(page, 'raw', kind, n, t),
        peersWith: (page, kind) => peersWith(page, 'raw', kind),
        marks: (page) => marks(page, 'raw'),
        matches: (topic) => topic.startsWith(`bench/raw/${run}/`),
        rounds: (page, rounds, warmup) => evaluate(page, ({ rounds, warmup }) => window.bench.raw.pingRounds(rounds, warmup), { rounds, warmup }),
        leave: (page) => evaluate(page, () => window.bench.raw.leave()),
      };
    },
  },
  trystero: {
    label: 'Trystero (MQTT)',
    roundTrip: 'request action',
    /** @returns {BenchRoom} */
    room(brokerUrl, run) {
      return {
        join: (page) => evaluate(page, (o) => window.bench.trystero.join(o), { url: brokerUrl, appId: 'rtchat-bench', roomId: `bench-${run}` }),
        stages: { connected: 'joined' },
        until: (page, kind, n, t) => until(page, 'trystero', kind, n, t),
        peersWith: (page, kind) => peersWith(page, 'trystero', kind),
        marks: (page) => marks(page, 'trystero'),
        // Trystero's topics are SHA-1 hashes with no common prefix: everything that is neither
        // ours nor the raw baseline's. Rooms are measured one at a time, so this is this room's.
        matches: (topic) => !topic.startsWith('rtchat/') && !topic.startsWith('bench/'),
        rounds: (page, rounds, warmup) => evaluate(page, ({ rounds, warmup }) => window.bench.trystero.requestRounds(rounds, warmup), { rounds, warmup }),
        leave: (page) => evaluate(page, () => window.bench.trystero.leave()),
      };
    },
  },
};
