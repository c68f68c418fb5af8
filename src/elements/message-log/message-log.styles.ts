import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const messageLogStyles = [
  tokens,
  css`
    :host {
      display: block;
      height: 20rem;
      min-height: 0;
    }

    .log {
      height: 100%;
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

    .message {
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
  `,
];
