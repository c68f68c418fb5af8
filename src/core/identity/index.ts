/** Identity: the profile's Ed25519 key, tab numbers, display names, trusted keys, safety codes. */
export * from './kv-store.js';
export * from './identity.js';
export * from './tab-id.js';
export * from './friendly-name.js';
export * from './trust-store.js';
export * from './safety-code.js';
export * from './confusables.js';
