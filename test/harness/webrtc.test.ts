import { expect } from '@open-wc/testing';
import mqtt from 'mqtt';
import { MQTT_URL } from 'virtual:mqtt-config';
import { closePeers, openPeer, peerEval } from './peer.js';

// The harness itself: a second browser context answers an offer that travels through the
// real broker, and a data channel opens between the two contexts over the host interface.
describe('test harness', () => {
  afterEach(() => closePeers());

  it('opens a data channel between two browser contexts signalled through the broker', async () => {
    const topic = `harness/${crypto.randomUUID()}`;
    const peer = await openPeer('new-context');
    // The answerer runs inside the other context: it waits for an offer, answers it, and
    // echoes the first data-channel message back in upper case.
    await peerEval(
      peer,
      async ({ topic }: { topic: string }) => {
        const { mqtt, MQTT_URL } = (window as any).harness;
        const client = mqtt.connect(MQTT_URL);
        await new Promise((r) => client.on('connect', r));
        await client.subscribeAsync(`${topic}/offer`);
        client.on('message', async (_t: string, payload: Uint8Array) => {
          const pc = new RTCPeerConnection({ iceServers: [] });
          pc.ondatachannel = ({ channel }) => {
            channel.onmessage = (e) => channel.send(String(e.data).toUpperCase());
          };
          await pc.setRemoteDescription(JSON.parse(new TextDecoder().decode(payload)));
          await pc.setLocalDescription();
          await new Promise<void>((r) => {
            if (pc.iceGatheringState === 'complete') r();
            pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && r();
          });
          client.publish(`${topic}/answer`, JSON.stringify(pc.localDescription));
        });
      },
      { topic },
    );

    const client = mqtt.connect(MQTT_URL);
    await new Promise((r) => client.on('connect', r));
    await client.subscribeAsync(`${topic}/answer`);
    const pc = new RTCPeerConnection({ iceServers: [] });
    const channel = pc.createDataChannel('test');
    await pc.setLocalDescription();
    await new Promise<void>((r) => {
      if (pc.iceGatheringState === 'complete') r();
      pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && r();
    });
    const answered = new Promise<void>((resolve) =>
      client.on('message', async (_t, payload) => {
        await pc.setRemoteDescription(JSON.parse(new TextDecoder().decode(payload)));
        resolve();
      }),
    );
    client.publish(`${topic}/offer`, JSON.stringify(pc.localDescription));
    await answered;
    // It may have opened already while we awaited the answer.
    if (channel.readyState !== 'open') await new Promise((r) => (channel.onopen = r));
    const echo = new Promise<string>((r) => (channel.onmessage = (e) => r(e.data)));
    channel.send('hello over webrtc');
    expect(await echo).to.equal('HELLO OVER WEBRTC');
    // A real path, not loopback magic: the selected pair uses the host's own address.
    const stats = await pc.getStats();
    const pair = [...stats.values()].find((s) => s.type === 'candidate-pair' && s.state === 'succeeded');
    expect(pair, 'a succeeded ICE candidate pair').to.exist;
    pc.close();
    client.end(true);
  });
});
