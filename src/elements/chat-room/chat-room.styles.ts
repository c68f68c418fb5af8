import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const chatRoomStyles = [
  tokens,
  css`
    :host {
      display: block;
    }

    /* Only the built-in layout has a size of its own; with children the page decides. */
    :host(:state(default-layout)) {
      height: 32rem;
      container-type: inline-size;
    }

    .base {
      position: relative;
      height: 100%;
      display: grid;
      grid-template:
        'header header' auto
        'peers log' minmax(0, 1fr)
        'peers composer' auto
        / minmax(11rem, 16rem) minmax(0, 1fr);
      background: var(--_background);
      color: var(--_text);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      overflow: hidden;
    }

    .header {
      grid-area: header;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) * 0.5) var(--_spacing);
      padding: var(--_spacing);
      border-bottom: 1px solid var(--_border);
      background: var(--_surface);
    }

    .room-name {
      font-weight: 700;
      margin-right: auto;
      overflow-wrap: anywhere;
    }

    .name-field {
      display: flex;
      align-items: center;
      gap: calc(var(--_spacing) * 0.5);
      flex: 0 1 auto;
      min-width: 0;
      max-width: 100%;
    }

    .name-label {
      color: var(--_muted);
      font-size: 0.85em;
      white-space: nowrap;
    }

    .name-input {
      flex: 0 1 12rem;
      min-width: 6rem;
      width: 12rem;
      max-width: 100%;
      padding: calc(var(--_spacing) * 0.25) calc(var(--_spacing) * 0.5);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_background);
    }

    .status {
      color: var(--_muted);
      font-size: 0.85em;
    }

    .status[data-status='online'] {
      color: var(--_success);
    }

    .status[data-status='problem'] {
      color: var(--_danger);
    }

    .peers-area {
      grid-area: peers;
      display: flex;
      flex-direction: column;
      min-height: 0;
      border-right: 1px solid var(--_border);
    }

    .peers {
      flex: 1 1 auto;
      min-height: 0;
      padding: var(--_spacing);
    }

    /* Only a narrow room folds its peer list. */
    .peers-toggle {
      display: none;
    }

    .log {
      grid-area: log;
      height: auto;
    }

    .composer {
      grid-area: composer;
      border-top: 1px solid var(--_border);
    }

    /* Over the whole room while files are dragged onto it; events pass through to the room. */
    .drop-zone {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      pointer-events: none;
      font-weight: 600;
      color: var(--_text);
      background: color-mix(in srgb, var(--_background) 85%, transparent);
      outline: 3px dashed var(--_accent);
      outline-offset: -6px;
      border-radius: var(--_radius);
    }

    .drop-zone[hidden] {
      display: none;
    }

    @container (max-width: 36rem) {
      .base {
        grid-template:
          'header' auto
          'peers' auto
          'log' minmax(0, 1fr)
          'composer' auto
          / minmax(0, 1fr);
      }

      .base {
        padding: 0 env(safe-area-inset-right, 0px) env(safe-area-inset-bottom, 0px) env(safe-area-inset-left, 0px);
      }

      .header {
        padding-block: calc(var(--_spacing) * 0.5);
      }

      .peers-area {
        max-height: 16rem;
        border-right: none;
        border-bottom: 1px solid var(--_border);
      }

      .peers-toggle {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--_spacing);
        width: 100%;
        min-height: 44px;
        padding: 0 var(--_spacing);
        border: 0;
        border-radius: 0;
        background: transparent;
        text-align: start;
        font-weight: 600;
      }

      .chevron::before {
        content: '';
        display: inline-block;
        width: 0.5em;
        height: 0.5em;
        border-right: 2px solid currentColor;
        border-bottom: 2px solid currentColor;
        transform: translateY(-25%) rotate(45deg);
        transition: transform 0.15s;
      }

      .peers-toggle[aria-expanded='true'] .chevron::before {
        transform: translateY(25%) rotate(-135deg);
      }

      .peers {
        padding-top: 0;
      }

      /* Folded: only the requests (someone waits for an answer) stay, above the log. */
      .peers:not(.open)::part(list),
      .peers:not(.open)::part(not-now),
      .peers:not(.open)::part(not-now-label),
      .peers:not(.open)::part(empty) {
        display: none;
      }

      .peers-area:not(.asking) .peers:not(.open) {
        display: none;
      }

      /* Someone waits for an answer: the request is the first thing shown, whole. */
      .peers-area.asking {
        max-height: 24rem;
      }
    }
  `,
];
