/**
 * Which client an element shows, and its events: the nearest room's client (through
 * @lit/context, followed when the room rejoins) or one set directly, listened to only while
 * the element is in the document. `<rt-peer-list>`, `<rt-message-log>` and `<rt-composer>`
 * each hold one.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clientContext, type ChatClient } from '../context.js';
import { ensureContextRoot } from './context-root.js';

export interface ClientControllerOptions {
  /** Names of the client events that change what the host shows; each one updates the host. */
  events: readonly string[];
  /** Called with each of those events, before the host updates. */
  onEvent?: (event: Event) => void;
  /** Called when the host starts showing another client (not when it is merely re-attached). */
  onClientChange?: (next: ChatClient, previous: ChatClient | undefined) => void;
}

export class ClientController implements ReactiveController {
  private explicit: ChatClient | undefined;
  private provided: ChatClient | undefined;
  /** The client whose events we listen to now. */
  private listening: ChatClient | undefined;
  /** The client the host's model was built for. */
  private shown: ChatClient | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ClientControllerOptions,
  ) {
    host.addController(this);
    // Added after this controller: hostConnected below attaches the ContextRoot before the
    // consumer's request goes out, so a room that upgrades later still answers it.
    new ContextConsumer(host, {
      context: clientContext,
      subscribe: true,
      callback: (client) => {
        this.provided = client;
        this.follow();
      },
    });
  }

  /** The client set directly, else the nearest room's. */
  get client(): ChatClient | undefined {
    return this.explicit ?? this.provided;
  }

  set client(value: ChatClient | undefined) {
    this.explicit = value ?? undefined;
    this.follow();
  }

  hostConnected(): void {
    ensureContextRoot(this.host.ownerDocument);
    this.follow();
  }

  hostDisconnected(): void {
    this.follow();
  }

  private readonly onEvent = (event: Event): void => {
    this.options.onEvent?.(event);
    this.host.requestUpdate();
  };

  /** Listens to the client in effect while connected; to nothing while detached (no leaks). */
  private follow(): void {
    const next = this.host.isConnected ? this.client : undefined;
    if (next === this.listening) return;
    for (const type of this.options.events) {
      this.listening?.removeEventListener(type, this.onEvent);
      next?.addEventListener(type, this.onEvent);
    }
    this.listening = next;
    if (next && next !== this.shown) {
      const previous = this.shown;
      this.shown = next;
      this.options.onClientChange?.(next, previous);
    }
    this.host.requestUpdate();
  }
}
