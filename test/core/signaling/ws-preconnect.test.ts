import { expect } from '@open-wc/testing';
import { MQTT_URL } from 'virtual:mqtt-config';
import { MqttTransport } from '../../../src/core/signaling/mqtt-transport.js';
import { dropPreconnected, preconnect, takePreconnected } from '../../../src/core/signaling/ws-preconnect.js';

// WebSockets opened to the brokers while the session opens (ws-preconnect.ts), against the
// suite's real broker: the transport's first connection adopts them.

/** Counts the WebSockets the page makes while `run` runs. */
async function countSockets(run: () => Promise<void>): Promise<number> {
  const Original = globalThis.WebSocket;
  let made = 0;
  globalThis.WebSocket = class extends Original {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      made++;
    }
  };
  try {
    await run();
  } finally {
    globalThis.WebSocket = Original;
  }
  return made;
}

describe('WebSocket preconnect', () => {
  it("the transport's first connection adopts the socket opened ahead of it", async () => {
    let transport: MqttTransport | undefined;
    const made = await countSockets(async () => {
      preconnect([MQTT_URL]);
      transport = new MqttTransport({ brokers: [MQTT_URL] });
      await transport.connect();
    });
    try {
      // One socket for the connection, plus one more when the broker refused MQTT 5 (aedes)
      // and the transport came back in MQTT 3.1.1; never one for the preconnect alone.
      const fellBack = transport!.statuses[0].protocol === 'mqtt3.1.1' ? 1 : 0;
      expect(made).to.equal(1 + fellBack);
      expect(takePreconnected(MQTT_URL, ['mqtt']), 'taken once').to.equal(undefined);
    } finally {
      await transport?.close();
    }
  });

  it('gives out no socket that failed, and closes the ones nobody adopted', async () => {
    // Port 1: refused at once.
    const dead = 'ws://127.0.0.1:1';
    const Original = globalThis.WebSocket;
    const made: WebSocket[] = [];
    globalThis.WebSocket = class extends Original {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        made.push(this);
      }
    };
    try {
      preconnect([dead]);
    } finally {
      globalThis.WebSocket = Original;
    }
    // Wait for the refusal itself, not for a fixed time.
    const [socket] = made;
    if (socket.readyState !== WebSocket.CLOSED) await new Promise((r) => socket.addEventListener('close', r, { once: true }));
    expect(takePreconnected(dead, ['mqtt'])).to.equal(undefined);

    preconnect([MQTT_URL]);
    dropPreconnected([MQTT_URL]);
    expect(takePreconnected(MQTT_URL, ['mqtt'])).to.equal(undefined);
    // Only ws:// and wss:// URLs are opened.
    preconnect(['http://127.0.0.1:8400/']);
    expect(takePreconnected('http://127.0.0.1:8400/', ['mqtt'])).to.equal(undefined);
  });
});
