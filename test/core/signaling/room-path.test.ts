import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { canonicalRoomPath } from '../../../src/core/signaling/room-path.js';
import { deriveRoom, roomMaterial } from '../../../src/core/signaling/room.js';

// The page path a room is named by (docs/protocol.md, section 3): the addresses people take
// for one page give one path, and paths a server tells apart stay apart.

/** Asserts that every path in `paths` has the canonical form `expected`. */
function allBecome(expected: string, paths: string[]): void {
  for (const path of paths) expect(canonicalRoomPath(path), JSON.stringify(path)).to.equal(expected);
}

describe('canonicalRoomPath', () => {
  it('makes a directory, its trailing slash and its index page one path', () => {
    allBecome('/x', [
      '/x',
      '/x/',
      '/x/index.html',
      '/x/index.htm',
      '/x/index.php',
      '/x/default.html',
      '/x/default.htm',
      '/x/default.aspx',
      '/x/index.html/',
      '/x/index.html/index.htm',
    ]);
    allBecome('/', ['/', '', '/index.html', '/default.htm']);
  });

  it('drops the query and the fragment', () => {
    allBecome('/x', ['/x?', '/x/?ref=mail', '/x#top', '/x/index.html?a=1#b', '/x#a?b']);
    allBecome('/', ['?x', '#/x/y']);
  });

  it('keeps other file names, and index names anywhere but last', () => {
    allBecome('/x/main.html', ['/x/main.html', '/x/main.html/']);
    allBecome('/index.html/x', ['/index.html/x']);
    allBecome('/x/index.xhtml', ['/x/index.xhtml']);
    allBecome('/x/index', ['/x/index']);
  });

  it('keeps letter case: URL paths are case-sensitive, index names too', () => {
    expect(canonicalRoomPath('/Chat')).to.not.equal(canonicalRoomPath('/chat'));
    allBecome('/x/Index.html', ['/x/Index.html']);
    allBecome('/x/INDEX.HTML', ['/x/INDEX.HTML']);
  });

  it('spells every byte one way: decoded where RFC 3986 allows it, else %XX in upper case', () => {
    allBecome('/a%20b', ['/a b', '/a%20b', '/a%20%62', '/%61%20b']);
    allBecome('/caf%C3%A9', ['/café', '/caf%C3%A9', '/caf%c3%a9', '/caf%C3%a9/']);
    allBecome('/~user/a+b@c:d', ['/%7Euser/a%2Bb%40c%3Ad', '/~user/a+b@c:d']);
    allBecome('/%22%3C%3E%5B%5D%5C%5E%60%7B%7C%7D', ['/"<>[]\\^`{|}']);
    // Bytes that are not UTF-8 stay what they are.
    allBecome('/%FF%FE', ['/%ff%Fe']);
  });

  it('keeps an encoded slash inside its segment, and reads a stray % as a percent sign', () => {
    allBecome('/a%2Fb', ['/a%2Fb', '/a%2fb']);
    expect(canonicalRoomPath('/a%2Fb')).to.not.equal(canonicalRoomPath('/a/b'));
    allBecome('/100%25', ['/100%', '/100%25']);
    allBecome('/%25zz', ['/%zz']);
    // Decoded once only: an encoded escape is not the character it spells.
    expect(canonicalRoomPath('/%2541')).to.equal('/%2541');
    expect(canonicalRoomPath('/%41')).to.equal('/A');
  });

  it('resolves dot segments, encoded ones too, never above the root, and collapses empty segments', () => {
    allBecome('/a/c', ['/a/b/../c', '/a/./c', '/a/b/%2e%2E/c', '/a//c/', '//a///c', 'a/c', '/../a/c', '/a/c/.']);
    allBecome('/', ['/..', '/a/..', '/./', '//']);
    // As in the URL parser, `..` takes back an empty segment too.
    allBecome('/a/b', ['/a//../b', new URL('https://example.com/a//../b').pathname]);
    allBecome('/a/...', ['/a/...']);
  });

  it('gives the examples of docs/protocol.md section 3', () => {
    allBecome('/chat', ['/chat', '/chat/', '/chat/index.html', '/chat/?ref=mail#top', '/chat//']);
    allBecome('/', ['/', '', '/index.html', '/?x=1']);
    allBecome('/a%20b', ['/a b/', '/a%20b', '/%61%20b/default.htm']);
    allBecome('/caf%C3%A9', ['/caf%c3%a9', '/café']);
    allBecome('/~user/a+b', ['/%7Euser/a%2Bb', '/~user/a+b']);
    allBecome('/a%2Fb', ['/a%2Fb']);
    allBecome('/a/c', ['/a/./b/../c', '/a/%2e%2E/a/c']);
    for (const path of ['/Chat', '/x/Index.html']) allBecome(path, [path]);
  });

  it('gives what the browser makes of a path and the path as written one form, and is idempotent (property)', () => {
    // Pieces that exercise every rule; no tab, newline or backslash, which the URL parser
    // removes or turns into a slash before a page ever sees its path.
    const piece = fc.constantFrom('/', 'a', 'B', ' ', '.', '..', '%', '%2e', '%2F', '%41', '%c3%a9', 'é', '😀', '~', '+', '"', '?', '#', 'index.html', 'default.htm');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom('z', '/', '/index.html'), (pieces, end) => {
        // Between /x/ and an end: URL reads a leading // as a host and trims trailing spaces.
        const path = `/x/${pieces.join('')}${end}`;
        const canonical = canonicalRoomPath(path);
        expect(canonicalRoomPath(new URL(path, 'https://example.com').pathname), path).to.equal(canonical);
        expect(canonicalRoomPath(canonical)).to.equal(canonical);
        expect(canonicalRoomPath(`${canonical}/index.html?q#h`)).to.equal(canonical);
        expect(canonical).to.match(/^\/([A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2}|\/(?!\/))*$/);
        if (canonical !== '/') expect(canonical.endsWith('/'), canonical).to.equal(false);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('room derivation from the page path', () => {
  it('names one room for /x, /x/ and /x/index.html, and keeps the protocol vector of /chat', async () => {
    const topics = new Set<string>();
    for (const path of ['/chat', '/chat/', '/chat/index.html', '/chat/?ref=mail#top']) {
      expect(roomMaterial({ origin: 'https://example.com', path, room: 'lobby' })).to.equal('https://example.com/chat#lobby');
      topics.add((await deriveRoom({ origin: 'https://example.com', path, room: 'lobby' })).topic);
    }
    expect([...topics]).to.deep.equal(['rtchat/v1/cHYALsGNzU9XNLD2esVmew']);
  });

  it('leaves an explicit topic as given', () => {
    expect(roomMaterial({ origin: 'https://example.com', path: '/x/', topic: 'my-app/lobby/' })).to.equal('my-app/lobby/');
  });
});
