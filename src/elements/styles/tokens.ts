/**
 * The library's design tokens. Pages theme the elements with the public `--rt-*` custom
 * properties (set them on the element or any ancestor); the elements read the private
 * `--_*` copies below, which fall back to light or dark defaults (prefers-color-scheme).
 * Default colours meet WCAG AA contrast with each other.
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    color-scheme: light dark;
    --_accent: var(--rt-accent, #0b5cd5);
    --_accent-text: var(--rt-accent-text, #ffffff);
    --_background: var(--rt-background, #ffffff);
    --_surface: var(--rt-surface, #f3f4f6);
    --_text: var(--rt-text, #1f2328);
    --_muted: var(--rt-muted, #59636e);
    --_border: var(--rt-border, #d0d7de);
    --_success: var(--rt-success, #1a7f37);
    --_warning: var(--rt-warning, #8a5c00);
    --_danger: var(--rt-danger, #cf222e);
    --_radius: var(--rt-radius, 0.5rem);
    --_font: var(--rt-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--rt-font-size, 0.9375rem);
    --_spacing: var(--rt-spacing, 0.5rem);
    --_focus: var(--rt-focus, var(--_accent));
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--rt-accent, #2f6fd6);
      --_accent-text: var(--rt-accent-text, #ffffff);
      --_background: var(--rt-background, #16181d);
      --_surface: var(--rt-surface, #23262d);
      --_text: var(--rt-text, #e6e8eb);
      --_muted: var(--rt-muted, #9ba3af);
      --_border: var(--rt-border, #3d434d);
      --_success: var(--rt-success, #4ac26b);
      --_warning: var(--rt-warning, #d4a72c);
      --_danger: var(--rt-danger, #ff7b72);
      --_focus: var(--rt-focus, #6ea8fe);
    }
  }

  :host {
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.4;
    color: var(--_text);
  }

  :host([hidden]) {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }

  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: calc(var(--_spacing) * 0.5) var(--_spacing);
  }

  /* Phones and touch screens: every control at least 44 px each way (WCAG 2.5.5). */
  @media (max-width: 30rem), (pointer: coarse) {
    button,
    input:not([type='checkbox'], [type='radio'], [type='file']),
    textarea {
      min-height: 44px;
    }

    button {
      min-width: 44px;
    }
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
