/** Reads what a person sees in a room, its peer list and its message log (this page). */
import type { RTChatRoom } from '../../src/elements/chat-room/chat-room.js';
import type { RTComposer } from '../../src/elements/composer/composer.js';
import type { RTMessageLog } from '../../src/elements/message-log/message-log.js';
import type { RTPeerList } from '../../src/elements/peer-list/peer-list.js';
import { allInShadow, inShadow } from './dom.js';

export interface PeerRow {
  name: string;
  state: string;
  badge: string | null;
}

/** The built-in peer list of a room without children. */
export const peerListOf = (room: RTChatRoom) => inShadow<RTPeerList>(room, 'rt-peer-list')!;
/** The built-in message log of a room without children. */
export const messageLogOf = (room: RTChatRoom) => inShadow<RTMessageLog>(room, 'rt-message-log')!;
/** The built-in composer of a room without children. */
export const composerOf = (room: RTChatRoom) => inShadow<RTComposer>(room, 'rt-composer')!;
/** Source of an expression for the remote room's built-in composer's shadow root (`room` in scope). */
export const remoteComposerRoot = `room.shadowRoot.querySelector('rt-composer').shadowRoot`;

export const peerRows = (list: Element): PeerRow[] =>
  allInShadow(list, '[part="peer"]').map((li) => ({
    name: li.querySelector('[part="peer-name"]')!.textContent!,
    state: li.querySelector('[part="state"]')!.textContent!,
    badge: li.querySelector('[part="badge"]')?.textContent ?? null,
  }));

export const messages = (log: Element) =>
  allInShadow(log, '[part~="message"]').map((m) => ({
    sender: m.querySelector('[part="sender"]')!.textContent!,
    text: m.querySelector('[part="body"]')!.textContent!,
    own: m.matches('[part~="own"]'),
    delivery: m.querySelector('[part="delivery"]')?.textContent?.trim() ?? null,
  }));

export const systemLines = (log: Element) => allInShadow(log, '[part="system"]').map((s) => s.textContent!);

/** Probe sources for a remote page's `window.room` (see remote-room.ts). */
export const remoteProbe = {
  /** The rows of the remote room's peer list, when `name` has `state`. */
  peerInState: (name: string, state: string) =>
    `(room) => [...room.shadowRoot.querySelector('rt-peer-list').shadowRoot.querySelectorAll('[part="peer"]')].some((li) => li.querySelector('[part="peer-name"]').textContent === ${JSON.stringify(name)} && li.querySelector('[part="state"]').textContent === ${JSON.stringify(state)})`,
  /** The texts of the remote room's messages, once one equals `text`. */
  messageText: (text: string) =>
    `(room) => { const texts = [...room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelectorAll('[part~="message"]')].map((m) => ({ text: m.querySelector('[part="body"]').textContent, sender: m.querySelector('[part="sender"]').textContent })); return texts.some((t) => t.text === ${JSON.stringify(text)}) && texts; }`,
  /** The remote room's recorded events, once one of `type` is there. */
  event: (type: string) => `(room) => window.roomEvents.some((e) => e.type === ${JSON.stringify(type)}) && window.roomEvents`,
};

/** What the file lines of a log show: name, the state of each transfer, the buttons offered. */
export const fileLines = (log: Element) =>
  allInShadow(log, '[part~="file"]').map((li) => ({
    name: li.querySelector('[part="file-name"]')!.textContent!,
    own: li.matches('[part~="own"]'),
    status: [...li.querySelectorAll('[part="file-status"]')].map((s) => s.textContent!),
    buttons: [...li.querySelectorAll('button')].map((b) => b.textContent!.trim()),
  }));

/** Source of `(room) => …` for the remote page: its file lines, as `fileLines` reads them. */
export const remoteFileLines = `(room) => [...room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelectorAll('[part~="file"]')].map((li) => ({
  name: li.querySelector('[part="file-name"]').textContent,
  own: li.matches('[part~="own"]'),
  status: [...li.querySelectorAll('[part="file-status"]')].map((s) => s.textContent),
  buttons: [...li.querySelectorAll('button')].map((b) => b.textContent.trim()),
}))`;

/** Source of `(room) => …`: clicks the first button with `part` in the remote room's log. */
export const remoteClickInLog = (part: string) =>
  `(room) => { const b = room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelector('[part="${part}"]'); if (!b) return false; b.click(); return true; }`;
