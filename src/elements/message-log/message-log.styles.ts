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

    /* Holds the log and the "New messages" pill over its bottom edge. */
    .frame {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }

    .log {
      --_avatar-size: var(--rt-avatar-size, 2rem);
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

    /* Others' messages leave room for the avatar, which the first of a group shows. Nothing
       per line is positioned or translucent: those would give each of thousands of lines a
       paint layer of its own, and scrolling a long log would pay for them. */
    .message.other {
      margin-inline-start: calc(var(--_avatar-size) + var(--_spacing) * 0.5);
      max-width: min(36rem, calc(85% - var(--_avatar-size)));
    }

    .message.continued {
      margin-top: calc(var(--_spacing) * -0.5);
    }

    .message:focus-visible,
    .file:focus-visible,
    .system:focus-visible {
      outline-offset: 1px;
    }

    /* Floated out of the bubble into its margin; its negative margins take no room. */
    .avatar {
      float: inline-start;
      margin-inline-start: calc((var(--_avatar-size) + var(--_spacing) * 1.5) * -1);
      margin-block: calc(var(--_spacing) * -0.75) calc(var(--_avatar-size) * -1);
      width: var(--_avatar-size);
      height: var(--_avatar-size);
      border-radius: 50%;
      object-fit: cover;
      display: grid;
      place-items: center;
      background: var(--_avatar-colour, var(--_muted));
      color: var(--rt-avatar-text, #ffffff);
      font-size: calc(var(--_avatar-size) * 0.4);
      font-weight: 600;
      line-height: 1;
      user-select: none;
    }

    .day {
      align-self: center;
      margin: calc(var(--_spacing) * 0.5) 0;
      padding: 0 var(--_spacing);
      border-radius: 999px;
      background: var(--_surface);
      color: var(--_muted);
      font-size: 0.8em;
      font-weight: 600;
    }

    .link {
      color: inherit;
      text-decoration: underline;
      text-underline-offset: 2px;
    }

    .status[data-delivery] {
      margin-inline-start: auto;
    }

    /* Ticks are drawn, not written: the word stays the text (visually hidden) and the name. */
    .status[data-delivery='sent']::before {
      content: '✓' / '';
    }

    .status[data-delivery='delivered']::before {
      content: '✓✓' / '';
      letter-spacing: -0.3em;
      padding-inline-end: 0.3em;
    }

    .new-messages {
      position: absolute;
      bottom: var(--_spacing);
      left: 50%;
      transform: translateX(-50%);
      border-radius: 999px;
      border-color: var(--_accent);
      background: var(--_accent);
      color: var(--_accent-text);
      font-size: 0.85em;
      font-weight: 600;
      box-shadow: 0 2px 6px rgb(0 0 0 / 0.25);
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

    /* The reaction button appears on the message the pointer or the focus is on; it keeps
       its place in the layout, so nothing moves when it shows. */
    .react-button:not(:is(.message:hover, .message:focus-within) *, [aria-expanded='true']) {
      color: transparent;
      background: transparent;
      border-color: transparent;
    }

    /* A message without reactions: the button floats beside the bubble's last line, its
       negative margins taking no room. */
    .reactions.none {
      display: block;
      margin-top: 0;
    }

    .reactions.none .react-button {
      float: inline-end;
      width: 2.5rem;
      padding: 0;
      margin-inline-end: calc(-2.5rem - var(--_spacing) * 1.25);
      margin-block: calc(-1.6em - 2px) -3rem;
    }

    .own .reactions.none .react-button {
      float: inline-start;
      margin-inline-end: 0;
      margin-inline-start: calc(-2.5rem - var(--_spacing) * 1.25);
    }

    .reactions.none .picker {
      margin-top: calc(var(--_spacing) * 0.5);
    }

    /* No hover on touch screens: always there, but quiet. */
    @media (hover: none) {
      .react-button:not(:is(.message:hover, .message:focus-within) *, [aria-expanded='true']) {
        color: var(--_muted);
        border-color: var(--_border);
      }
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
