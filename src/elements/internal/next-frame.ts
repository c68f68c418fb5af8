/**
 * Resolves at the next animation frame, or after `fallbackMs` when no frame comes first:
 * hidden pages get no frames, and an element that waits for one must still update there
 * (browsers run such a timer about once a second in a hidden page).
 */
export function nextFrame(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
