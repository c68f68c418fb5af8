import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const peerListStyles = [
  tokens,
  css`
    :host {
      display: block;
      overflow: auto;
    }

    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: calc(var(--_spacing) * 0.75);
    }

    .requests,
    .not-now {
      margin-bottom: var(--_spacing);
    }

    /* Requests stay in sight at the top while the list scrolls (a short list in a narrow room). */
    .requests {
      position: sticky;
      top: 0;
      z-index: 1;
      background: var(--_background);
      box-shadow: 0 0 0 var(--_spacing) var(--_background);
    }

    .section-label {
      margin: 0 0 calc(var(--_spacing) * 0.5);
      color: var(--_muted);
      font-size: 0.85em;
      font-weight: 600;
    }

    .not-now-peer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) * 0.5) calc(var(--_spacing) * 0.75);
      padding: calc(var(--_spacing) * 0.5) var(--_spacing);
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
    }

    .let-in {
      margin-left: auto;
      font-size: 0.85em;
    }

    .prompt {
      padding: var(--_spacing);
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
      background: var(--_surface);
      display: grid;
      gap: calc(var(--_spacing) * 0.5);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_spacing) * 0.5);
    }

    .accept {
      background: var(--_accent);
      color: var(--_accent-text);
      border-color: var(--_accent);
    }

    .peer {
      padding: calc(var(--_spacing) * 0.5) var(--_spacing);
      border-radius: var(--_radius);
      background: var(--_surface);
    }

    .line {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 calc(var(--_spacing) * 0.75);
    }

    .name {
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .tab,
    .state,
    .empty,
    .hint {
      color: var(--_muted);
      font-size: 0.85em;
    }

    .state-verified {
      color: var(--_success);
    }

    .state-failed {
      color: var(--_danger);
    }

    /* Our knock at a member's door: a sentence of its own, under the name. */
    .state-waiting,
    .state-not-now {
      flex-basis: 100%;
    }

    .state-not-now {
      color: var(--_text);
    }

    .badge {
      font-size: 0.75em;
      padding: 0 0.5em;
      border: 1px solid currentColor;
      border-radius: 999px;
      color: var(--_muted);
    }

    .badge-trusted {
      color: var(--_success);
    }

    .badge-key-changed,
    .badge-look-alike {
      color: var(--_danger);
      font-weight: 600;
    }

    .badge-mixed-script {
      color: var(--_danger);
    }

    .badge-key-changed::before,
    .badge-look-alike::before,
    .badge-mixed-script::before {
      content: '⚠ ';
    }

    .warning {
      margin: calc(var(--_spacing) * 0.25) 0 0;
      font-size: 0.85em;
      color: var(--_danger);
    }

    .trust-button {
      margin-top: calc(var(--_spacing) * 0.5);
      font-size: 0.85em;
    }

    .peer[data-state='left'] .name,
    .peer[data-state='declined'] .name {
      font-weight: normal;
    }

    .code-button,
    .message-button {
      margin-top: calc(var(--_spacing) * 0.5);
      font-size: 0.85em;
      background: transparent;
    }

    .message-button {
      margin-right: calc(var(--_spacing) * 0.5);
    }

    .message-button[aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_accent-text);
      border-color: var(--_accent);
    }

    .code {
      margin-top: calc(var(--_spacing) * 0.5);
    }

    .code[hidden] {
      display: none;
    }

    code {
      display: block;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      letter-spacing: 0.05em;
      word-spacing: 0.3em;
      /* Six groups of five digits wrap between groups on a phone, never cut off. */
      white-space: normal;
      overflow-wrap: anywhere;
    }

    .code .hint {
      display: block;
      margin-top: calc(var(--_spacing) * 0.25);
    }

    .empty {
      margin: 0;
    }
  `,
];
