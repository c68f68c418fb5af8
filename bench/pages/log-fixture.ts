// A stand-in client for <rt-message-log> in bench and screenshot pages: the log needs only
// events and a few getters, so it can be filled with thousands of lines without a room.
// Loaded as its own script beside the element's bundle (this branch's or another's), so the
// same fixture drives both. Exposes `window.logFixture`.
import { ChatMessageEvent, ChatSentEvent, DeliveredEvent, PeerConnectedEvent, ReactionEvent, VerifiedEvent } from '../../src/core/index.js';

interface FixturePeer {
  id: string;
  key: string;
  name: string;
  tab: number;
  label: string;
  state: string;
  verified: boolean;
  trust: string;
  nameWarning: null;
  ownTab: boolean;
}

let next = 1;

const peer = (name: string): FixturePeer => {
  const n = next++;
  return { id: `peer-${n}`, key: `key-${n}-${name}`, name, tab: 1, label: name, state: 'verified', verified: true, trust: 'pinned', nameWarning: null, ownTab: false };
};

class FixtureClient extends EventTarget {
  id = 'me';
  name = 'Me';
  publicKey = new Uint8Array(32).fill(7);
  state = 'connected';
  peers: FixturePeer[] = [];
  history: unknown[] = [];
  getPeer(id: string) {
    return this.peers.find((p) => p.id === id);
  }
  react(messageId: string, emoji: string, on = true) {
    this.dispatchEvent(new ReactionEvent({ peer: null, messageId, emoji, on }));
  }
  join(p: FixturePeer) {
    this.peers.push(p);
    this.dispatchEvent(new PeerConnectedEvent({ peer: p as never }));
    this.dispatchEvent(new VerifiedEvent({ peer: p as never, trust: 'pinned', safetyCode: '1' }));
  }
  say(p: FixturePeer, text: string, sentAt = Date.now()) {
    this.dispatchEvent(new ChatMessageEvent({ peer: p as never, id: `m${next++}`, text, sentAt, direct: false }));
  }
  send(text: string, sentAt = Date.now(), delivered = true): string {
    const id = `s${next++}`;
    const sentTo = this.peers.map((p) => p.key);
    this.dispatchEvent(new ChatSentEvent({ record: { id, from: null, to: null, direct: false, text, sentAt, deliveredTo: [], sentTo }, to: null }));
    if (delivered && this.peers[0]) this.dispatchEvent(new DeliveredEvent({ peer: this.peers[0] as never, id, complete: true }));
    return id;
  }
  reactAs(p: FixturePeer, messageId: string, emoji: string) {
    this.dispatchEvent(new ReactionEvent({ peer: p as never, messageId, emoji, on: true }));
  }
}

(globalThis as unknown as { logFixture: unknown }).logFixture = { FixtureClient, peer };
