import { expect } from '@open-wc/testing';
import { autoAcceptOf, clientOptions } from '../../../src/elements/chat-room/room-options.js';

// <rt-chat-room>'s attributes as client options, and the errors a page author sees.

/** The error `fn` throws (fails the test when it returns). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('clientOptions', () => {
  it("gives only the client's default policy (trusted keys come in unasked) when no attribute is set", () => {
    expect(clientOptions({})).to.deep.equal({ autoAccept: 'trusted' });
    expect(
      clientOptions({ room: null, topic: null, name: null, brokers: null, iceServers: null, secret: null, autoAccept: null, askBeforeJoining: null, storage: null }),
    ).to.deep.equal({
      autoAccept: 'trusted',
    });
    expect(clientOptions({ askBeforeJoining: false })).to.deep.equal({ autoAccept: 'trusted' });
  });

  it('passes every attribute on', () => {
    expect(
      clientOptions({
        room: 'lobby',
        topic: 'custom/topic',
        name: 'Alice',
        brokers: 'wss://a.example/mqtt wss://b.example/mqtt',
        iceServers: '[{"urls":"stun:stun.example.org"},{"urls":["turn:t.example"],"username":"u","credential":"c"}]',
        secret: 's3cret',
        autoAccept: 'none',
        askBeforeJoining: true,
        storage: 'rtchat:work',
      }),
    ).to.deep.equal({
      room: 'lobby',
      topic: 'custom/topic',
      name: 'Alice',
      brokers: ['wss://a.example/mqtt', 'wss://b.example/mqtt'],
      iceServers: [{ urls: 'stun:stun.example.org' }, { urls: ['turn:t.example'], username: 'u', credential: 'c' }],
      secret: 's3cret',
      autoAccept: false,
      askBeforeJoining: true,
      storage: 'rtchat:work',
    });
  });

  it('leaves out attributes that are present but empty', () => {
    expect(clientOptions({ room: '', topic: '', name: '', brokers: '', iceServers: '', secret: '', storage: '' })).to.deep.equal({ autoAccept: 'trusted' });
  });

  it('leaves out a blank name, blank brokers and blank ice servers', () => {
    expect(clientOptions({ name: '  \t', brokers: ' \n  ', iceServers: '   ' })).to.deep.equal({ autoAccept: 'trusted' });
  });

  it('splits brokers on any run of whitespace, newlines included', () => {
    expect(clientOptions({ brokers: '  wss://a/mqtt\n\twss://b/mqtt   wss://c/mqtt\n' }).brokers).to.deep.equal(['wss://a/mqtt', 'wss://b/mqtt', 'wss://c/mqtt']);
  });

  it('accepts an empty ice-servers array (no STUN or TURN)', () => {
    expect(clientOptions({ iceServers: '[]' }).iceServers).to.deep.equal([]);
  });

  it('rejects ice-servers that are not JSON, naming the attribute and showing an example', () => {
    for (const bad of ['stun:stun.example.org', '[{urls:"stun:x"}]', '[', "[{'urls':'stun:x'}]"]) {
      const error = thrown(() => clientOptions({ iceServers: bad }));
      expect(error, bad).to.be.instanceOf(TypeError);
      expect(error.message).to.contain('ice-servers must be JSON');
      expect(error.message).to.contain('"urls"');
    }
  });

  it('rejects ice-servers JSON that is not an array of objects with urls', () => {
    const bad = ['{"urls":"stun:x"}', '"stun:x"', '42', 'null', '[null]', '["stun:x"]', '[42]', '[{"url":"stun:x"}]', '[[{"urls":"stun:x"}]]', '[{"urls":"stun:x"},{}]'];
    for (const json of bad) {
      const error = thrown(() => clientOptions({ iceServers: json }));
      expect(error, json).to.be.instanceOf(TypeError);
      expect(error.message).to.contain('ice-servers must be a JSON array');
    }
  });

  it('rejects a bad auto-accept value', () => {
    expect(thrown(() => clientOptions({ room: 'lobby', autoAccept: 'yes' }))).to.be.instanceOf(TypeError);
  });
});

describe('autoAcceptOf', () => {
  it("gives the client's default, trusted, when the attribute is absent", () => {
    expect(autoAcceptOf(null)).to.equal('trusted');
    expect(autoAcceptOf(undefined)).to.equal('trusted');
  });

  it('passes "all" and "trusted" on, and asks about everyone (false) for "none"', () => {
    expect(autoAcceptOf('all')).to.equal('all');
    expect(autoAcceptOf('trusted')).to.equal('trusted');
    expect(autoAcceptOf('none')).to.equal(false);
  });

  it('rejects anything else with a TypeError that names the attribute, the choices and the value', () => {
    for (const value of ['', 'ALL', 'Trusted', 'None', ' all', 'all ', 'true', 'false', 'ask', 'all trusted']) {
      const error = thrown(() => autoAcceptOf(value));
      expect(error, JSON.stringify(value)).to.be.instanceOf(TypeError);
      expect(error.message).to.equal(`auto-accept must be "all", "trusted" or "none", not ${JSON.stringify(value)}`);
    }
  });
});

describe('the history attribute', () => {
  it('turns sharing on with "share", passes "off" on, and leaves the default (off) when absent or empty', () => {
    expect(clientOptions({ history: 'share' })).to.deep.equal({ autoAccept: 'trusted', history: 'share' });
    expect(clientOptions({ history: 'off' })).to.deep.equal({ autoAccept: 'trusted', history: 'off' });
    expect(clientOptions({ history: null })).to.deep.equal({ autoAccept: 'trusted' });
    expect(clientOptions({ history: '' })).to.deep.equal({ autoAccept: 'trusted' });
  });

  it('rejects anything else, naming the attribute and the choices', () => {
    for (const value of ['on', 'Share', 'true', ' share']) {
      const error = thrown(() => clientOptions({ history: value }));
      expect(error, value).to.be.instanceOf(TypeError);
      expect(error.message).to.equal(`history must be "share" or "off", not ${JSON.stringify(value)}`);
    }
  });
});
