/** Longest wait for a paint: a hidden page paints no frames, and its requests must still go out. */
const PAINT_WAIT_MAX_MS = 100;

/**
 * Resolves once the browser has painted the next frame (a task queued from an animation frame
 * callback runs after that frame's paint), or after `PAINT_WAIT_MAX_MS` when no frame comes.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, PAINT_WAIT_MAX_MS);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}
