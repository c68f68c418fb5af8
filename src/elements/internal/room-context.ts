/**
 * Lets the pieces of one room hear each other: `<rt-chat-room>` provides itself, and an
 * element below it (slotted, nested, or in its built-in layout) listens there to events its
 * neighbours fire, which bubble up to the room. The peer list's `peerselect` turns the
 * composer to one peer; the composer's way back un-presses the peer list.
 */
import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ensureContextRoot } from './context-root.js';

/** Context key of the nearest `<rt-chat-room>` element. */
export const roomContext = createContext<HTMLElement | undefined>(Symbol.for('rtchat-room'));

/** Calls `listener` with the events of `types` that reach the host's room, while the host is connected. */
export class RoomEventsController implements ReactiveController {
  private room: HTMLElement | undefined;
  private listening: HTMLElement | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly types: readonly string[],
    private readonly listener: (event: Event) => void,
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: roomContext,
      subscribe: true,
      callback: (room) => {
        this.room = room;
        this.follow();
      },
    });
  }

  hostConnected(): void {
    ensureContextRoot(this.host.ownerDocument);
    this.follow();
  }

  hostDisconnected(): void {
    this.follow();
  }

  private readonly onEvent = (event: Event): void => this.listener(event);

  private follow(): void {
    const next = this.host.isConnected ? this.room : undefined;
    if (next === this.listening) return;
    for (const type of this.types) {
      this.listening?.removeEventListener(type, this.onEvent);
      next?.addEventListener(type, this.onEvent);
    }
    this.listening = next;
  }
}
