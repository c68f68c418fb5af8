/** Registers `<rt-peer-list>`. */
import { RTPeerList } from './peer-list.js';

RTPeerList.define();

declare global {
  interface HTMLElementTagNameMap {
    'rt-peer-list': RTPeerList;
  }
}
