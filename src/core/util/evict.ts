/** Removes the oldest entry of a Map or Set (insertion order): how bounded caches make room. */
export function evictOldest<K>(collection: { keys(): IterableIterator<K>; delete(key: K): boolean }): void {
  const first = collection.keys().next();
  if (!first.done) collection.delete(first.value);
}
