/**
 * Compact SDP: the few facts of a non-trickle data-channel offer or answer that the other
 * side needs to rebuild a full SDP, in a binary form small enough for our signaling budget
 * (the whole two-peer handshake must fit in 1,200 bytes of MQTT payload).
 *
 * We only ever negotiate one m-section (`m=application 9 UDP/DTLS/SCTP webrtc-datachannel`,
 * mid 0, sctp-port 5000), so everything else in the SDP is implied and rebuilt by `format`.
 * Priorities and foundations are not sent: `format` recomputes RFC 8445 priorities from the
 * candidate type and the order, and numbers foundations 1, 2, 3…
 *
 * Byte layout, version 1 (integers big-endian, bits listed from the most significant):
 *
 *   byte 0        vvvv ss h 0
 *                   v  format version, 1
 *                   ss DTLS setup: 0 actpass (an offer), 1 active, 2 passive (answers); 3 is malformed
 *                   h  1: ufrag and pwd are both lower-case hex, 4 bits a character (Firefox's);
 *                      0: ice-chars (the base64 alphabet A–Z a–z 0–9 + /), 6 bits a character
 *                   0  reserved, must be 0
 *   bytes 1–2     uuuuuppp pppccccc
 *                   u  ufrag length − 4   (ufrag is 4..32 characters)
 *                   p  pwd length − 22    (pwd is 22..64 characters)
 *                   c  candidate count    (0..16)
 *   32 bytes      sha-256 fingerprint of the DTLS certificate, raw
 *   credentials   the characters of ufrag then pwd as one bit string (4 or 6 bits each, by h),
 *                 zero-padded to a whole byte: ceil((ufrag + pwd length) × (h ? 4 : 6) / 8) bytes
 *   candidates    c times: tag (1) | address (4 or 16) | port (2, 1..65535), all UDP, component 1
 *                   tag = tt ff 0000
 *                   tt host 0, srflx 1, prflx 2, relay 3
 *                   ff address family: 0 IPv4 (4 bytes), 1 IPv6 (16 bytes),
 *                      2 mDNS name `<uuid>.local` (the uuid's 16 bytes); 3 is malformed
 *                   0000 reserved, must be 0
 *
 * Nothing may follow the last candidate. Decoding is strict: any other value, a non-zero padding
 * or reserved bit, a truncation or trailing bytes throw, so every valid description has exactly
 * one encoding. Chromium's offer with two IPv4 host candidates is 70 bytes (94 with mDNS names).
 */
import { fromHex, toHex } from '../util/bytes.js';

/** An ICE candidate type (RFC 8445). */
export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

/** One UDP ICE candidate, as much as the other side needs. */
export interface CompactCandidate {
  type: CandidateType;
  /** IPv4 dotted, IPv6 (any textual form in, RFC 5952 canonical out) or an mDNS name `<uuid>.local`. */
  address: string;
  /** 1..65535. */
  port: number;
}

/** The facts of a non-trickle data-channel description that `format` needs to rebuild a full SDP. */
export interface CompactDescription {
  type: 'offer' | 'answer';
  /** ICE username fragment: 4..32 ice-chars (A–Z a–z 0–9 + /). */
  ufrag: string;
  /** ICE password: 22..64 ice-chars. */
  pwd: string;
  /** The sha-256 DTLS certificate fingerprint, 32 bytes. */
  fingerprint: Uint8Array;
  /** `actpass` in an offer, `active` or `passive` in an answer (RFC 5763). */
  setup: 'actpass' | 'active' | 'passive';
  /** UDP candidates, at most 16, in the sender's order of preference. */
  candidates: CompactCandidate[];
}

const VERSION = 1;
const MAX_CANDIDATES = 16;
const UFRAG_LENGTH = { min: 4, max: 32 };
const PWD_LENGTH = { min: 22, max: 64 };
const FINGERPRINT_BYTES = 32;
const ICE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX_CHARS = '0123456789abcdef';
const ICE_CHAR_RE = /^[A-Za-z0-9+/]+$/;
const HEX_RE = /^[0-9a-f]+$/;
const SETUPS = ['actpass', 'active', 'passive'] as const;
const CANDIDATE_TYPES = ['host', 'srflx', 'prflx', 'relay'] as const;
// RFC 8445 §5.1.2.2 recommended type preferences.
const TYPE_PREFERENCE: Record<CandidateType, number> = { host: 126, prflx: 110, srflx: 100, relay: 0 };
const FAMILY = { ipv4: 0, ipv6: 1, mdns: 2 } as const;
const MDNS_RE = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\.local$/i;

/** A candidate in wire form: its family and address bytes decided. */
interface WireCandidate {
  type: number;
  family: number;
  address: Uint8Array;
  port: number;
}

// ---- addresses ---------------------------------------------------------------------------

function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    // No leading zeros: "010" is octal to some parsers and decimal to others.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(parts[i])) return null;
    const n = Number(parts[i]);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | null {
  if (text.length > 45) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  // Only the very last group of the address may be a dotted IPv4 (e.g. ::ffff:192.0.2.1).
  const words = (part: string, atEnd: boolean): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (atEnd && i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
        out.push(parseInt(g, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = words(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? words(halves[1], true) : [];
  if (!head || !tail) return null;
  let all: number[];
  if (halves.length === 1) {
    if (head.length !== 8) return null;
    all = head;
  } else {
    if (head.length + tail.length > 7) return null;
    all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  const out = new Uint8Array(16);
  all.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

/** RFC 5952 §4: lower case, no leading zeros, the first longest run of two or more zero groups as `::`. */
function formatIpv6(bytes: Uint8Array): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = (ws: number[]) => ws.map((w) => w.toString(16)).join(':');
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLength))}`;
}

const isUnspecified = (bytes: Uint8Array) => bytes.every((b) => b === 0);

/** @throws {TypeError} when the address is none of IPv4, IPv6 or `<uuid>.local`, or is unspecified */
function addressToWire(address: string): { family: number; bytes: Uint8Array } {
  if (typeof address !== 'string') throw new TypeError('candidate address must be a string');
  let family: number;
  let bytes: Uint8Array | null;
  const mdns = MDNS_RE.exec(address);
  if (mdns) {
    family = FAMILY.mdns;
    bytes = fromHex(mdns.slice(1).join(''));
  } else if (address.includes(':')) {
    family = FAMILY.ipv6;
    bytes = parseIpv6(address);
  } else {
    family = FAMILY.ipv4;
    bytes = parseIpv4(address);
  }
  if (!bytes) throw new TypeError(`candidate address ${JSON.stringify(address.slice(0, 64))} is not IPv4, IPv6 or <uuid>.local`);
  // 0.0.0.0 or :: is never a reachable candidate: a sign of corruption, not an address.
  if (family !== FAMILY.mdns && isUnspecified(bytes)) throw new TypeError('candidate address is unspecified');
  return { family, bytes };
}

function addressFromWire(family: number, bytes: Uint8Array): string {
  if (family === FAMILY.ipv4) return bytes.join('.');
  if (family === FAMILY.ipv6) return formatIpv6(bytes);
  const h = toHex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}.local`;
}

// ---- validation --------------------------------------------------------------------------

function checkPort(port: unknown): number {
  if (typeof port !== 'number' || !Number.isInteger(port)) throw new TypeError('candidate port must be an integer');
  if (port < 1 || port > 0xffff) throw new RangeError(`candidate port ${port} is outside 1..65535`);
  return port;
}

function candidateToWire(c: CompactCandidate): WireCandidate {
  if (typeof c !== 'object' || c === null) throw new TypeError('candidate must be an object');
  const type = CANDIDATE_TYPES.indexOf(c.type);
  if (type < 0) throw new TypeError(`unknown candidate type ${JSON.stringify(c.type)}`);
  const { family, bytes } = addressToWire(c.address);
  return { type, family, address: bytes, port: checkPort(c.port) };
}

function candidateFromWire(w: WireCandidate): CompactCandidate {
  return { type: CANDIDATE_TYPES[w.type], address: addressFromWire(w.family, w.address), port: w.port };
}

function checkCredential(name: string, value: unknown, limits: { min: number; max: number }): string {
  if (typeof value !== 'string' || !ICE_CHAR_RE.test(value)) throw new TypeError(`${name} must be ice-chars (A-Z a-z 0-9 + /)`);
  if (value.length < limits.min || value.length > limits.max) {
    throw new RangeError(`${name} must be ${limits.min}..${limits.max} characters, not ${value.length}`);
  }
  return value;
}

/** Validates a description and puts it in wire form; the one gate for encode and format. */
function toWire(desc: CompactDescription) {
  if (typeof desc !== 'object' || desc === null) throw new TypeError('description must be an object');
  const setup = SETUPS.indexOf(desc.setup);
  if (setup < 0) throw new TypeError(`unknown DTLS setup ${JSON.stringify(desc.setup)}`);
  if (desc.type !== 'offer' && desc.type !== 'answer') throw new TypeError(`unknown description type ${JSON.stringify(desc.type)}`);
  // RFC 5763: an offer is always actpass and an answer never is, so setup implies the type.
  if ((desc.type === 'offer') !== (desc.setup === 'actpass')) throw new TypeError(`an ${desc.type} cannot have setup ${desc.setup}`);
  const ufrag = checkCredential('ice-ufrag', desc.ufrag, UFRAG_LENGTH);
  const pwd = checkCredential('ice-pwd', desc.pwd, PWD_LENGTH);
  if (!(desc.fingerprint instanceof Uint8Array)) throw new TypeError('fingerprint must be a Uint8Array');
  if (desc.fingerprint.length !== FINGERPRINT_BYTES) throw new RangeError(`fingerprint must be ${FINGERPRINT_BYTES} bytes`);
  if (!Array.isArray(desc.candidates)) throw new TypeError('candidates must be an array');
  if (desc.candidates.length > MAX_CANDIDATES) throw new RangeError(`at most ${MAX_CANDIDATES} candidates`);
  return { setup, ufrag, pwd, fingerprint: desc.fingerprint, candidates: desc.candidates.map(candidateToWire) };
}

// ---- binary --------------------------------------------------------------------------------

function encode(desc: CompactDescription): Uint8Array {
  const w = toWire(desc);
  const hex = HEX_RE.test(w.ufrag) && HEX_RE.test(w.pwd);
  const alphabet = hex ? HEX_CHARS : ICE_CHARS;
  const bitsPerChar = hex ? 4 : 6;
  const chars = w.ufrag + w.pwd;
  const credentialBytes = Math.ceil((chars.length * bitsPerChar) / 8);
  const addressBytes = w.candidates.reduce((n, c) => n + c.address.length, 0);
  const out = new Uint8Array(3 + FINGERPRINT_BYTES + credentialBytes + w.candidates.length * 3 + addressBytes);
  out[0] = (VERSION << 4) | (w.setup << 2) | (hex ? 2 : 0);
  const lengths = ((w.ufrag.length - UFRAG_LENGTH.min) << 11) | ((w.pwd.length - PWD_LENGTH.min) << 5) | w.candidates.length;
  out[1] = lengths >> 8;
  out[2] = lengths & 0xff;
  out.set(w.fingerprint, 3);
  let offset = 3 + FINGERPRINT_BYTES;
  let acc = 0;
  let bits = 0;
  for (const ch of chars) {
    acc = (acc << bitsPerChar) | alphabet.indexOf(ch);
    bits += bitsPerChar;
    if (bits >= 8) {
      bits -= 8;
      out[offset++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  if (bits > 0) out[offset++] = (acc << (8 - bits)) & 0xff;
  for (const c of w.candidates) {
    out[offset++] = (c.type << 6) | (c.family << 4);
    out.set(c.address, offset);
    offset += c.address.length;
    out[offset++] = c.port >> 8;
    out[offset++] = c.port & 0xff;
  }
  return out;
}

function decode(bytes: Uint8Array): CompactDescription {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('compact SDP must be a Uint8Array');
  let offset = 0;
  const take = (n: number): Uint8Array => {
    if (offset + n > bytes.length) throw new RangeError('compact SDP is truncated');
    const out = bytes.slice(offset, offset + n);
    offset += n;
    return out;
  };
  const [flags, lengthsHigh, lengthsLow] = take(3);
  if (flags >> 4 !== VERSION) throw new TypeError(`unknown compact SDP version ${flags >> 4}`);
  if (flags & 1) throw new TypeError('reserved flag bit set');
  const setup = (flags >> 2) & 3;
  if (setup >= SETUPS.length) throw new TypeError('unknown DTLS setup');
  const hex = (flags & 2) !== 0;
  const lengths = (lengthsHigh << 8) | lengthsLow;
  const ufragLength = (lengths >> 11) + UFRAG_LENGTH.min;
  const pwdLength = ((lengths >> 5) & 63) + PWD_LENGTH.min;
  const count = lengths & 31;
  if (ufragLength > UFRAG_LENGTH.max) throw new RangeError(`ice-ufrag length ${ufragLength} over ${UFRAG_LENGTH.max}`);
  if (pwdLength > PWD_LENGTH.max) throw new RangeError(`ice-pwd length ${pwdLength} over ${PWD_LENGTH.max}`);
  if (count > MAX_CANDIDATES) throw new RangeError(`${count} candidates, over ${MAX_CANDIDATES}`);
  const fingerprint = take(FINGERPRINT_BYTES);

  const alphabet = hex ? HEX_CHARS : ICE_CHARS;
  const bitsPerChar = hex ? 4 : 6;
  const packed = take(Math.ceil(((ufragLength + pwdLength) * bitsPerChar) / 8));
  let chars = '';
  let acc = 0;
  let bits = 0;
  for (const b of packed) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= bitsPerChar && chars.length < ufragLength + pwdLength) {
      bits -= bitsPerChar;
      chars += alphabet[(acc >> bits) & ((1 << bitsPerChar) - 1)];
    }
    acc &= (1 << bits) - 1;
  }
  if (acc !== 0) throw new TypeError('non-zero padding after the ICE credentials');

  const candidates: CompactCandidate[] = [];
  for (let i = 0; i < count; i++) {
    const [tag] = take(1);
    const family = (tag >> 4) & 3;
    if (tag & 0x0f) throw new TypeError('reserved candidate bits set');
    if (family > FAMILY.mdns) throw new TypeError('unknown candidate address family');
    const address = take(family === FAMILY.ipv4 ? 4 : 16);
    if (family !== FAMILY.mdns && isUnspecified(address)) throw new TypeError('candidate address is unspecified');
    const [high, low] = take(2);
    const port = checkPort((high << 8) | low);
    candidates.push(candidateFromWire({ type: tag >> 6, family, address, port }));
  }
  if (offset !== bytes.length) throw new RangeError(`${bytes.length - offset} unexpected trailing bytes`);
  return {
    type: setup === 0 ? 'offer' : 'answer',
    ufrag: chars.slice(0, ufragLength),
    pwd: chars.slice(ufragLength),
    fingerprint,
    setup: SETUPS[setup],
    candidates,
  };
}

// ---- SDP text ------------------------------------------------------------------------------

const FINGERPRINT_RE = /^a=fingerprint:sha-256 ((?:[0-9a-f]{2}:){31}[0-9a-f]{2})\s*$/i;

/** The one sha-256 fingerprint in these lines; null when there is none, it is malformed or two differ. */
function sha256Fingerprint(lines: string[]): Uint8Array | null {
  let found: string | null = null;
  for (const line of lines) {
    if (!/^a=fingerprint:sha-256 /i.test(line)) continue;
    const m = FINGERPRINT_RE.exec(line);
    if (!m) return null;
    const value = m[1].replace(/:/g, '').toLowerCase();
    // Two different certificates claimed: nothing to bind an identity to.
    if (found !== null && found !== value) return null;
    found = value;
  }
  return found === null ? null : fromHex(found);
}

/** The candidate in an `a=candidate:` line, or null for one we do not carry (TCP, RTCP, unknown). */
function parseCandidateLine(line: string): CompactCandidate | null {
  const m = /^a=candidate:\S+ (\d+) (\S+) \d+ (\S+) (\d+) typ (\S+)/.exec(line);
  if (!m || m[1] !== '1' || m[2].toLowerCase() !== 'udp') return null;
  const candidate = { type: m[5] as CandidateType, address: m[3], port: Number(m[4]) };
  try {
    return candidateFromWire(candidateToWire(candidate));
  } catch {
    return null;
  }
}

function parse(type: 'offer' | 'answer', sdp: string): CompactDescription {
  if (type !== 'offer' && type !== 'answer') throw new TypeError(`unknown description type ${JSON.stringify(type)}`);
  if (typeof sdp !== 'string') throw new TypeError('sdp must be a string');
  const lines = sdp.split(/\r?\n/);
  const sections: string[][] = [[]];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([]);
    sections[sections.length - 1].push(line);
  }
  const session = sections[0];
  const media = sections.find((s) => /^m=application \d+ UDP\/DTLS\/SCTP webrtc-datachannel/i.test(s[0]));
  if (!media) throw new TypeError('no data-channel m-section in the SDP');
  // Media-level values win; Firefox and older stacks put some at session level.
  const attribute = (name: string): string | undefined => {
    const prefix = `a=${name}:`;
    const line = media.find((l) => l.startsWith(prefix)) ?? session.find((l) => l.startsWith(prefix));
    return line?.slice(prefix.length).trim();
  };
  const ufrag = attribute('ice-ufrag');
  const pwd = attribute('ice-pwd');
  const setup = attribute('setup');
  if (ufrag === undefined || pwd === undefined) throw new TypeError('the SDP has no ICE credentials');
  if (setup === undefined) throw new TypeError('the SDP has no DTLS setup');
  const hasSha256 = (ls: string[]) => ls.some((l) => /^a=fingerprint:sha-256 /i.test(l));
  const fingerprint = sha256Fingerprint(hasSha256(media) ? media : session);
  if (!fingerprint) throw new TypeError('the SDP has no single sha-256 fingerprint');

  const candidates: CompactCandidate[] = [];
  const seen = new Set<string>();
  for (const line of media) {
    if (!line.startsWith('a=candidate:') || candidates.length === MAX_CANDIDATES) continue;
    const c = parseCandidateLine(line);
    const key = c && `${c.type} ${c.address} ${c.port}`;
    if (!c || !key || seen.has(key)) continue;
    seen.add(key);
    candidates.push(c);
  }
  const desc = { type, ufrag, pwd, fingerprint, setup, candidates } as CompactDescription;
  toWire(desc);
  return desc;
}

/** RFC 8445 §5.1.2.1 priority for component 1; local preference falls with the order, so priorities stay distinct. */
const priority = (type: CandidateType, index: number) => TYPE_PREFERENCE[type] * 2 ** 24 + (65535 - index) * 2 ** 8 + 255;

function format(desc: CompactDescription): string {
  const w = toWire(desc);
  // A stable session id from the certificate: distinct per peer, same on every call.
  const sessionId = w.fingerprint.slice(0, 6).reduce((n, b) => n * 256 + b, 0);
  const fingerprint = toHex(w.fingerprint)
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
  const lines = [
    'v=0',
    `o=- ${sessionId} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'c=IN IP4 0.0.0.0',
    ...w.candidates.map((wire, i) => {
      const c = candidateFromWire(wire);
      const related = c.type === 'host' ? '' : ' raddr 0.0.0.0 rport 0';
      return `a=candidate:${i + 1} 1 udp ${priority(c.type, i)} ${c.address} ${c.port} typ ${c.type}${related}`;
    }),
    'a=end-of-candidates',
    `a=ice-ufrag:${w.ufrag}`,
    `a=ice-pwd:${w.pwd}`,
    `a=fingerprint:sha-256 ${fingerprint}`,
    `a=setup:${SETUPS[w.setup]}`,
    'a=mid:0',
    'a=sctp-port:5000',
    'a=max-message-size:262144',
  ];
  return lines.join('\r\n') + '\r\n';
}

function fingerprintOf(sdp: string): Uint8Array | null {
  return typeof sdp === 'string' ? sha256Fingerprint(sdp.split(/\r?\n/)) : null;
}

/**
 * The compact SDP codec for our single data-channel m-section (byte layout in this file's top comment).
 *
 * @example
 * // offerer, after ICE gathering completed (non-trickle):
 * const bytes = compactSdp.encode(compactSdp.parse('offer', pc.localDescription!.sdp));
 * // answerer:
 * await pc.setRemoteDescription({ type: 'offer', sdp: compactSdp.format(compactSdp.decode(bytes)) });
 */
export const compactSdp = {
  /**
   * Extracts a CompactDescription from a full SDP (Chromium, Firefox and Safari formats).
   * TCP candidates, candidates of other components and unrepresentable addresses are dropped;
   * duplicates are dropped; at most the first 16 candidates are kept.
   * @throws {TypeError} when essentials are missing or malformed (data-channel m-section, ICE credentials,
   *   a single sha-256 fingerprint, setup consistent with `type`)
   * @throws {RangeError} when the ICE credentials are outside 4..32 (ufrag) or 22..64 (pwd) characters
   */
  parse,
  /**
   * Rebuilds a full SDP that browsers accept in setRemoteDescription: one data-channel m-section
   * (mid 0, sctp-port 5000, max-message-size 262144), standard priorities, `a=end-of-candidates`.
   * @throws {TypeError | RangeError} when `desc` is not a valid description (as `encode`)
   */
  format,
  /**
   * Binary encoding, as small as possible.
   * @throws {TypeError} for a malformed field (setup not matching type, non ice-chars, bad address)
   * @throws {RangeError} for a wrong length or limit (credentials, fingerprint, over 16 candidates, port)
   */
  encode,
  /**
   * Strict decoding of untrusted bytes; what it returns always re-encodes to the same bytes.
   * @throws {TypeError} for malformed content (version, reserved bits, setup, family, padding, unspecified address)
   * @throws {RangeError} for wrong lengths and limits (truncated, trailing bytes, over 16 candidates, port 0)
   */
  decode,
  /**
   * The sha-256 DTLS fingerprint (32 bytes) of any SDP, from session or media level; null when there is
   * none, it is malformed, or the SDP holds two different ones. Identity verification binds to it.
   */
  fingerprintOf,
};
