/** `<rt-chat-room>`s in this page for two-browser tests, removed again by `removeLocalRooms()`. */
import type { RTChatRoom } from '../../src/elements/chat-room/chat-room.js';
import '../../src/elements/define.js';
import { until } from './dom.js';
import { roomAttributes } from './remote-room.js';
import { peerListOf, peerRows } from './room-view.js';
import { hereFirst } from '../harness/rooms.js';

const rooms: RTChatRoom[] = [];

/** A room in this page with the test attributes plus `extra`. */
export function localRoom(topic: string, extra: Record<string, string> = {}): RTChatRoom {
  const room = document.createElement('rt-chat-room');
  for (const [name, value] of Object.entries({ ...roomAttributes(topic), ...extra })) room.setAttribute(name, value);
  document.body.append(room);
  rooms.push(room);
  return room;
}

/** Removes every room `localRoom` made (call in afterEach). */
export function removeLocalRooms(): void {
  for (const room of rooms.splice(0)) room.remove();
}

export const newTopic = () => `elements-${crypto.randomUUID()}`;

/**
 * Resolves once the room's client joined and announced itself. Announces say how long their
 * sender has been in the room and the one who was there first decides about the other, so a
 * page opened after this is the newcomer, and this room decides (see `hereFirst`).
 */
export async function joined(room: RTChatRoom): Promise<void> {
  await room.updateComplete;
  await room.client!.connect();
  await hereFirst();
}

/** Waits until the room's peer list shows `name` in `state`. */
export const waitForPeer = (room: RTChatRoom, name: string, state = 'verified') =>
  until(() => peerRows(peerListOf(room)).find((r) => r.name === name && r.state === state), `${name} ${state} in the peer list`);
