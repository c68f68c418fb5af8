import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConnectionRequest, Peer, RequestChangeEvent } from '../../core/index.js';
import type { ChatClient } from '../context.js';
import { RTPeerSelectEvent } from '../events/peer-select-event.js';
import { ClientController } from '../internal/client-controller.js';
import { defineElement } from '../internal/define-element.js';
import { RoomEventsController } from '../internal/room-context.js';
import { withStrings, type RTChatStrings } from '../strings.js';
import { PeerRoster, rowState, trustBadge, type PeerRowState, type TrustBadge } from './peer-roster.js';
import { peerListStyles } from './peer-list.styles.js';

/**
 * The people in a room: each peer with name, state and trust badge (and a tab number when one
 * person is here in two tabs), its safety
 * code on demand, and pending connection requests with Accept / Not now buttons. Shows the
 * nearest `<rt-chat-room>`'s client, or the one set as its `client` property.
 *
 * First contact (one decision per pair): a member decides about each newcomer who knocks
 * ("Newt wants to join."); the newcomer is not asked, and sees "Waiting for Ada to let you
 * in…", then the connection or "Ada said not now". Someone answered "Not now" stays in the
 * "Not now" list while they are in the room, with a Let in button. Another tab of your own
 * identity connects without asking and is shown as "You (another tab)", with no trust badge
 * or safety code (it is you).
 *
 * A request is offered here unless a page listener took the decision (called
 * `preventDefault()` on the room's `connectionrequest`). Every control is a plain button:
 * Tab moves between them, Enter or Space presses them.
 *
 * With `selectable` (the room's built-in list has it), each verified peer has a Message
 * button that fires `peerselect` to write to that peer only; pressing it again (or on
 * another peer) changes the choice. The chosen peer's button shows pressed. A `<rt-composer>`
 * in the same room follows the choice, and the list follows the composer's way back to the
 * whole room.
 *
 * @tagname rt-peer-list
 * @summary The peers of a room, their verification and trust, and connection requests.
 *
 * @csspart requests - The list of pending connection requests.
 * @csspart prompt - One connection request.
 * @csspart prompt-text - The request's sentence ("Newt wants to join.").
 * @csspart accept-button - Accepts a request.
 * @csspart decline-button - Answers a request "Not now" (a knock moves to the Not now list).
 * @csspart not-now-label - The heading of the Not now list.
 * @csspart not-now - The list of knocks answered "Not now" whose person is still in the room.
 * @csspart not-now-peer - One of them.
 * @csspart let-in-button - Lets someone answered "Not now" in after all.
 * @csspart list - The list of peers.
 * @csspart peer - One peer; `data-state` is its state (`connecting`, `verified`, `failed`, `left`, `declined`, and while we knock at its door `waiting` or `not-now`).
 * @csspart peer-name - A peer's display name ("You (another tab)" for our own other tab).
 * @csspart tab - A peer's tab number, shown only while the same person (key) is listed more than once.
 * @csspart state - A peer's state (connecting, verified, failed, left, declined; "Waiting for Ada to let you in…", "Ada said not now").
 * @csspart badge - A peer's trust badge: trusted, first meeting (`new-key`), or a warning about its name (key changed, look-alike name, mixed alphabets); `data-trust` says which.
 * @csspart code-button - Shows or hides a peer's safety code.
 * @csspart safety-code - The safety code and its explanation.
 * @csspart warning - Under a peer whose name may mislead: what the warning badge means and what to do.
 * @csspart trust-button - In the safety code: trusts the peer's key under its name (after comparing codes).
 * @csspart message-button - (with `selectable`) Chooses a verified peer to write to directly; `aria-pressed` while chosen.
 * @csspart empty - The text shown while nobody else is here (not while we wait to be let in).
 *
 * @fires {RTPeerSelectEvent} peerselect - (with `selectable`) A person chose a peer to write to directly (`peer`), or pressed the chosen one again to go back to the room (`peer` null).
 *
 * @cssprop --rt-accent - Accent colour (Accept button, request outline).
 * @cssprop --rt-accent-text - Text on the accent colour.
 * @cssprop --rt-background - Background colour.
 * @cssprop --rt-surface - Background of a peer and of a request.
 * @cssprop --rt-text - Text colour.
 * @cssprop --rt-muted - Secondary text (tab, state).
 * @cssprop --rt-border - Border colour of buttons.
 * @cssprop --rt-success - Verified state and trusted badge.
 * @cssprop --rt-danger - Failed state and key-changed badge.
 * @cssprop --rt-radius - Corner radius.
 * @cssprop --rt-font - Font family.
 * @cssprop --rt-font-size - Base font size.
 * @cssprop --rt-spacing - Base spacing unit.
 * @cssprop --rt-focus - Focus ring colour.
 */
export class RTPeerList extends LitElement {
  static override styles = peerListStyles;

  /**
   * Registers the element (no-op when `tag` is already defined).
   * @example RTPeerList.define(); // <rt-peer-list>
   */
  static define(tag = 'rt-peer-list', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Shows a Message button per verified peer, which fires `peerselect`. */
  @property({ type: Boolean, reflect: true }) selectable = false;

  /**
   * Id of the peer chosen to write to directly (its Message button shows pressed); null for
   * the room. Follows `peerselect` in the same room (from this list or a composer).
   */
  @property({ attribute: false }) selected: string | null = null;

  /** Replacement UI strings (see `RTChatStrings`); entries left out stay English. */
  @property({ attribute: false }) strings: Partial<RTChatStrings> = {};

  private readonly roster = new PeerRoster();
  /** Peers whose safety code is shown. */
  @state() private openCodes = new Set<string>();

  private readonly clients = new ClientController(this, {
    // requestchange: a request decided, withdrawn (the peer left) or taken by a page listener.
    // knockchange: our knock at a member's door (waiting, not now, let in).
    events: [
      'peerseen',
      'peerstate',
      'connectionrequest',
      'requestchange',
      'knockchange',
      'peerconnected',
      'verified',
      'trustchange',
      'verificationfailed',
      'peerdisconnected',
      'namechange',
    ],
    onEvent: (event) => {
      const peer = (event as Event & { peer?: Peer | null }).peer ?? (event as RequestChangeEvent).request?.peer;
      if (peer) this.roster.see(peer);
    },
    onClientChange: (next) => {
      this.roster.reset(next.peers);
      this.openCodes = new Set();
      this.selected = null; // a peer of the room we left
    },
  });

  constructor() {
    super();
    new RoomEventsController(this, ['peerselect'], (e) => (this.selected = (e as RTPeerSelectEvent).peer?.id ?? null));
  }

  /**
   * The RTChatClient to show. By default the client of the nearest `<rt-chat-room>` above
   * this element (slotted or nested, even in shadow roots); set it to use a client directly.
   */
  @property({ attribute: false })
  get client(): ChatClient | undefined {
    return this.clients.client;
  }
  set client(value: ChatClient | undefined) {
    this.clients.client = value;
  }

  /** Requests this list offers to the user: those no page listener is deciding. */
  private get prompts(): ConnectionRequest[] {
    return this.client?.requests.filter((r) => r.state === 'waiting' && !r.handled) ?? [];
  }

  /** Knocks answered "Not now" that may still be let in (a page's stand-in client may have none). */
  private get notNow(): ConnectionRequest[] {
    return this.client?.notNow?.filter((r) => r.state === 'rejected') ?? [];
  }

  private decide(request: ConnectionRequest, accept: boolean): void {
    const focused = this.hasFocus();
    if (accept) request.accept();
    else request.reject();
    this.roster.see(request.peer);
    this.requestUpdate();
    if (focused) void this.keepFocus(request.peer);
  }

  private hasFocus(): boolean {
    return !!(this.renderRoot as ShadowRoot).activeElement;
  }

  /**
   * The request a person answered from the keyboard is gone from the list: the focus goes on
   * to the next request, else to where that person is now (Let in, or their row), never to
   * the page's `<body>`.
   */
  private async keepFocus(peer: Peer): Promise<void> {
    await this.updateComplete;
    const root = this.renderRoot as ShadowRoot;
    if (root.activeElement?.isConnected) return;
    const here = `[data-peer="${CSS.escape(peer.id)}"]`;
    const next =
      root.querySelector<HTMLElement>('[part="accept-button"]') ??
      root.querySelector<HTMLElement>(`${here} [part="let-in-button"]`) ??
      root.querySelector<HTMLElement>(`li${here}`) ??
      root.querySelector<HTMLElement>('button') ??
      root.querySelector<HTMLElement>('[part="list"], [part="empty"]');
    next?.focus();
  }

  /**
   * The Message button: chooses `peer`, or goes back to the room when it was chosen. (An
   * arrow field: the manifest analyzer would list its dispatch as a second, nameless event.)
   */
  private readonly select = (peer: Peer): void => {
    this.selected = this.selected === peer.id ? null : peer.id;
    this.dispatchEvent(new RTPeerSelectEvent(this.selected ? peer : null));
  };

  private toggleCode(peer: Peer): void {
    const open = new Set(this.openCodes);
    if (!open.delete(peer.id)) open.add(peer.id);
    this.openCodes = open;
  }

  protected override render() {
    const t = withStrings(this.strings);
    const prompts = this.prompts;
    const notNow = this.notNow;
    // A peer waiting for our answer appears as its request, one answered "Not now" in that
    // list, not as a row too.
    const asked = new Set([...prompts, ...notNow].map((r) => r.peer));
    const peers = this.roster.peers.filter((p) => !asked.has(p));
    const tabs = tabsPerKey(peers);
    return html`
      ${
        prompts.length
          ? html`<ul part="requests" class="requests" aria-label=${t.requestsLabel}>
            ${repeat(
              prompts,
              (r) => r.peer,
              (r) => this.renderPrompt(r, t),
            )}
          </ul>`
          : nothing
      }
      ${
        notNow.length
          ? html`<p part="not-now-label" class="section-label" id="not-now-label">${t.notNowLabel}</p>
              <ul part="not-now" class="not-now" aria-labelledby="not-now-label">
                ${repeat(
                  notNow,
                  (r) => r.peer,
                  (r) => this.renderNotNow(r, t),
                )}
              </ul>`
          : nothing
      }
      ${
        peers.length
          ? html`<ul part="list" class="peers" aria-label=${t.peersLabel} tabindex="-1">
            ${repeat(
              peers,
              (p) => p.id,
              (p) => this.renderPeer(p, t, (tabs.get(p.key) ?? 0) > 1),
            )}
          </ul>`
          : prompts.length || notNow.length
            ? nothing
            : html`<p part="empty" class="empty" tabindex="-1">${t.noPeers}</p>`
      }
    `;
  }

  private renderPrompt(request: ConnectionRequest, t: RTChatStrings) {
    const id = `prompt-${request.peer.id}`;
    const label = request.peer.label;
    const badge = request.warning ? trustBadge(null, request.warning) : request.trusted ? 'trusted' : null;
    return html`<li part="prompt" class="prompt">
      <span part="prompt-text" id=${id}>${request.initiator ? t.wantsToJoin(label) : t.wantsToConnect(label)}</span>
      ${badge ? this.renderBadge(badge, t) : nothing}
      <span class="actions">
        <button part="accept-button" class="accept" aria-describedby=${id} @click=${() => this.decide(request, true)}>${t.accept}</button>
        <button part="decline-button" class="decline" aria-describedby=${id} @click=${() => this.decide(request, false)}>${t.decline}</button>
      </span>
    </li>`;
  }

  /** A knock answered "Not now": the name (with its warning, if any) and Let in. */
  private renderNotNow(request: ConnectionRequest, t: RTChatStrings) {
    const id = `not-now-${request.peer.id}`;
    const badge = trustBadge(null, request.warning ?? request.peer.nameWarning);
    return html`<li part="not-now-peer" class="not-now-peer" data-peer=${request.peer.id}>
      <span part="peer-name" class="name" id=${id}>${request.peer.label}</span>
      ${badge ? this.renderBadge(badge, t) : nothing}
      <button part="let-in-button" class="let-in" aria-describedby=${id} @click=${() => this.letIn(request)}>${t.letIn}</button>
    </li>`;
  }

  private letIn(request: ConnectionRequest): void {
    const focused = this.hasFocus();
    request.accept();
    this.requestUpdate();
    if (focused) void this.keepFocus(request.peer);
  }

  /** @param showTab whether this person is listed in more than one tab (then the tab number tells them apart) */
  private renderPeer(peer: Peer, t: RTChatStrings, showTab: boolean) {
    const state = rowState(peer);
    const self = peer.ownTab === true;
    const knocking = state === 'waiting' || state === 'not-now';
    // Our own tab: nothing to vouch for. A member deciding about us: only a warning about its name.
    const badge = self ? null : state === 'verified' ? trustBadge(peer.trust, peer.nameWarning) : knocking ? trustBadge(null, peer.nameWarning) : null;
    const open = this.openCodes.has(peer.id);
    const nameId = `name-${peer.id}`;
    const codeId = `code-${peer.id}`;
    const shownName = peer.name; // what the Trust button vouches for: a rename after this drawing is refused
    return html`<li part="peer" class="peer" data-state=${state} ?data-own-tab=${self} data-peer=${peer.id} tabindex="-1">
      <span class="line">
        <span part="peer-name" class="name" id=${nameId}>${self ? t.ownTab : peer.name}</span>
        ${showTab ? html`<span part="tab" class="tab">${t.tab(peer.tab)}</span>` : nothing}
        <span part="state" class="state state-${state}">${stateLabel(state, peer.name, t)}</span>
        ${badge ? this.renderBadge(badge, t) : nothing}
      </span>
      ${badge === 'key-changed' || badge === 'look-alike' || badge === 'mixed-script' ? html`<p part="warning" class="warning">${t.trustWarningHint(badge)}</p>` : nothing}
      ${
        this.selectable && state === 'verified' && !self
          ? html`<button part="message-button" class="message-button" aria-pressed=${this.selected === peer.id ? 'true' : 'false'} aria-describedby=${nameId} @click=${() => this.select(peer)}>
            ${t.messagePeer}
          </button>`
          : nothing
      }
      ${
        state === 'verified' && peer.safetyCode && !self
          ? html`<button part="code-button" class="code-button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${codeId} aria-describedby=${nameId} @click=${() => this.toggleCode(peer)}>
              ${open ? t.hideSafetyCode : t.showSafetyCode}
            </button>
            <div part="safety-code" class="code" id=${codeId} ?hidden=${!open}>
              <code>${peer.safetyCode}</code>
              <span class="hint">${t.safetyCodeHint}</span>
              ${
                peer.trust !== 'trusted'
                  ? html`<button part="trust-button" class="trust-button" aria-describedby=${nameId} @click=${() => this.trustPeer(peer, shownName)}>${t.trustPeer}</button>`
                  : nothing
              }
            </div>`
          : nothing
      }
    </li>`;
  }

  /** The Trust action: the person compared the safety code (or otherwise vouches for the key). */
  private trustPeer(peer: Peer, shown: string): void {
    this.client?.trustPeer(peer, shown).then(
      () => this.requestUpdate(),
      () => this.requestUpdate(), // gone meanwhile, or storage refused: the row shows what is true
    );
  }

  private renderBadge(badge: TrustBadge, t: RTChatStrings) {
    const labels: Record<TrustBadge, string> = {
      trusted: t.trustTrusted,
      'new-key': t.trustNewKey,
      'key-changed': t.trustKeyChanged,
      'look-alike': t.trustLookAlike,
      'mixed-script': t.trustMixedScript,
    };
    const hint = badge === 'key-changed' || badge === 'look-alike' || badge === 'mixed-script' ? t.trustWarningHint(badge) : badge === 'new-key' ? t.trustNewKeyHint : null;
    return html`<span part="badge" class="badge badge-${badge}" data-trust=${badge} title=${hint ?? nothing}>${labels[badge]}</span>`;
  }
}

/** How many listed sessions each key (person) has: tab numbers only matter for a person listed twice. */
function tabsPerKey(peers: readonly Peer[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const peer of peers) count.set(peer.key, (count.get(peer.key) ?? 0) + 1);
  return count;
}

function stateLabel(state: PeerRowState, name: string, t: RTChatStrings): string {
  switch (state) {
    case 'waiting':
      return t.stateWaiting(name);
    case 'not-now':
      return t.stateNotNow(name);
    case 'verified':
      return t.stateVerified;
    case 'failed':
      return t.stateFailed;
    case 'left':
      return t.stateLeft;
    case 'declined':
      return t.stateDeclined;
    default:
      return t.stateConnecting;
  }
}
