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

    .name-input {
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

    .peers {
      grid-area: peers;
      padding: var(--_spacing);
      border-right: 1px solid var(--_border);
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

      .peers {
        max-height: 9rem;
        border-right: none;
        border-bottom: 1px solid var(--_border);
      }

      /* Someone waits for an answer: the request is the first thing shown, whole. */
      .peers.asking {
        max-height: 18rem;
      }
    }
  `,
];
