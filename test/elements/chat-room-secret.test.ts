import { expect } from '@open-wc/testing';
import { RTChatClient } from '../../src/core/client.js';
import { RTWeakSecretEvent } from '../../src/elements/index.js';
import { until } from './dom.js';
import { localRoom, newTopic, removeLocalRooms } from './local-room.js';

// The room passes the client's weak-secret report on to the page.

describe('<rt-chat-room secret>', () => {
  const warn = console.warn;
  beforeEach(() => (console.warn = () => {}));
  afterEach(() => {
    console.warn = warn;
    removeLocalRooms();
  });

  it('fires weaksecret on the page for a weak secret, and nothing for a generated one', async () => {
    const heard: { event: RTWeakSecretEvent; target: EventTarget | null }[] = [];
    const listener = (event: Event) => void heard.push({ event: event as RTWeakSecretEvent, target: event.target });
    document.addEventListener('weaksecret', listener);
    try {
      const weak = localRoom(newTopic(), { secret: 'password123' });
      const strong = localRoom(newTopic(), { secret: RTChatClient.createSecret() });
      await until(() => weak.client?.state === 'connected' && strong.client?.state === 'connected', 'both rooms online');
      expect(heard).to.have.length(1);
      expect(heard[0].target).to.equal(weak);
      expect(heard[0].event).to.be.instanceOf(RTWeakSecretEvent);
      expect(heard[0].event.bubbles && heard[0].event.composed).to.be.true;
      expect(heard[0].event.bits).to.be.below(20);
      expect(heard[0].event.threshold).to.equal(64);
    } finally {
      document.removeEventListener('weaksecret', listener);
    }
  });
});
