/**
 * The shared half of `<rt-peer-list>` and `<rt-message-log>`: which client they show (the
 * nearest room's through @lit/context, or one set directly) and listening to its events
 * while connected to the document.
 */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { clientContext, type ChatClient } from '../context.js';
import { withStrings, type RTChatStrings } from '../strings.js';
import { ensureContextRoot } from './context-root.js';

/**
 * Base class of the elements that show a room's client; not an element of its own.
 * @internal
 */
export abstract class ClientConsumerElement extends LitElement {
  private explicitClient: ChatClient | undefined;
  private providedClient: ChatClient | undefined;
  /** The client whose events we listen to now. */
  private listening: ChatClient | undefined;
  /** The client the element's model was built for. */
  private modelClient: ChatClient | undefined;

  /** Replacement UI strings (see `RTChatStrings`); entries left out stay English. */
  @property({ attribute: false }) strings: Partial<RTChatStrings> = {};

  /**
   * The RTChatClient to show. By default the client of the nearest `<rt-chat-room>` above
   * this element (slotted or nested, even in shadow roots); set it to use a client directly.
   */
  @property({ attribute: false })
  get client(): ChatClient | undefined {
    return this.explicitClient ?? this.providedClient;
  }
  set client(value: ChatClient | undefined) {
    this.explicitClient = value ?? undefined;
    this.follow();
  }

  /** Set by @lit/context with the nearest room's client. */
  @consume({ context: clientContext, subscribe: true })
  protected get contextClient(): ChatClient | undefined {
    return this.providedClient;
  }
  protected set contextClient(value: ChatClient | undefined) {
    this.providedClient = value;
    this.follow();
  }

  /** The strings in effect: the defaults with `strings` applied. */
  protected get text(): RTChatStrings {
    return withStrings(this.strings);
  }

  /** Names of the client events that change what this element shows. */
  protected abstract get clientEvents(): readonly string[];

  /** Called with every listened client event, before the element re-renders. */
  protected abstract handleClientEvent(event: Event): void;

  /** Called when the element starts showing another client (not on mere re-attachment). */
  protected abstract clientChanged(next: ChatClient, previous: ChatClient | undefined): void;

  override connectedCallback(): void {
    // Before super: its context request must reach the ContextRoot if no room answers yet.
    ensureContextRoot(this.ownerDocument);
    super.connectedCallback();
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.follow();
  }

  private readonly onClientEvent = (event: Event): void => {
    this.handleClientEvent(event);
    this.requestUpdate();
  };

  /** Listens to the client in effect while connected; nothing while detached (no leaks). */
  private follow(): void {
    const next = this.isConnected ? this.client : undefined;
    if (next === this.listening) return;
    for (const type of this.clientEvents) {
      this.listening?.removeEventListener(type, this.onClientEvent);
      next?.addEventListener(type, this.onClientEvent);
    }
    this.listening = next;
    if (next && next !== this.modelClient) {
      const previous = this.modelClient;
      this.modelClient = next;
      this.clientChanged(next, previous);
    }
    this.requestUpdate();
  }
}
