/**
 * Orders the requests that change todos. Changes of one todo go one after another, so each sends
 * the version the previous one produced as `If-Match` (two quick toggles must not conflict with each
 * other). A bulk change waits for every change before it, and every later change waits for it.
 */
export class OpQueue {
  private readonly chains = new Map<string, Promise<void>>();
  private barrier: Promise<void> = Promise.resolve();

  /** Runs `task` after the earlier tasks for `key` and the latest bulk task. */
  forItem(key: string, task: () => Promise<void>): Promise<void> {
    const run = settled(Promise.all([this.chains.get(key), this.barrier])).then(task);
    const tail = settled(run);
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    return run;
  }

  /** Runs `task` once every task queued so far has finished, before any task queued later. */
  exclusive(task: () => Promise<void>): Promise<void> {
    const run = settled(Promise.all([this.barrier, ...this.chains.values()])).then(task);
    this.barrier = settled(run);
    return run;
  }
}

/** Waits for a promise without caring how it ended: a failed task must not block the next one. */
function settled(promise: Promise<unknown>): Promise<void> {
  return promise.then(
    () => undefined,
    () => undefined,
  );
}
