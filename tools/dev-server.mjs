// `npm start`: the demo with live TypeScript and an embedded MQTT broker
// (web-dev-server.config.mjs), on http://127.0.0.1:8000/demo/ or the next free port.
//   PORT=9000 npm start      exactly that port (fails, saying so, when it is taken)
//   HOST=0.0.0.0 npm start   every interface, so other machines can open the demo
// web-dev-server runs in middleware mode and this script listens itself: given hostname
// '127.0.0.1', web-dev-server 1.0 listens on every interface (it passes no host to listen),
// and a taken port ends in an EADDRINUSE stack.
import { createServer } from 'node:http';
import { startDevServer } from '@web/dev-server';
import config, { host } from '../web-dev-server.config.mjs';
import { isWildcard, listenOnFreePort, urlHost } from './listen.mjs';

const FIRST_PORT = 8000;
const TRIES = 20;
const asked = process.env.PORT;
const port = asked ? Number(asked) : FIRST_PORT;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT=${asked} is not a port number (0 to 65535).`);
  process.exit(1);
}

// Listen first, so a taken port or a wrong HOST ends here, before the broker starts; the few
// requests that come before web-dev-server is ready are told to try again.
let handle = (_request, response) => response.writeHead(503, { 'retry-after': '1' }).end('starting');
const server = createServer((request, response) => handle(request, response));
let listening;
try {
  listening = await listenOnFreePort(server, { host, port, strict: !!asked, tries: TRIES });
} catch (error) {
  console.error(`\n  ${whyNot(error)}\n`);
  process.exit(1);
}
const dev = await startDevServer({
  config: { ...config, port: listening, hostname: host, middlewareMode: { server } },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
handle = dev.koaApp.callback();

const shown = isWildcard(host) ? '127.0.0.1' : urlHost(host);
const moved = asked || listening === port ? '' : listening === port + 1 ? ` (port ${port} is in use)` : ` (ports ${port} to ${listening - 1} are in use)`;
console.log(`
  rtchat demo: http://${shown}:${listening}/demo/${moved}
  Two tabs or two browsers on it chat with each other, through the embedded broker.
  ${asked ? `Port from PORT=${asked}.` : `Set PORT to choose the port (e.g. PORT=9000 npm start).`}
  ${
    isWildcard(host)
      ? `Listening on every interface (HOST=${host}). Other machines need HTTPS in front (plain http is no secure context there: no WebCrypto).`
      : `Listening on ${host} only (HOST=0.0.0.0 npm start for every interface).`
  }
`);

process.on('SIGTERM', async () => {
  await dev.stop();
  server.close();
  process.exit(0);
});

/** One line for a listen error: which port, and what to do. */
function whyNot(error) {
  if (error.code === 'EADDRINUSE') {
    return asked
      ? `Port ${port} on ${host} is in use (PORT=${asked}). Choose another PORT, or unset it to take the first free port from ${FIRST_PORT}.`
      : `Ports ${port} to ${port + TRIES - 1} on ${host} are all in use. Set PORT to choose a free one.`;
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return `Cannot listen on HOST=${host}: no such address on this machine.`;
  if (error.code === 'EACCES') return `Not allowed to listen on ${host} port ${error.port ?? port} (ports below 1024 need privileges). Set PORT to another one.`;
  return `Cannot listen on ${host} port ${port}: ${error.message}`;
}
