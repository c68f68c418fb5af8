import type { BrokerStatus } from '../../core/index.js';

/** `brokerstatus`: a signaling broker's connection state changed. */
export class RTBrokerStatusEvent extends Event {
  static readonly type = 'brokerstatus';
  constructor(
    readonly status: BrokerStatus,
    /** Every broker's current state. */
    readonly all: BrokerStatus[],
  ) {
    super(RTBrokerStatusEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    brokerstatus: RTBrokerStatusEvent;
  }
}
