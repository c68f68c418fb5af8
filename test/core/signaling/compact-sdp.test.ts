import { expect } from '@open-wc/testing';
import { compactSdp, type CompactCandidate, type CompactDescription } from '../../../src/core/signaling/compact-sdp.js';
import { fromHex } from '../../../src/core/util/bytes.js';
import { closePeers, openPeer, peerEval } from '../../harness/peer.js';

const FINGERPRINT_HEX = '6ff1ba7b5e2ac1f8c2d7d7e3e8a91b1c33a2d0b4f0e9c7a6b5d4c3b2a1908f7e';
const FINGERPRINT_SDP = FINGERPRINT_HEX.toUpperCase().replace(/(..)(?!$)/g, '$1:');

/** What Chromium produces after gathering (non-trickle), with two host candidates and a TCP one. */
const CHROMIUM_OFFER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS',
  'm=application 51234 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 192.0.2.2',
  'a=candidate:3791393286 1 udp 2122260223 192.0.2.2 51234 typ host generation 0 network-id 1',
  'a=candidate:1524539962 1 udp 2122197247 fd00::2 51235 typ host generation 0 network-id 2',
  'a=candidate:2543210871 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active generation 0 network-id 1',
  'a=ice-ufrag:Ab+/',
  'a=ice-pwd:q1w2e3r4t5y6u7i8o9p0ZXCV',
  'a=ice-options:trickle',
  `a=fingerprint:sha-256 ${FINGERPRINT_SDP}`,
  'a=setup:actpass',
  'a=mid:0',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
  '',
].join('\r\n');

/** Firefox's shape: fingerprint at session level, upper-case UDP/TCP, hex credentials. */
const FIREFOX_ANSWER = [
  'v=0',
  'o=mozilla...THIS_IS_SDPARTA-128.0 8194062954127342590 0 IN IP4 0.0.0.0',
  's=-',
  't=0 0',
  'a=sendrecv',
  `a=fingerprint:sha-256 ${FINGERPRINT_SDP.toLowerCase()}`,
  'a=group:BUNDLE 0',
  'a=ice-options:trickle',
  'a=msid-semantic:WMS *',
  'm=application 51234 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 192.0.2.7',
  'a=candidate:0 1 UDP 2122252543 192.0.2.7 51234 typ host',
  'a=candidate:1 1 UDP 2122187007 2001:DB8:0:0:0:0:0:7 51235 typ host',
  'a=candidate:2 1 TCP 2105524479 192.0.2.7 9 typ host tcptype active',
  'a=candidate:3 1 UDP 1685987327 203.0.113.5 51234 typ srflx raddr 192.0.2.7 rport 51234',
  'a=candidate:4 2 UDP 1685987326 203.0.113.5 51236 typ srflx raddr 192.0.2.7 rport 51236',
  'a=sendrecv',
  'a=end-of-candidates',
  'a=ice-pwd:0123456789abcdef0123456789abcdef',
  'a=ice-ufrag:89abcdef',
  'a=mid:0',
  'a=setup:active',
  'a=sctp-port:5000',
  'a=max-message-size:1073741823',
  '',
].join('\r\n');

function description(overrides: Partial<CompactDescription> = {}): CompactDescription {
  return {
    type: 'offer',
    ufrag: 'Ab+/',
    pwd: 'q1w2e3r4t5y6u7i8o9p0ZXCV',
    fingerprint: fromHex(FINGERPRINT_HEX),
    setup: 'actpass',
    candidates: [
      { type: 'host', address: '192.0.2.2', port: 51234 },
      { type: 'host', address: 'fd00::2', port: 51235 },
    ],
    ...overrides,
  };
}

const roundTrip = (desc: CompactDescription) => compactSdp.decode(compactSdp.encode(desc));
const candidates = (...list: CompactCandidate[]) => description({ candidates: list });

function gathered(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') resolve();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
  });
}

/** Waits for the channel to open; fails with the ICE state rather than a bare mocha timeout. */
function opened(channel: RTCDataChannel, pc: RTCPeerConnection, context: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // It may have opened already while we awaited setRemoteDescription under load.
    if (channel.readyState === 'open') return resolve();
    const timer = setTimeout(() => reject(new Error(`channel not open after 15 s: ICE ${pc.iceConnectionState}, ${context}`)), 15000);
    channel.addEventListener('open', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs `fn` and returns the error class name it throws ('none' when it returns). */
function thrown(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (e) {
    return (e as Error).constructor.name;
  }
}

describe('compactSdp', () => {
  afterEach(() => closePeers());

  describe('over real WebRTC', () => {
    it('opens a data channel between two connections that exchanged only compact bytes', async () => {
      const offerer = new RTCPeerConnection({ iceServers: [] });
      const answerer = new RTCPeerConnection({ iceServers: [] });
      try {
        const channel = offerer.createDataChannel('chat');
        await offerer.setLocalDescription();
        await gathered(offerer);
        const offer = compactSdp.encode(compactSdp.parse('offer', offerer.localDescription!.sdp));

        const received = new Promise<string>((resolve) => {
          answerer.ondatachannel = ({ channel }) => (channel.onmessage = (e) => resolve(e.data));
        });
        await answerer.setRemoteDescription({ type: 'offer', sdp: compactSdp.format(compactSdp.decode(offer)) });
        await answerer.setLocalDescription();
        await gathered(answerer);
        const answer = compactSdp.encode(compactSdp.parse('answer', answerer.localDescription!.sdp));

        await offerer.setRemoteDescription({ type: 'answer', sdp: compactSdp.format(compactSdp.decode(answer)) });
        await opened(channel, offerer, `answer candidates ${JSON.stringify(compactSdp.decode(answer).candidates)}`);
        channel.send('hello through 2 compact descriptions');
        expect(await received).to.equal('hello through 2 compact descriptions');

        const candidateCounts = [offer, answer].map((b) => compactSdp.decode(b).candidates.length);
        console.log(`compact SDP sizes: offer ${offer.length} bytes, answer ${answer.length} bytes (candidates ${candidateCounts})`);
        // Identity verification binds to the fingerprints of the applied descriptions: both legs agree.
        expect(compactSdp.fingerprintOf(answerer.currentRemoteDescription!.sdp)).to.deep.equal(compactSdp.fingerprintOf(offerer.currentLocalDescription!.sdp));
        expect(compactSdp.fingerprintOf(offerer.currentRemoteDescription!.sdp)).to.deep.equal(compactSdp.fingerprintOf(answerer.currentLocalDescription!.sdp));
      } finally {
        offerer.close();
        answerer.close();
      }
    });

    it('opens a data channel to a second browser context that answers from compact bytes', async () => {
      const peer = await openPeer('new-context');
      const pc = new RTCPeerConnection({ iceServers: [] });
      try {
        const channel = pc.createDataChannel('chat');
        await pc.setLocalDescription();
        await gathered(pc);
        const offer = compactSdp.encode(compactSdp.parse('offer', pc.localDescription!.sdp));

        // The other context loads the codec itself and sees only the offer's bytes.
        const answer = await peerEval(
          peer,
          async ({ offer, codecUrl }: { offer: number[]; codecUrl: string }) => {
            const { compactSdp } = await import(codecUrl);
            const pc = new RTCPeerConnection({ iceServers: [] });
            (window as any).answerer = pc;
            pc.ondatachannel = ({ channel }) => (channel.onmessage = (e) => channel.send(String(e.data).toUpperCase()));
            await pc.setRemoteDescription({ type: 'offer', sdp: compactSdp.format(compactSdp.decode(new Uint8Array(offer))) });
            await pc.setLocalDescription();
            await new Promise<void>((resolve) => {
              if (pc.iceGatheringState === 'complete') resolve();
              pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && resolve();
            });
            return [...(compactSdp.encode(compactSdp.parse('answer', pc.localDescription!.sdp)) as Uint8Array)];
          },
          { offer: [...offer], codecUrl: '/src/core/signaling/compact-sdp.ts' },
        );

        await pc.setRemoteDescription({ type: 'answer', sdp: compactSdp.format(compactSdp.decode(new Uint8Array(answer))) });
        await opened(channel, pc, `answer candidates ${JSON.stringify(compactSdp.decode(new Uint8Array(answer)).candidates)}`);
        const echo = new Promise<string>((resolve) => (channel.onmessage = (e) => resolve(e.data)));
        channel.send('hello, other context');
        expect(await echo).to.equal('HELLO, OTHER CONTEXT');
        console.log(`compact SDP sizes across contexts: offer ${offer.length} bytes, answer ${answer.length} bytes`);

        const stats = await pc.getStats();
        const pair = [...stats.values()].find((s) => s.type === 'candidate-pair' && s.state === 'succeeded');
        expect(pair, 'a succeeded ICE candidate pair').to.exist;
        // The answerer's candidates came to us only through the compact answer.
        const remoteCandidate = stats.get(pair.remoteCandidateId);
        expect(compactSdp.decode(new Uint8Array(answer)).candidates.map((c) => c.port)).to.include(remoteCandidate.port);
      } finally {
        pc.close();
      }
    });
  });

  describe('parse', () => {
    it('reads a Chromium offer into 82 bytes, dropping TCP candidates', () => {
      const desc = compactSdp.parse('offer', CHROMIUM_OFFER);
      expect(desc).to.deep.equal(description());
      // 3 header + 32 fingerprint + 21 credentials + IPv4 host 7 + IPv6 host 19; two IPv4 hosts make 70.
      expect(compactSdp.encode(desc).length).to.equal(82);
      const ipv4Only = description({ candidates: [desc.candidates[0], { type: 'host', address: '192.0.2.3', port: 5 }] });
      expect(compactSdp.encode(ipv4Only).length).to.equal(70);
    });

    it('reads a Firefox answer with session-level fingerprint, upper-case UDP and hex credentials', () => {
      const desc = compactSdp.parse('answer', FIREFOX_ANSWER);
      expect(desc).to.deep.equal({
        type: 'answer',
        ufrag: '89abcdef',
        pwd: '0123456789abcdef0123456789abcdef',
        fingerprint: fromHex(FINGERPRINT_HEX),
        setup: 'active',
        candidates: [
          { type: 'host', address: '192.0.2.7', port: 51234 },
          { type: 'host', address: '2001:db8::7', port: 51235 },
          { type: 'srflx', address: '203.0.113.5', port: 51234 },
        ],
      });
      // Hex credentials pack at 4 bits a character: 3 + 32 + 20 + 7 + 19 + 7.
      expect(compactSdp.encode(desc).length).to.equal(88);
      expect(roundTrip(desc)).to.deep.equal(desc);
    });

    it('keeps the first 16 of more candidates and drops duplicates', () => {
      const lines = Array.from({ length: 20 }, (_, i) => `a=candidate:${i} 1 udp 1 192.0.2.${i + 1} 5000 typ host`);
      const sdp = CHROMIUM_OFFER.replace('a=ice-ufrag', [lines[0], ...lines, 'a=ice-ufrag'].join('\r\n'));
      const desc = compactSdp.parse('offer', sdp);
      expect(desc.candidates.map((c) => c.address)).to.deep.equal(['192.0.2.2', 'fd00::2', ...Array.from({ length: 14 }, (_, i) => `192.0.2.${i + 1}`)]);
    });

    it('throws a TypeError when essentials are missing', () => {
      const without = (prefix: string) =>
        CHROMIUM_OFFER.split('\r\n')
          .filter((l) => !l.startsWith(prefix))
          .join('\r\n');
      expect(() => compactSdp.parse('offer', without('a=ice-ufrag'))).to.throw(TypeError);
      expect(() => compactSdp.parse('offer', without('a=ice-pwd'))).to.throw(TypeError);
      expect(() => compactSdp.parse('offer', without('a=fingerprint'))).to.throw(TypeError);
      expect(() => compactSdp.parse('offer', without('a=setup'))).to.throw(TypeError);
      expect(() => compactSdp.parse('offer', without('m=application'))).to.throw(TypeError);
      expect(() => compactSdp.parse('offer', '')).to.throw(TypeError);
      // An answer must not be actpass (RFC 5763).
      expect(() => compactSdp.parse('answer', CHROMIUM_OFFER)).to.throw(TypeError);
    });
  });

  describe('round trips', () => {
    it('carries IPv4, srflx, prflx and relay candidates', () => {
      const desc = candidates(
        { type: 'host', address: '10.0.0.1', port: 1 },
        { type: 'srflx', address: '203.0.113.9', port: 65535 },
        { type: 'prflx', address: '198.51.100.4', port: 40000 },
        { type: 'relay', address: '255.255.255.255', port: 3478 },
      );
      expect(roundTrip(desc)).to.deep.equal(desc);
    });

    it('writes IPv6 addresses in canonical form whatever form came in', () => {
      const cases: Array<[string, string]> = [
        ['2001:0DB8:0000:0000:0000:FF00:0042:8329', '2001:db8::ff00:42:8329'],
        ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
        ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
        ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
        ['::1', '::1'],
        ['fe80::', 'fe80::'],
        ['::ffff:192.0.2.1', '::ffff:c000:201'],
        ['fd00::0:0:2', 'fd00::2'],
      ];
      for (const [input, canonical] of cases) {
        const [out] = roundTrip(candidates({ type: 'host', address: input, port: 9 })).candidates;
        expect(out.address, input).to.equal(canonical);
        expect(compactSdp.format(candidates({ type: 'host', address: input, port: 9 }))).to.contain(` ${canonical} 9 typ host`);
      }
    });

    it('carries mDNS .local names as their 16 uuid bytes', () => {
      const name = '1F2E3D4C-5B6A-4789-8ABC-DEF012345678.local';
      const desc = candidates({ type: 'host', address: name, port: 50000 }, { type: 'host', address: name.toLowerCase(), port: 50001 });
      expect(compactSdp.encode(desc).length).to.equal(56 + 2 * 19);
      expect(roundTrip(desc).candidates).to.deep.equal([
        { type: 'host', address: name.toLowerCase(), port: 50000 },
        { type: 'host', address: name.toLowerCase(), port: 50001 },
      ]);
    });

    it('carries 0 and 16 candidates, and refuses 17', () => {
      const none = candidates();
      expect(compactSdp.encode(none).length).to.equal(56);
      expect(roundTrip(none)).to.deep.equal(none);
      const list = Array.from({ length: 16 }, (_, i): CompactCandidate => ({ type: 'host', address: `2001:db8::${i + 1}`, port: 1000 + i }));
      expect(roundTrip(candidates(...list))).to.deep.equal(candidates(...list));
      expect(() => compactSdp.encode(candidates(...list, list[0]))).to.throw(RangeError);
    });

    it('carries odd-length and extreme-length credentials', () => {
      for (const [ufrag, pwd] of [
        ['abcde', 'ABCDEFGHIJKLMNOPQRSTUVW'],
        ['a+/z', '0123456789012345678901'],
        ['x'.repeat(32), '/'.repeat(64)],
        ['abcdef0', '0123456789abcdef0123456'], // hex, odd total: 4 padding bits
      ]) {
        const desc = description({ ufrag, pwd });
        expect(roundTrip(desc), `${ufrag} ${pwd}`).to.deep.equal(desc);
      }
      expect(() => compactSdp.encode(description({ ufrag: 'ab-c' }))).to.throw(TypeError);
      expect(() => compactSdp.encode(description({ pwd: 'q1w2e3r4t5y6u7i8o9p0ZX\r\n' }))).to.throw(TypeError);
      expect(() => compactSdp.encode(description({ ufrag: 'abc' }))).to.throw(RangeError);
      expect(() => compactSdp.encode(description({ ufrag: 'x'.repeat(33) }))).to.throw(RangeError);
      expect(() => compactSdp.encode(description({ pwd: 'x'.repeat(21) }))).to.throw(RangeError);
      expect(() => compactSdp.encode(description({ pwd: 'x'.repeat(65) }))).to.throw(RangeError);
    });

    it('carries answers with setup active or passive', () => {
      for (const setup of ['active', 'passive'] as const) {
        const desc = description({ type: 'answer', setup });
        expect(roundTrip(desc)).to.deep.equal(desc);
        expect(compactSdp.format(desc)).to.contain(`\r\na=setup:${setup}\r\n`);
      }
      expect(() => compactSdp.encode(description({ type: 'answer' }))).to.throw(TypeError);
      expect(() => compactSdp.encode(description({ setup: 'passive' }))).to.throw(TypeError);
    });
  });

  describe('format', () => {
    it('writes a non-trickle data-channel SDP with standard priorities and distinct foundations', () => {
      const desc = candidates(
        { type: 'host', address: '192.0.2.2', port: 5000 },
        { type: 'host', address: '192.0.2.3', port: 5001 },
        { type: 'srflx', address: '203.0.113.9', port: 6000 },
        { type: 'relay', address: '2001:db8::9', port: 7000 },
      );
      const sdp = compactSdp.format(desc);
      expect(sdp.endsWith('\r\n')).to.be.true;
      expect(sdp.split('\r\n').every((l) => !l.includes('\n'))).to.be.true;
      const lines = sdp.split('\r\n');
      expect(lines).to.include.members([
        'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
        'a=candidate:1 1 udp 2130706431 192.0.2.2 5000 typ host',
        'a=candidate:2 1 udp 2130706175 192.0.2.3 5001 typ host',
        'a=candidate:3 1 udp 1694498303 203.0.113.9 6000 typ srflx raddr 0.0.0.0 rport 0',
        'a=candidate:4 1 udp 16776447 2001:db8::9 7000 typ relay raddr 0.0.0.0 rport 0',
        'a=end-of-candidates',
        'a=ice-ufrag:Ab+/',
        'a=ice-pwd:q1w2e3r4t5y6u7i8o9p0ZXCV',
        `a=fingerprint:sha-256 ${FINGERPRINT_SDP}`,
        'a=setup:actpass',
        'a=mid:0',
        'a=sctp-port:5000',
        'a=max-message-size:262144',
      ]);
      expect(sdp).not.to.contain('ice-options');
      // What format writes, parse reads back unchanged.
      expect(compactSdp.parse('offer', sdp)).to.deep.equal(desc);
    });

    it('is accepted by a real RTCPeerConnection as a remote offer', async () => {
      const pc = new RTCPeerConnection({ iceServers: [] });
      try {
        const desc = candidates({ type: 'host', address: '192.0.2.2', port: 5000 }, { type: 'srflx', address: '203.0.113.9', port: 6000 });
        await pc.setRemoteDescription({ type: 'offer', sdp: compactSdp.format(desc) });
        await pc.setLocalDescription();
        const answer = compactSdp.parse('answer', pc.localDescription!.sdp);
        expect(answer.setup).to.be.oneOf(['active', 'passive']);
        expect(compactSdp.fingerprintOf(pc.currentRemoteDescription!.sdp)).to.deep.equal(desc.fingerprint);
      } finally {
        pc.close();
      }
    });
  });

  describe('fingerprintOf', () => {
    it('finds the fingerprint in Chromium-style and Firefox-style SDP', () => {
      expect(compactSdp.fingerprintOf(CHROMIUM_OFFER)).to.deep.equal(fromHex(FINGERPRINT_HEX));
      expect(compactSdp.fingerprintOf(FIREFOX_ANSWER)).to.deep.equal(fromHex(FINGERPRINT_HEX));
    });

    it('returns null with no, a malformed, or two different sha-256 fingerprints', () => {
      expect(compactSdp.fingerprintOf('')).to.equal(null);
      expect(compactSdp.fingerprintOf(CHROMIUM_OFFER.replace('sha-256', 'sha-1'))).to.equal(null);
      expect(compactSdp.fingerprintOf(CHROMIUM_OFFER.replace(FINGERPRINT_SDP, FINGERPRINT_SDP.slice(3)))).to.equal(null);
      const other = FINGERPRINT_SDP.replace(/^6F/, '00');
      const twice = CHROMIUM_OFFER.replace('a=setup', `a=fingerprint:sha-256 ${other}\r\na=setup`);
      expect(compactSdp.fingerprintOf(twice)).to.equal(null);
      expect(() => compactSdp.parse('offer', twice)).to.throw(TypeError);
    });
  });

  describe('decode of hostile bytes', () => {
    const valid = compactSdp.encode(
      candidates(
        { type: 'host', address: '192.0.2.2', port: 5000 },
        { type: 'relay', address: '2001:db8::9', port: 7000 },
        { type: 'host', address: '1f2e3d4c-5b6a-4789-8abc-def012345678.local', port: 5001 },
      ),
    );
    const patched = (at: number, value: number) => {
      const b = valid.slice();
      b[at] = value;
      return b;
    };
    /** The valid encoding with bytes 1–2 replaced: ufrag length code, pwd length code, candidate count. */
    const withHeader = (ufragCode: number, pwdCode: number, count: number) => {
      const b = valid.slice();
      const lengths = (ufragCode << 11) | (pwdCode << 5) | count;
      b[1] = lengths >> 8;
      b[2] = lengths & 0xff;
      return b;
    };
    // The candidates: IPv4 (7 bytes), IPv6 (19), mDNS (19).
    const firstCandidate = valid.length - 7 - 19 - 19;

    it('refuses empty, truncated and over-long input with a RangeError', () => {
      expect(thrown(() => compactSdp.decode(new Uint8Array(0)))).to.equal('RangeError');
      for (let length = 1; length < valid.length; length++) {
        expect(
          thrown(() => compactSdp.decode(valid.subarray(0, length))),
          `length ${length}`,
        ).to.equal('RangeError');
      }
      expect(thrown(() => compactSdp.decode(new Uint8Array([...valid, 0])))).to.equal('RangeError');
      expect(compactSdp.decode(valid).candidates).to.have.length(3);
    });

    it('refuses lengths and counts that point past the end or over the limits', () => {
      expect(thrown(() => compactSdp.decode(withHeader(0, 2, 3)))).to.equal('none');
      // Credentials of 32 + 64 characters: more bytes than there are, with no candidates.
      expect(thrown(() => compactSdp.decode(withHeader(28, 42, 0).subarray(0, 100)))).to.equal('RangeError');
      // A ufrag of 33 characters or a pwd of 65 is over the limits.
      expect(thrown(() => compactSdp.decode(withHeader(29, 2, 3)))).to.equal('RangeError');
      expect(thrown(() => compactSdp.decode(withHeader(31, 2, 3)))).to.equal('RangeError');
      expect(thrown(() => compactSdp.decode(withHeader(0, 43, 3)))).to.equal('RangeError');
      expect(thrown(() => compactSdp.decode(withHeader(0, 63, 3)))).to.equal('RangeError');
      // 17 or 31 candidates, over 16; one more candidate than there is.
      expect(thrown(() => compactSdp.decode(withHeader(0, 2, 17)))).to.equal('RangeError');
      expect(thrown(() => compactSdp.decode(withHeader(0, 2, 31)))).to.equal('RangeError');
      expect(thrown(() => compactSdp.decode(withHeader(0, 2, 4)))).to.equal('RangeError');
    });

    it('refuses port 0 with a RangeError', () => {
      // First candidate: tag, 4 address bytes, port.
      expect(valid[firstCandidate]).to.equal(0x00);
      const b = valid.slice();
      b[firstCandidate + 5] = 0;
      b[firstCandidate + 6] = 0;
      expect(thrown(() => compactSdp.decode(b))).to.equal('RangeError');
      // The last candidate's port too.
      const last = valid.slice().fill(0, valid.length - 2);
      expect(thrown(() => compactSdp.decode(last))).to.equal('RangeError');
    });

    it('refuses unknown versions, setups, families, reserved bits and padding with a TypeError', () => {
      const cases: Array<[string, Uint8Array]> = [
        ['version 0', patched(0, 0x00)],
        ['version 2', patched(0, 0x20)],
        ['version 15', patched(0, 0xf0)],
        ['setup 3', patched(0, 0x1c)],
        ['reserved flag bit', patched(0, 0x11)],
        ['address family 3', patched(firstCandidate, 0x30)],
        ['reserved candidate bits', patched(firstCandidate, 0x08)],
        ['address 0.0.0.0', valid.slice().fill(0, firstCandidate + 1, firstCandidate + 5)],
        ['address ::', valid.slice().fill(0, firstCandidate + 8, firstCandidate + 24)],
      ];
      for (const [name, bytes] of cases)
        expect(
          thrown(() => compactSdp.decode(bytes)),
          name,
        ).to.equal('TypeError');
      // 4 + 24 characters at 6 bits end on a byte boundary; 5 + 24 leave 2 padding bits, which must be 0.
      const odd = compactSdp.encode(description({ ufrag: 'abcde', candidates: [] }));
      const last = odd.slice();
      last[last.length - 1] |= 1;
      expect(thrown(() => compactSdp.decode(last))).to.equal('TypeError');
    });

    it('throws only TypeError or RangeError on random bytes, and what it accepts re-encodes identically', () => {
      const outcomes: Record<string, number> = {};
      const attempt = (bytes: Uint8Array) => {
        let desc: CompactDescription;
        try {
          desc = compactSdp.decode(bytes);
        } catch (e) {
          const name = (e as Error).constructor.name;
          if (name !== 'TypeError' && name !== 'RangeError') throw e;
          outcomes[name] = (outcomes[name] ?? 0) + 1;
          return;
        }
        // Outside the try: an encode or format that refuses what decode accepted is a failure.
        expect(compactSdp.encode(desc)).to.deep.equal(bytes);
        expect(compactSdp.format(desc)).to.match(/^v=0\r\n[^]*\r\na=max-message-size:262144\r\n$/);
        outcomes.accepted = (outcomes.accepted ?? 0) + 1;
      };
      for (let i = 0; i < 3000; i++) {
        // Pure noise, then noise behind a plausible header, then a valid encoding with one byte changed.
        const noise = crypto.getRandomValues(new Uint8Array(i % 160));
        attempt(noise);
        const headed = noise.slice();
        if (headed.length > 0) headed[0] = 0x10 | (headed[0] & 0x0e);
        attempt(headed);
        const mutated = valid.slice();
        const [at, value] = crypto.getRandomValues(new Uint8Array(2));
        mutated[at % mutated.length] = value;
        attempt(mutated);
      }
      expect(outcomes.TypeError, 'TypeErrors').to.be.above(0);
      expect(outcomes.RangeError, 'RangeErrors').to.be.above(0);
      expect(outcomes.accepted, 'accepted mutations').to.be.above(0);
    });
  });
});
