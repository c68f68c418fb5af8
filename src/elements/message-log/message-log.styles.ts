import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const messageLogStyles = [
  tokens,
  css`
    :host {
      display: flex;
      flex-direction: column;
      height: 20rem;
      min-height: 0;
    }

    .log {
      flex: 1 1 auto;
      min-height: 0;
      overflow-y: auto;
      overscroll-behavior: contain;
      padding: var(--_spacing);
      background: var(--_background);
    }

    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: calc(var(--_spacing) * 0.75);
    }

    .message,
    .file {
      max-width: min(36rem, 85%);
      align-self: flex-start;
      padding: calc(var(--_spacing) * 0.75) var(--_spacing);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }

    .message.own {
      align-self: flex-end;
      background: var(--_accent);
      color: var(--_accent-text);
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 calc(var(--_spacing) * 0.75);
      font-size: 0.8em;
    }

    .sender {
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .time,
    .direct,
    .status {
      color: var(--_muted);
    }

    .own .time,
    .own .direct,
    .own .status {
      color: inherit;
    }

    .body {
      margin: calc(var(--_spacing) * 0.25) 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    .name-warning {
      color: var(--_danger);
      font-size: 0.8em;
      font-weight: 600;
    }

    /* A link-like button under a clipped message; readable on our accent bubble too. */
    .show-more {
      display: block;
      margin-top: calc(var(--_spacing) * 0.25);
      padding: 0;
      border: none;
      background: none;
      color: inherit;
      font: inherit;
      font-size: 0.85em;
      font-weight: 600;
      text-decoration: underline;
      cursor: pointer;
    }

    .system {
      align-self: center;
      text-align: center;
      font-size: 0.85em;
      color: var(--_muted);
    }

    .system.warning {
      color: var(--_warning);
      font-weight: 600;
    }

    .system.danger {
      color: var(--_danger);
    }

    .empty {
      color: var(--_muted);
      margin: 0;
    }

    /* Reactions: small pill buttons under a message, readable on our accent bubble too. */
    .reactions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) * 0.25);
      margin-top: calc(var(--_spacing) * 0.5);
    }

    .reactions button {
      background: var(--_surface);
      color: var(--_text);
      border: 1px solid var(--_border);
      border-radius: 999px;
      padding: 0 calc(var(--_spacing) * 0.75);
      line-height: 1.6;
    }

    .reaction[aria-pressed='true'] {
      border-color: var(--_focus);
      box-shadow: inset 0 0 0 1px var(--_focus);
    }

    .count {
      margin-left: 0.3em;
      font-size: 0.85em;
    }

    .react-button {
      opacity: 0.7;
    }

    .react-button:hover,
    .react-button:focus-visible,
    .react-button[aria-expanded='true'] {
      opacity: 1;
    }

    .picker {
      flex-basis: 100%;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) * 0.25);
      padding: calc(var(--_spacing) * 0.5);
      border-radius: var(--_radius);
      background: var(--_background);
      color: var(--_text);
      border: 1px solid var(--_border);
    }

    .picker .quick {
      border-color: transparent;
      font-size: 1.1em;
    }

    .emoji-form {
      display: flex;
      gap: calc(var(--_spacing) * 0.25);
    }

    .emoji-input {
      width: 4em;
      padding: 0 calc(var(--_spacing) * 0.5);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_background);
    }

    .emoji-input[aria-invalid='true'] {
      border-color: var(--_danger);
    }

    /* Files: a card with the name, then per transfer its state, progress and actions. */
    .file.own {
      align-self: flex-end;
      box-shadow: inset 3px 0 0 var(--_accent);
    }

    .file-name {
      margin: calc(var(--_spacing) * 0.25) 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .transfers {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: calc(var(--_spacing) * 0.25);
    }

    .transfer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) * 0.25) calc(var(--_spacing) * 0.75);
    }

    .transfer-peer {
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .file-status {
      color: var(--_muted);
      font-size: 0.9em;
    }

    .file-status[data-state='done'] {
      color: var(--_success);
    }

    .file-status[data-state='failed'] {
      color: var(--_danger);
    }

    .actions,
    .progress-line {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) * 0.5);
    }

    .accept-button {
      background: var(--_accent);
      color: var(--_accent-text);
      border-color: var(--_accent);
    }

    .progress {
      width: 8rem;
      accent-color: var(--_accent);
    }

    .percent {
      font-size: 0.85em;
      font-variant-numeric: tabular-nums;
    }

    .received {
      display: grid;
      justify-items: start;
      gap: calc(var(--_spacing) * 0.5);
    }

    .download {
      color: inherit;
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .preview {
      display: block;
      max-width: 100%;
      max-height: 10rem;
      border-radius: calc(var(--_radius) * 0.5);
    }

    .typing {
      flex: none;
      margin: 0;
      min-height: 1.4em;
      padding: 0 var(--_spacing);
      font-size: 0.85em;
      font-style: italic;
      color: var(--_muted);
      background: var(--_background);
    }
  `,
];
