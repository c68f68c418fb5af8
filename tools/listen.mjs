// Listening for `npm start` (tools/dev-server.mjs): a port that is taken moves the server to
// the next one instead of ending in an EADDRINUSE stack, unless the port was asked for.

/**
 * Makes `server` listen on `host`, at `port` or, unless `strict`, at the first free one of the
 * `tries` ports from `port` on. Port 0 takes any free port.
 * @param {import('node:net').Server} server
 * @param {{ host?: string, port?: number, strict?: boolean, tries?: number }} options
 * @returns {Promise<number>} the port it listens on
 * @throws the last listen error (`code` 'EADDRINUSE' when every port tried was taken)
 */
export async function listenOnFreePort(server, { host = '127.0.0.1', port = 8000, strict = false, tries = 20 } = {}) {
  const last = strict || port === 0 ? port : Math.min(port + tries - 1, 65535);
  for (let p = port; ; p++) {
    try {
      await listenOnce(server, p, host);
      return server.address().port;
    } catch (error) {
      if (error.code !== 'EADDRINUSE' || p >= last) throw error;
    }
  }
}

/** One attempt; a failed listen leaves the server closed, so the next attempt may call listen again. */
function listenOnce(server, port, host) {
  return new Promise((resolve, reject) => {
    const failed = (error) => {
      server.off('listening', listening);
      reject(error);
    };
    const listening = () => {
      server.off('error', failed);
      resolve();
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, host);
  });
}

/** Whether `host` means every interface (`0.0.0.0`, `::`). */
export const isWildcard = (host) => host === '0.0.0.0' || host === '::' || host === '[::]';

/** `host` as it goes in a URL: IPv6 in brackets. */
export const urlHost = (host) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
