/**
 * What a peer reports, turned into the client's events and handed to the part that owns
 * it: lifecycle to admission and delivery, proofs to trust, messages to the messenger.
 */
import {
  FileEndEvent,
  FileOfferEvent,
  FileProgressEvent,
  FileReceivedEvent,
  NameChangeEvent,
  PeerConnectedEvent,
  PeerDisconnectedEvent,
  PeerStateEvent,
  QuestionEvent,
  TypingEvent,
  VerificationFailedEvent,
  VerifiedEvent,
} from '../events/index.js';
import type { PeerHandlers, PeerLink, PeerMessage } from '../peer/peer-link.js';
import type { Admission } from './admission.js';
import type { RoomContext } from './context.js';
import type { Messenger } from './messenger.js';
import type { HistorySync } from '../history/history-sync.js';
import type { Negotiator } from './negotiator.js';
import type { PeerRegistry } from './peers.js';
import type { TrustKeeper } from './trust-keeper.js';

/** The client's parts; `negotiator` is read when first needed (it is made after the handlers). */
export interface Parts {
  ctx: RoomContext;
  peers: PeerRegistry;
  admission: Admission;
  messenger: Messenger;
  /** Shared history (history/history-sync.ts). */
  sync: HistorySync;
  negotiator: Negotiator;
  trust: TrustKeeper;
  /** Our current name (a peer verifying while we renamed hears it). */
  ownName(): string | null;
}

export function peerHandlers(parts: Parts): PeerHandlers {
  const { ctx, peers, admission, messenger, trust } = parts;
  return {
    stateChanged: (link, previous) => ctx.emit(new PeerStateEvent({ peer: link.peer, previous })),
    opened: (link) => ctx.emit(new PeerConnectedEvent({ peer: link.peer })),
    judge: (link, name) => trust.judge(link, name),
    verified: (link) => {
      // Our name may have changed while this peer was verifying (it only hears names from verified peers).
      const name = parts.ownName();
      if (name) link.sendName(name);
      ctx.emit(new VerifiedEvent({ peer: link.peer, trust: link.trust ?? 'pinned', safetyCode: link.safetyCode ?? '' }));
      messenger.verified(link);
      parts.sync.verified(link);
    },
    failed: (link, reason) => ctx.emit(new VerificationFailedEvent({ peer: link.peer, reason })),
    closed: (link, reason, wasOpen) => {
      admission.closed(link);
      peers.delete(link);
      if (link.trust && reason !== 'closed' && reason !== 'policy') messenger.wentAway(link);
      if (wasOpen || reason === 'declined' || link.negotiation.consent === 'accepted') ctx.emit(new PeerDisconnectedEvent({ peer: link.peer, reason }));
      // A connection lost (not left) may come back: tell the room we are here.
      if ((reason === 'lost' || reason === 'timeout') && wasOpen && !ctx.closed) void parts.negotiator.announcer.start();
    },
    message: (link, m) => onMessage(parts, link, m),
    question: (link, question) => {
      const event = new QuestionEvent({ peer: link.peer, question });
      ctx.emit(event);
      return event.response ?? Promise.reject(new Error('no answer: the peer has no question handler'));
    },
    drop: (link, reason, detail) => ctx.drop('channel', reason, detail, link.id),
    pathLost: (link) => void parts.negotiator.restartIce(link).catch(() => {}),
    sendDirect: (link, text) => messenger.direct(link, text),
  };
}

function onMessage(parts: Parts, link: PeerLink, m: PeerMessage): void {
  const { ctx, messenger, trust } = parts;
  const peer = link.peer;
  switch (m.t) {
    case 'chat':
      if (messenger.received(link, m) && !m.direct) parts.sync.live(link, m);
      return;
    case 'hsum':
      return parts.sync.summary(link, m);
    case 'hmsg':
      return parts.sync.shared(link, m);
    case 'ack':
      return messenger.acknowledged(link, m.id);
    case 'typing':
      return void ctx.emit(new TypingEvent({ peer }));
    case 'reaction':
      return void messenger.reacted(link, link.key, m.id, m.emoji, m.on);
    case 'name':
      // A verified peer's new name is judged like the one it verified under.
      if (trust.rejudge(link)) ctx.emit(new NameChangeEvent({ peer, name: link.name, previous: m.previous }));
      return;
    case 'file-offer':
      return void ctx.emit(new FileOfferEvent({ peer, transfer: m.transfer }));
    case 'file-progress':
      return void ctx.emit(new FileProgressEvent({ peer, transfer: m.transfer }));
    case 'file-end': {
      const t = m.transfer;
      // A file received whole has its own event; every other end is `fileend`.
      if (t.direction === 'receive' && t.state === 'done' && t.file) ctx.emit(new FileReceivedEvent({ peer, transfer: t, file: t.file }));
      else ctx.emit(new FileEndEvent({ peer, transfer: t }));
      return;
    }
  }
}
