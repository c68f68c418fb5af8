/** Registers `<rt-message-log>`. */
import { RTMessageLog } from './message-log.js';

RTMessageLog.define();

declare global {
  interface HTMLElementTagNameMap {
    'rt-message-log': RTMessageLog;
  }
}
