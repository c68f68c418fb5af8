/**
 * The plain demo's secret rooms. "New secret room" is a link to this page with a fresh
 * `#secret=` from RTChatClient.createSecret(): the fragment never leaves the browser (it is
 * not sent to the server, unlike a query string), so the people you give the link to, and
 * only they, meet in a room nobody else can find or read. Import it before the elements are
 * defined, so a page opened with a secret never joins the open room first.
 */
import { RTChatClient } from '../src/core/client.js';

const room = document.querySelector('rt-chat-room')!;
const link = document.querySelector<HTMLAnchorElement>('#new-secret-room')!;
const status = document.querySelector<HTMLElement>('#secret-status')!;

function apply(): void {
  const secret = new URLSearchParams(location.hash.slice(1)).get('secret');
  if (secret) room.setAttribute('secret', secret);
  else room.removeAttribute('secret');
  status.hidden = !secret;
  // A fresh secret for every new room: the link changes once it has been used.
  link.href = `#secret=${RTChatClient.createSecret()}`;
}

apply();
addEventListener('hashchange', apply);
