import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Peer } from '../../core/index.js';
import type { ChatClient } from '../context.js';
import { RTPeerSelectEvent } from '../events/peer-select-event.js';
import { ClientController } from '../internal/client-controller.js';
import { defineElement } from '../internal/define-element.js';
import { RoomEventsController } from '../internal/room-context.js';
import { shownName } from '../internal/shown-name.js';
import { withStrings, type RTChatStrings } from '../strings.js';
import { composerStyles } from './composer.styles.js';

/** A paper clip, drawn: an emoji would need an emoji font, which not every system has. */
const paperClip = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path transform="rotate(40 12 12)" d="M15 7v8.5a3 3 0 0 1-6 0V5.5a2 2 0 0 1 4 0v9a1 1 0 0 1-2 0V7" /></svg>`;

const hasFiles = (data: DataTransfer | null): data is DataTransfer => !!data && [...data.types].includes('Files');

/** Whether the browser sizes a text area to its content by CSS alone. */
const sizesByCss = typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content');

/**
 * Where a person writes: a message field with a Send button, an attach button for files, and
 * below them why sending is disabled while nobody is verified and what happened to files being
 * sent. Writes through the nearest `<rt-chat-room>`'s client, or the one set as its `client`
 * property.
 *
 * The message field starts one line high and grows with its text up to
 * `--rt-composer-max-lines` lines (default 6), then scrolls; it has no resize grip. At most
 * 16,384 characters.
 *
 * Keys in the message field (said to assistive technology as its description):
 * - Enter sends; Shift+Enter starts a new line. While an input method is composing (Japanese,
 *   Chinese, …), Enter confirms the composition and sends nothing.
 * - Escape leaves direct-message mode (back to the whole room). Otherwise the composer leaves
 *   Escape alone, so a panel around it can close (`<rt-chat-widget>` does); the text is kept.
 *
 * Files: the attach button, files dropped onto the composer, or an image pasted into the
 * message field (text copied from an office app pastes as text). Typing tells the verified
 * peers you are typing.
 *
 * Direct messages: in a room, the composer follows the peer list's `peerselect` (a peer's
 * Message button): it then writes to that peer only ("To: Alice"), and messages and files go
 * to that peer alone. Escape in the message field or "Back to the room" returns to everyone
 * and fires `peerselect` with `peer` null, which the peer list follows. A page can also set
 * `to` itself.
 *
 * @tagname rt-composer
 * @summary Writes to a room: messages, files, direct messages to one peer, typing signals.
 *
 * @csspart base - The message form.
 * @csspart direct-target - In direct-message mode: "To: Alice" and the way back.
 * @csspart back-button - Leaves direct-message mode.
 * @csspart attach-button - Opens the file chooser.
 * @csspart input - The message text area.
 * @csspart send-button - The send button.
 * @csspart hint - Why sending is disabled.
 * @csspart notice - What happened to files being sent (preparing, too large).
 *
 * @fires {RTPeerSelectEvent} peerselect - A person left direct-message mode (Escape or "Back to the room"): `peer` is null.
 *
 * @cssstate dragging - Files are being dragged over the composer.
 *
 * @cssprop --rt-accent - Send button and the direct-message target.
 * @cssprop --rt-accent-text - Text on the accent colour.
 * @cssprop --rt-background - Background of the message field.
 * @cssprop --rt-surface - Background of the attach and back buttons.
 * @cssprop --rt-text - Text colour.
 * @cssprop --rt-muted - The hint and the file notice.
 * @cssprop --rt-border - Border of the field and buttons.
 * @cssprop --rt-radius - Corner radius.
 * @cssprop --rt-font - Font family.
 * @cssprop --rt-font-size - Base font size.
 * @cssprop --rt-spacing - Base spacing unit.
 * @cssprop --rt-focus - Focus ring colour.
 * @cssprop --rt-composer-max-lines - How many lines the message field grows to before it scrolls (default 6).
 */
export class RTComposer extends LitElement {
  static override styles = composerStyles;

  /**
   * Registers the element (no-op when `tag` is already defined).
   * @example RTComposer.define(); // <rt-composer>
   */
  static define(tag = 'rt-composer', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Replacement UI strings (see `RTChatStrings`); entries left out stay English. */
  @property({ attribute: false }) strings: Partial<RTChatStrings> = {};

  /**
   * The peer messages and files go to directly, or null for every verified peer. Follows the
   * room's `peerselect`; a newer session of the same peer (after a reconnect) keeps the choice.
   */
  @property({ attribute: false })
  get to(): Peer | null {
    return this.direct;
  }
  set to(peer: Peer | null) {
    if (peer !== this.direct) this.notice = ''; // it was about the other choice
    this.direct = peer;
  }

  private direct: Peer | null = null;
  /** What happened to files being sent. */
  @state() private notice = '';

  @query('textarea') private input?: HTMLTextAreaElement;
  @query('input[type="file"]') private fileInput?: HTMLInputElement;

  private readonly internals = this.attachInternals();

  private readonly clients = new ClientController(this, {
    // Whether anyone can be written to, and the direct peer's name.
    events: ['peerstate', 'verified', 'peerdisconnected', 'namechange', 'trustchange', 'statechange'],
    onClientChange: () => {
      this.to = null; // a peer of the room we left
      this.notice = '';
    },
  });

  constructor() {
    super();
    new RoomEventsController(this, ['peerselect'], (e) => void this.choose((e as RTPeerSelectEvent).peer));
    this.addEventListener('dragenter', this.onDragOver);
    this.addEventListener('dragover', this.onDragOver);
    this.addEventListener('dragleave', this.onDragLeave);
    this.addEventListener('drop', this.onDrop);
  }

  /**
   * The RTChatClient to write through. By default the client of the nearest `<rt-chat-room>`
   * above this element (slotted or nested, even in shadow roots); set it to use a client directly.
   */
  @property({ attribute: false })
  get client(): ChatClient | undefined {
    return this.clients.client;
  }
  set client(value: ChatClient | undefined) {
    this.clients.client = value;
  }

  /** Puts the keyboard focus in the message field. */
  override focus(options?: FocusOptions): void {
    if (this.input) this.input.focus(options);
    else super.focus(options);
  }

  /**
   * Offers files as the attach button does: to `to` when set, else to every verified peer.
   * Large files take a moment to hash first. Problems (too large, nobody to send to) are
   * shown in the composer.
   * @example composer.sendFiles(input.files);
   */
  async sendFiles(files: Iterable<File>): Promise<void> {
    const client = this.client;
    const list = [...files];
    if (!client || !list.length) return;
    const t = this.text;
    const to = this.to ? this.directPeer : null;
    if (!this.canSend || to === undefined) {
      this.notice = this.to ? t.directUnavailable(shownName(this.to)) : t.nobodyVerified;
      return;
    }
    let failed = false;
    for (const file of list) {
      this.notice = t.preparingFile(file.name);
      try {
        await client.sendFile(file, to ? { to } : {});
      } catch (e) {
        failed = true;
        this.notice = e instanceof RangeError ? t.fileTooLarge(file.name) : t.fileNotSent(file.name);
      }
    }
    if (!failed) this.notice = '';
  }

  /** The strings in effect: the defaults with `strings` applied. */
  private get text(): RTChatStrings {
    return withStrings(this.strings);
  }

  /** The peer chosen for direct messages, when it is here (a newer session of it counts). */
  private get directPeer(): Peer | undefined {
    const id = this.to?.id;
    const peer = id ? this.client?.getPeer(id) : undefined;
    return peer?.id === id ? peer : undefined;
  }

  private get canSend(): boolean {
    if (this.to) return !!this.directPeer?.verified;
    return !!this.client?.peers.some((p) => p.verified);
  }

  /** Writes to `peer` only, or to everyone (null), and puts the focus in the message field. */
  private async choose(peer: Peer | null): Promise<void> {
    this.to = peer;
    await this.updateComplete;
    this.focus();
  }

  /**
   * Back to the whole room; the peer list un-presses its Message button on this event. (An
   * arrow field: the manifest analyzer would list its dispatch as a second, nameless event.)
   */
  private readonly back = (): void => {
    void this.choose(null);
    this.dispatchEvent(new RTPeerSelectEvent(null));
  };

  private send(): void {
    const input = this.input;
    const client = this.client;
    const direct = this.to ? this.directPeer : null;
    if (!input || !client || direct === undefined || !this.canSend || !input.value.trim()) return;
    try {
      if (direct) direct.send(input.value);
      else client.broadcast(input.value);
      input.value = '';
      this.fitInput();
      input.focus(); // after a click on Send, typing goes on in the message field
    } catch {
      // Too long: the textarea's maxlength prevents it; keep the text either way.
    }
  }

  private onKeyDown(e: KeyboardEvent): void {
    // keyCode 229: Safari reports the Enter that ends a composition after compositionend.
    if (e.isComposing || e.keyCode === 229 || e.defaultPrevented) return;
    if (e.key === 'Escape' && this.to) {
      e.preventDefault();
      this.back();
      return;
    }
    if (e.key !== 'Enter' || e.shiftKey) return;
    e.preventDefault();
    this.send();
  }

  /** Where CSS cannot size the field to its text: as high as its text, up to its max-height. */
  private fitInput(): void {
    const input = this.input;
    if (sizesByCss || !input) return;
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight + input.offsetHeight - input.clientHeight}px`;
  }

  private onInput(): void {
    this.fitInput();
    // Typing signals go to every verified peer: in direct mode they would tell the others
    // we type to them, so they are left out there (the client cannot address one peer).
    if (!this.to && this.input?.value.trim()) this.client?.typing();
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    this.send();
  }

  private onFilesChosen(): void {
    const input = this.fileInput;
    if (!input?.files?.length) return;
    const files = [...input.files];
    input.value = ''; // choosing the same file again is a new change
    void this.sendFiles(files);
  }

  private onPaste(e: ClipboardEvent): void {
    const data = e.clipboardData;
    if (!data?.files.length) return;
    // An office app's copied text carries a picture of itself too: text pastes as text.
    if ([...data.types].includes('text/plain')) return;
    e.preventDefault();
    void this.sendFiles([...data.files]);
  }

  private readonly onDragOver = (e: DragEvent): void => {
    if (!hasFiles(e.dataTransfer)) return;
    e.preventDefault(); // without this the browser would open the file in place of the page
    e.dataTransfer.dropEffect = this.canSend ? 'copy' : 'none';
    this.setDragging(true);
  };

  private readonly onDragLeave = (e: DragEvent): void => {
    const to = e.relatedTarget as Node | null;
    if (!to || !this.contains(to)) this.setDragging(false);
  };

  /** Takes the files; a room around it sees the drop handled (`defaultPrevented`) and leaves it. */
  private readonly onDrop = (e: DragEvent): void => {
    if (!hasFiles(e.dataTransfer) || e.defaultPrevented) return;
    e.preventDefault();
    this.setDragging(false);
    void this.sendFiles([...e.dataTransfer.files]);
  };

  private setDragging(on: boolean): void {
    if (on) this.internals.states.add('dragging');
    else this.internals.states.delete('dragging');
  }

  protected override render() {
    const t = this.text;
    const canSend = this.canSend;
    const direct = this.to ? shownName(this.directPeer ?? this.to) : null;
    return html`<form part="base" class="base" @submit=${this.onSubmit}>
      ${
        direct !== null
          ? html`<div part="direct-target" class="direct-target">
            <span class="direct-to">${t.directTo(direct)}</span>
            <button part="back-button" class="back" type="button" @click=${this.back}>${t.backToRoom}</button>
          </div>`
          : nothing
      }
      <input class="file-input" type="file" multiple hidden aria-label=${t.attachFiles} @change=${this.onFilesChosen} />
      <button part="attach-button" class="attach" type="button" aria-label=${t.attachFiles} title=${t.attachFiles} ?disabled=${!canSend} @click=${() => this.fileInput?.click()}>
        ${paperClip}
      </button>
      <textarea
        part="input"
        class="input"
        rows="1"
        maxlength="16384"
        aria-label=${direct !== null ? t.directTo(direct) : t.messageLabel}
        aria-describedby="send-keys send-hint"
        placeholder=${direct !== null ? t.directPlaceholder(direct) : t.messagePlaceholder}
        @keydown=${this.onKeyDown}
        @input=${this.onInput}
        @paste=${this.onPaste}
      ></textarea>
      <button part="send-button" class="send" type="submit" ?disabled=${!canSend}>${t.send}</button>
      <span class="visually-hidden" id="send-keys">${t.sendKeysHint}</span>
      <p part="hint" class="hint" id="send-hint" ?hidden=${canSend}>${direct !== null ? t.directUnavailable(direct) : t.nobodyVerified}</p>
      <p part="notice" class="notice" role="status">${this.notice}</p>
    </form>`;
  }
}
