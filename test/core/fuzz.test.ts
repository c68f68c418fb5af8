import { expect } from '@open-wc/testing';
import { offerWithoutCandidates } from '../harness/attacker.js';
import fc from 'fast-check';
import { Identity } from '../../src/core/identity/identity.js';
import { FrameRejected, parseFrame } from '../../src/core/peer/frames.js';
import { SignalGate, SignalRejected, SignalWriter } from '../../src/core/signaling/envelope.js';
import { peerIdOf, type SenderInfo } from '../../src/core/signaling/messages.js';
import { deriveRoom, inboxTopic } from '../../src/core/signaling/room.js';
import { SealKeys } from '../../src/core/signaling/seal-keys.js';

// Property-based fuzzing of the two network gates: whatever arrives, the gate either
// accepts a well-formed value or rejects it with its own error type. Nothing else escapes.

const RUNS = 10_000;

describe('fuzzing the network gates', function () {
  this.timeout(120_000);

  it(`frame gate: ${RUNS} generated frames give a valid frame or FrameRejected`, () => {
    const kinds = ['hello', 'proof', 'chat', 'ack', 'ask', 'answer', 'name', 'ping', 'bye', 'other', '__proto__', 'constructor'];
    const frameLike = fc.record(
      { t: fc.constantFrom(...kinds), id: fc.string(), text: fc.string(), ts: fc.anything(), q: fc.anything(), a: fc.anything(), nonce: fc.string(), name: fc.anything() },
      { requiredKeys: ['t'] },
    );
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    const wellFormed = fc.oneof(
      fc.constant({ t: 'ping' }),
      id.map((i) => ({ t: 'ack', id: i })),
      fc.record({ t: fc.constant('chat'), id, text: fc.string({ minLength: 1, maxLength: 200 }), ts: fc.nat() }),
      fc.record({ t: fc.constant('ask'), id, q: fc.jsonValue() }),
    );
    const input = fc.oneof(
      wellFormed.map((v) => JSON.stringify(v)),
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      frameLike.map((v) => JSON.stringify(v)),
      fc.anything().map((v) => {
        try {
          return JSON.stringify(v) ?? 'undefined';
        } catch {
          return 'cyclic';
        }
      }),
      fc.uint8Array(),
    );
    let accepted = 0;
    fc.assert(
      fc.property(input, (data) => {
        try {
          const f = parseFrame(data);
          accepted++;
          expect(f).to.be.an('object');
          expect(kinds.slice(0, 9)).to.include(f.t);
        } catch (e) {
          if (!(e instanceof FrameRejected)) throw e;
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`frame gate: ${RUNS} inputs, ${accepted} well-formed accepted`);
    expect(accepted).to.be.greaterThan(0);
  });

  it(`signaling gate: ${RUNS} generated payloads (random and mutated real messages) give a message or SignalRejected`, async () => {
    const { topic } = await deriveRoom({ origin: 'o', path: '/', room: 'fuzz' });
    const identity = await Identity.ephemeral();
    const sealKeys = await SealKeys.generate(topic);
    const self: SenderInfo = { publicKey: identity.publicKey, tab: 1, session: 1, name: 'Fuzz', sealKey: sealKeys.publicKey };
    const writer = new SignalWriter({ roomTopic: topic, selfId: peerIdOf(self.publicKey, 1), roomKey: null, sealKeys, signer: identity });
    const target = await SealKeys.generate(topic);
    const targetId = 'target-1';
    const gate = new SignalGate({ roomTopic: topic, selfId: targetId, roomKey: null, sealKeys: target, signer: identity });
    // Real messages to mutate: announces, a leave and a sealed offer to the gate's owner.
    const seeds = [
      await writer.announce(self),
      await writer.leave(self),
      (await writer.direct('offer', self, { id: targetId, sealKey: target.publicKey, session: 9 }, await offerWithoutCandidates())).payload,
    ];
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat(), fc.boolean())
      .map(([seed, flips, cut, truncate]) => {
        const b = seed.slice();
        for (const [at, v] of flips) b[at % b.length] = v;
        return truncate ? b.subarray(0, cut % (b.length + 1)) : b;
      });
    const input = fc.tuple(fc.oneof(fc.uint8Array({ maxLength: 3000 }), mutated), fc.constantFrom(topic, inboxTopic(topic, targetId)));
    let accepted = 0;
    const reasons = new Map<string, number>();
    // The gate rate-limits by design; a fresh gate per batch keeps the fuzzer testing parsing, not the limiter.
    let g = gate;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(input, async ([bytes, t]) => {
        if (++n % 200 === 0) g = new SignalGate({ roomTopic: topic, selfId: targetId, roomKey: null, sealKeys: target, signer: identity });
        try {
          await g.accept(t, bytes);
          accepted++;
        } catch (e) {
          if (!(e instanceof SignalRejected)) throw e;
          reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`signaling gate: ${RUNS} inputs, ${accepted} accepted, rejected by reason: ${JSON.stringify(Object.fromEntries(reasons))}`);
    expect(reasons.get('malformed')).to.be.greaterThan(0);
  });
});
