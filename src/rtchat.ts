/**
 * Drop-in bundle entry (dist/rtchat.js, dist/rtchat.esm.js): registers the elements and
 * exposes the library as `window.RTChat`.
 */
export * from './index.js';
