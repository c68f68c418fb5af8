/**
 * How `<rt-message-log>` draws a message's reactions: one button per emoji with its count
 * (pressed when it includes ours; pressing it again takes ours back) and, as its title and
 * so its accessible description, who gave it; then a button that opens a small picker of
 * quick emoji plus a field for any other.
 */
import { html, nothing } from 'lit';
import type { RTChatStrings } from '../strings.js';
import type { ChatLine } from './message-history.js';

/** The emoji the picker offers at one press. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🎉'] as const;

/** What the reactions of one message need from the log. */
export interface ReactionsContext {
  t: RTChatStrings;
  /** Our key (base64url), once the client has joined. */
  ownKey: string | null;
  /** Whether this message's picker is open. */
  open: boolean;
  /** Display name of a reacting key ("You" for ours). */
  nameOf(key: string): string;
  /** Adds (`on`) or takes back our `emoji`. */
  react(emoji: string, on: boolean): void;
  /** Opens or closes this message's picker. */
  togglePicker(): void;
  /** Chosen in the picker: reacts and closes it. */
  pick(emoji: string): void;
  /** The other-emoji field was submitted. */
  submitOther(event: SubmitEvent): void;
  /** Keys inside the picker (Escape closes it). */
  pickerKey(event: KeyboardEvent): void;
}

export function renderReactions(line: ChatLine, c: ReactionsContext) {
  const { t } = c;
  const pickerId = `picker-${line.key}`;
  const given = Object.entries(line.reactions);
  return html`<div part="reactions" class="reactions ${given.length ? '' : 'none'}">
    ${given.map(([emoji, keys]) => {
      const mine = c.ownKey !== null && keys.includes(c.ownKey);
      const label = t.reactedBy(
        emoji,
        keys.map((k) => c.nameOf(k)),
      );
      return html`<button part="reaction" class="reaction" tabindex="-1" data-emoji=${emoji} aria-pressed=${mine ? 'true' : 'false'} title=${label} @click=${() => c.react(emoji, !mine)}>
        ${emoji}<span class="count">${keys.length}</span>
      </button>`;
    })}
    <button
      part="react-button"
      class="react-button"
      tabindex="-1"
      aria-expanded=${c.open ? 'true' : 'false'}
      aria-controls=${c.open ? pickerId : nothing}
      aria-label=${t.addReaction}
      title=${t.addReaction}
      @click=${c.togglePicker}
    >
      <span aria-hidden="true">☺+</span>
    </button>
    ${
      c.open
        ? html`<div part="reaction-picker" class="picker" id=${pickerId} role="group" aria-label=${t.reactionPicker} @keydown=${c.pickerKey}>
          ${QUICK_REACTIONS.map(
            (emoji) =>
              html`<button part="quick-reaction" class="quick" tabindex="-1" data-emoji=${emoji} aria-label=${t.reactWith(emoji)} title=${t.reactWith(emoji)} @click=${() => c.pick(emoji)}>${emoji}</button>`,
          )}
          <form class="emoji-form" @submit=${c.submitOther}>
            <input part="emoji-input" class="emoji-input" tabindex="-1" aria-label=${t.otherEmoji} maxlength="32" size="3" autocomplete="off" />
            <button part="emoji-submit" class="emoji-submit" tabindex="-1" type="submit">${t.addEmoji}</button>
          </form>
        </div>`
        : nothing
    }
  </div>`;
}
