import { afterNextPaint } from './after-next-paint';

describe('afterNextPaint', () => {
  afterEach(() => jest.restoreAllMocks());

  it('resolves in a task queued from the next animation frame, not before it', async () => {
    let runFrame: FrameRequestCallback | undefined;
    jest.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
      runFrame = callback;
      return 1;
    });
    let resolved = false;
    const painted = afterNextPaint().then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resolved).toBe(false);

    runFrame?.(performance.now());
    await painted;
    expect(resolved).toBe(true);
  });

  it('resolves anyway when no frame comes (a hidden page paints none)', async () => {
    jest.useFakeTimers();
    try {
      jest.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 1);
      let resolved = false;
      const painted = afterNextPaint().then(() => (resolved = true));
      await jest.advanceTimersByTimeAsync(99);
      expect(resolved).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await painted;
      expect(resolved).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
