import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const composerStyles = [
  tokens,
  css`
    :host {
      display: block;
    }

    .base {
      position: relative;
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      align-items: end;
      gap: calc(var(--_spacing) * 0.5) var(--_spacing);
      padding: var(--_spacing);
      border-radius: var(--_radius);
    }

    :host(:state(dragging)) .base {
      outline: 3px dashed var(--_accent);
      outline-offset: -3px;
    }

    /* One line high, growing with the text up to --rt-composer-max-lines, then it scrolls. */
    .input {
      display: block;
      resize: none;
      field-sizing: content;
      line-height: 1.4;
      min-height: calc(1lh + var(--_spacing) + 2px);
      max-height: calc(var(--rt-composer-max-lines, 6) * 1lh + var(--_spacing) + 2px);
      overflow-y: auto;
      padding: calc(var(--_spacing) * 0.5);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_background);
    }

    @media (max-width: 30rem), (pointer: coarse) {
      .input {
        min-height: 44px;
      }
    }

    .send {
      background: var(--_accent);
      color: var(--_accent-text);
      border-color: var(--_accent);
      font-weight: 600;
    }

    .attach {
      display: grid;
      place-items: center;
      padding-inline: calc(var(--_spacing) * 0.75);
    }

    .icon {
      width: 1.25em;
      height: 1.25em;
      fill: none;
      stroke: currentColor;
      stroke-width: 1.8;
      stroke-linecap: round;
    }

    .direct-target {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) * 0.5);
      font-size: 0.9em;
    }

    .direct-to {
      font-weight: 600;
      overflow-wrap: anywhere;
      padding: 0 calc(var(--_spacing) * 0.75);
      border-radius: 999px;
      background: var(--_accent);
      color: var(--_accent-text);
    }

    .back {
      font-size: 0.9em;
      padding: 0 calc(var(--_spacing) * 0.75);
      background: transparent;
    }

    .hint,
    .notice {
      grid-column: 1 / -1;
      margin: 0;
      color: var(--_muted);
      font-size: 0.85em;
    }

    /* Empty, it takes no room but stays in the accessibility tree, so a new notice is announced. */
    .notice:empty {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }

    .hint[hidden] {
      display: none;
    }
  `,
];
