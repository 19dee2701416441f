import type { Todo } from '@todo/contract/client';
import { keyForId } from './todo-state';
import { TodoStore } from './todo-store';

function todo(id: number, fields: Partial<Todo> = {}): Todo {
  return { id, title: `todo ${id}`, completed: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1, ...fields };
}

/** A store holding todos 1..count, with a call counter on every entry's key and on the whole state. */
function storeWith(count: number) {
  const store = new TodoStore();
  store.dispatch({ type: 'pageLoaded', items: Array.from({ length: count }, (_, i) => todo(i + 1)), done: true });
  const calls = new Map<string, number>();
  const unsubscribes = new Map<string, () => void>();
  for (const key of store.getState().order) unsubscribes.set(key, store.subscribeToEntry(key, () => calls.set(key, (calls.get(key) ?? 0) + 1)));
  let stateCalls = 0;
  store.subscribe(() => (stateCalls += 1));
  return { store, calls, unsubscribes, stateCalls: () => stateCalls };
}

describe('TodoStore', () => {
  it("calls only the listeners of the entry a change replaced, and the whole state's on every change", () => {
    const { store, calls, stateCalls } = storeWith(100);
    store.dispatch({ type: 'changeStarted', key: keyForId(42), change: { opId: 1, kind: 'update', changes: { completed: true } } });
    expect([...calls]).toEqual([[keyForId(42), 1]]);
    expect(stateCalls()).toBe(1);

    store.dispatch({ type: 'loadFailed', text: 'a notice, no entry changed' });
    expect([...calls]).toEqual([[keyForId(42), 1]]);
    expect(stateCalls()).toBe(2);
  });

  it('calls the listeners of every entry a bulk change touched, and of an entry that was removed', () => {
    const { store, calls } = storeWith(4);
    store.dispatch({ type: 'changeStarted', key: keyForId(2), change: { opId: 1, kind: 'update', changes: { completed: true } } });
    store.dispatch({ type: 'changeSucceeded', key: keyForId(2), opId: 1, todo: todo(2, { completed: true, version: 2 }) });
    calls.clear();

    store.dispatch({ type: 'bulkStarted', opId: 2, change: 'complete' });
    expect([...calls.keys()].sort()).toEqual([keyForId(1), keyForId(3), keyForId(4)]);

    calls.clear();
    store.dispatch({ type: 'gone', key: keyForId(3), text: 'deleted elsewhere' });
    expect([...calls]).toEqual([[keyForId(3), 1]]);
  });

  it('stops calling a listener once it unsubscribed, and calls the others of the same entry', () => {
    const { store, calls, unsubscribes } = storeWith(2);
    let second = 0;
    store.subscribeToEntry(keyForId(1), () => (second += 1));
    unsubscribes.get(keyForId(1))?.();
    store.dispatch({ type: 'changeStarted', key: keyForId(1), change: { opId: 1, kind: 'update', changes: { title: 'renamed' } } });
    expect(calls.size).toBe(0);
    expect(second).toBe(1);
  });

  it('calls a listener that subscribed before its entry existed once the entry is made', () => {
    const store = new TodoStore();
    let calls = 0;
    store.subscribeToEntry('new-1', () => (calls += 1));
    store.dispatch({ type: 'createStarted', key: 'new-1', title: 'milk' });
    expect(calls).toBe(1);
  });
});
