/**
 * Trystero's MQTT strategy in a bench page, pointed at the same local broker
 * (`relayConfig.urls`), host candidates only (`rtcConfig.iceServers: []`), otherwise its defaults.
 */
import { joinRoom, selfId, type Room } from '@trystero-p2p/mqtt';
import { Timeline, now, timeRounds } from './timeline.js';

/** What this page saw. */
export const timeline = new Timeline();

let room: Room | null = null;
let echo: ((n: number, o: { target: string }) => Promise<number>) | null = null;

/** Joins `roomId` of `appId`; `onPeerJoin` marks 'joined'. */
export function join({ url, appId, roomId }: { url: string; appId: string; roomId: string }): { t0: number; id: string } {
  const t0 = now();
  timeline.mark('start');
  const r = joinRoom({ appId, relayConfig: { urls: [url] }, rtcConfig: { iceServers: [] } }, roomId, {
    onJoinError: (e) => timeline.mark('error', e.peerId, e.error),
  });
  room = r;
  r.onPeerJoin = (peer) => timeline.mark('joined', peer);
  r.onPeerLeave = (peer) => timeline.mark('left', peer);
  const action = r.makeAction<number, number>('rtt', { kind: 'request', onRequest: (n) => n });
  echo = (n, o) => action.request(n, o);
  return { t0, id: selfId };
}

/** Request/response round trips (Trystero's closest thing to ask()) to the first peer, in ms. */
export function requestRounds(rounds: number, warmup: number): Promise<number[]> {
  const target = timeline.distinct('joined')[0]?.peer;
  if (!room || !echo || !target) throw new Error('no joined peer to ask');
  const ask = echo;
  let i = 0;
  return timeRounds(rounds, warmup, async () => {
    const n = i++;
    const a = await ask(n, { target });
    if (a !== n) throw new Error(`request(${n}) answered ${JSON.stringify(a)}`);
  });
}

export async function leave(): Promise<void> {
  await room?.leave();
  room = null;
}
