import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const chatWidgetStyles = [
  tokens,
  css`
    :host {
      /* Private: the distance from the window's edges, outside a notched phone's safe area. */
      --_inset: var(--rt-widget-inset, 1rem);
      position: fixed;
      inset: auto calc(var(--_inset) + env(safe-area-inset-right, 0px)) calc(var(--_inset) + env(safe-area-inset-bottom, 0px)) auto;
      z-index: var(--rt-widget-z-index, 2147483000);
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      gap: var(--_spacing);
      font-family: var(--_font);
      font-size: var(--_font-size);
    }
    :host([position='left']) {
      inset: auto auto calc(var(--_inset) + env(safe-area-inset-bottom, 0px)) calc(var(--_inset) + env(safe-area-inset-left, 0px));
      align-items: flex-start;
    }
    /* Non-modal on a wide screen: in the flow above the button, not in the middle of the page. */
    [part='panel'] {
      position: relative;
      inset: auto;
      margin: 0;
      padding: 0;
      border: 0;
      color: inherit;
      width: min(var(--rt-widget-width, 26rem), calc(100vw - 2rem));
      height: min(var(--rt-widget-height, 34rem), calc(100dvh - 6rem));
      max-width: none;
      max-height: none;
      border-radius: var(--_radius);
      box-shadow: 0 12px 32px rgb(0 0 0 / 0.25);
      overflow: hidden;
      background: var(--_background);
    }
    [part='panel']:not([open]) {
      display: none;
    }
    /* A phone: the whole screen, inside the safe area of a notch or a home indicator. */
    [part='panel']:modal {
      position: fixed;
      inset: 0;
      width: 100%;
      height: 100%;
      border-radius: 0;
      box-shadow: none;
      padding: env(safe-area-inset-top, 0px) env(safe-area-inset-right, 0px) env(safe-area-inset-bottom, 0px) env(safe-area-inset-left, 0px);
    }
    [part='panel']::backdrop {
      background: transparent;
    }
    @media (max-width: 479.98px) {
      /* Open on a phone: the panel's close button takes the floating button's place. */
      :host([open]) [part='toggle'] {
        visibility: hidden;
      }
    }
    rt-chat-room {
      height: 100%;
      border: 0;
    }
    rt-chat-room::part(base) {
      border: 0;
      border-radius: 0;
    }
    /* Room for the close button at the header's end. */
    rt-chat-room::part(header) {
      padding-inline-end: calc(44px + var(--_spacing) * 1.5);
      min-height: calc(44px + var(--_spacing) * 2);
    }
    .close {
      position: absolute;
      z-index: 1;
      top: calc(env(safe-area-inset-top, 0px) + var(--_spacing) * 0.5);
      right: calc(env(safe-area-inset-right, 0px) + var(--_spacing) * 0.5);
      display: grid;
      place-items: center;
      width: 44px;
      height: 44px;
      padding: 0;
      border-radius: 999px;
      border: 1px solid transparent;
      background: transparent;
      color: var(--_text);
      font-size: 1.1em;
    }
    [part='panel']:not(:modal) .close {
      top: calc(var(--_spacing) * 0.5);
      right: calc(var(--_spacing) * 0.5);
    }
    .close:hover {
      border-color: var(--_border);
      background: var(--_background);
    }
    [part='toggle'] {
      position: relative;
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      border: 0;
      border-radius: 999px;
      min-height: 44px;
      min-width: 44px;
      justify-content: center;
      padding: 0.7em 1.1em;
      background: var(--_accent);
      color: var(--_accent-text);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
      box-shadow: 0 6px 18px rgb(0 0 0 / 0.25);
    }
    [part='toggle']:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 3px;
    }
    /* People waiting to be let in: light on the accent, with a person icon (not only colour tells it from unread). */
    [part='requests'] {
      display: inline-flex;
      align-items: center;
      gap: 0.15em;
      min-width: 1.4em;
      padding: 0 0.4em 0 0.3em;
      border-radius: 999px;
      background: var(--_accent-text);
      color: var(--_accent);
      font-size: 0.8em;
      line-height: 1.4em;
    }
    [part='unread'] {
      min-width: 1.4em;
      padding: 0 0.35em;
      border-radius: 999px;
      background: var(--_danger);
      color: #fff;
      font-size: 0.8em;
      line-height: 1.4em;
      text-align: center;
    }
  `,
];
