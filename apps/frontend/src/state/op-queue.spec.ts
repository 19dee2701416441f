import { OpQueue } from './op-queue';

/** A task that records when it starts and finishes only when the test says so. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const task = async () => {
    log.push(`start ${name}`);
    await opened;
    log.push(`end ${name}`);
  };
  return { task, open };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('OpQueue', () => {
  it('runs the changes of one todo one after another, and of different todos side by side', async () => {
    const queue = new OpQueue();
    const log: string[] = [];
    const a1 = gate(log, 'a1');
    const a2 = gate(log, 'a2');
    const b1 = gate(log, 'b1');
    void queue.forItem('a', a1.task);
    const second = queue.forItem('a', a2.task);
    void queue.forItem('b', b1.task);
    await tick();
    expect(log).toEqual(['start a1', 'start b1']);

    a1.open();
    await tick();
    expect(log).toEqual(['start a1', 'start b1', 'end a1', 'start a2']);
    a2.open();
    b1.open();
    await second;
  });

  it('runs a bulk task after everything before it and before everything after it', async () => {
    const queue = new OpQueue();
    const log: string[] = [];
    const item = gate(log, 'item');
    const bulk = gate(log, 'bulk');
    const later = gate(log, 'later');
    void queue.forItem('a', item.task);
    void queue.exclusive(bulk.task);
    const last = queue.forItem('b', later.task);
    await tick();
    expect(log).toEqual(['start item']);

    item.open();
    await tick();
    expect(log.at(-1)).toBe('start bulk');
    bulk.open();
    later.open();
    await last;
    expect(log).toEqual(['start item', 'end item', 'start bulk', 'end bulk', 'start later', 'end later']);
  });

  it('goes on after a task fails', async () => {
    const queue = new OpQueue();
    const failed = queue.forItem('a', () => Promise.reject(new Error('refused')));
    await expect(failed).rejects.toThrow('refused');
    await expect(queue.forItem('a', async () => undefined)).resolves.toBeUndefined();
  });
});
