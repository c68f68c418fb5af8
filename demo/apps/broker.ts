/**
 * Where the demo apps meet: the broker named in the page's address (`?broker=ws://…`, as
 * `npm start` and the tests open them), else the public defaults. A real app names its own.
 */
const broker = new URLSearchParams(location.search).get('broker');

/** Attributes of the apps' rooms: one room for the three apps, everyone let in. */
export const roomAttributes: Record<string, string> = {
  topic: 'rtchat-framework-apps',
  'auto-accept': 'all',
  ...(broker ? { brokers: broker, 'ice-servers': '[]' } : {}),
};
