import { expect } from '@open-wc/testing';
import { RTChatClient } from '../../../src/index.js';

// The history options are checked when the client is made, with errors that say what to fix.

describe('history options', () => {
  it('takes "share" and "off" and a window within bounds', () => {
    expect(() => new RTChatClient({ history: 'share', historyWindow: { messages: 50, maxAgeMs: 3600_000 } })).not.to.throw();
    expect(() => new RTChatClient({ history: 'off' })).not.to.throw();
  });

  it('rejects anything else with a TypeError', () => {
    expect(() => new RTChatClient({ history: 'on' as never })).to.throw(TypeError, "history must be 'share' or 'off'");
    expect(() => new RTChatClient({ historyWindow: { messages: 5000 } })).to.throw(TypeError, 'historyWindow.messages');
    expect(() => new RTChatClient({ historyWindow: { maxAgeMs: 0 } })).to.throw(TypeError, 'historyWindow.maxAgeMs');
  });
});
