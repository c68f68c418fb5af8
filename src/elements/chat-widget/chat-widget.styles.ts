import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const chatWidgetStyles = [
  tokens,
  css`
    :host {
      position: fixed;
      inset: auto var(--rt-widget-inset, 1rem) var(--rt-widget-inset, 1rem) auto;
      z-index: var(--rt-widget-z-index, 2147483000);
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      gap: var(--_spacing);
      font-family: var(--_font);
      font-size: var(--_font-size);
    }
    :host([position='left']) {
      inset: auto auto var(--rt-widget-inset, 1rem) var(--rt-widget-inset, 1rem);
      align-items: flex-start;
    }
    [part='panel'] {
      width: min(var(--rt-widget-width, 26rem), calc(100vw - 2rem));
      height: min(var(--rt-widget-height, 34rem), calc(100vh - 6rem));
      border-radius: var(--_radius);
      box-shadow: 0 12px 32px rgb(0 0 0 / 0.25);
      overflow: hidden;
      background: var(--_background);
    }
    [part='panel'][hidden] {
      display: none;
    }
    rt-chat-room {
      height: 100%;
      border: 0;
    }
    [part='toggle'] {
      position: relative;
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      border: 0;
      border-radius: 999px;
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
