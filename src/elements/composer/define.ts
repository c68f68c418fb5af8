/** Registers `<rt-composer>`. */
import { RTComposer } from './composer.js';

RTComposer.define();

declare global {
  interface HTMLElementTagNameMap {
    'rt-composer': RTComposer;
  }
}
