import type { Todo } from '@todo/contract/client';
import { MAX_NOTICES, initialState, isShown, keyForId, todoReducer, type Filter, type TodoAction, type TodoState } from './todo-state';

function todo(id: number, fields: Partial<Todo> = {}): Todo {
  return { id, title: `todo ${id}`, completed: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1, ...fields };
}

const run = (...actions: TodoAction[]): TodoState => actions.reduce(todoReducer, initialState);
/** The keys of the rows a filter shows, in order, as the list renders them. */
const shownKeys = (state: TodoState, filter: Filter = 'all') =>
  state.order.filter((key) => {
    const view = state.entries.get(key)?.view;
    return view ? isShown(view, filter) : false;
  });
const titles = (state: TodoState) => shownKeys(state).map((key) => state.entries.get(key)?.view?.title);
/** The counts as a walk over every row finds them: what the reducer's own counts must always equal. */
const countedByWalk = (state: TodoState) => ({ total: shownKeys(state).length, completed: shownKeys(state, 'completed').length });
const k = keyForId;

const update = (key: string, opId: number, completed: boolean): TodoAction => ({ type: 'changeStarted', key, change: { opId, kind: 'update', changes: { completed } } });
/** A run through every kind of change, for the invariants that must hold after each. */
const everyKindOfChange: TodoAction[] = [
  { type: 'loadStarted' },
  { type: 'pageLoaded', items: [todo(1), todo(2, { completed: true }), todo(3)], done: false },
  { type: 'createStarted', key: 'new-1', title: 'made here' },
  { type: 'pageLoaded', items: [todo(3), todo(4, { completed: true })], done: true },
  { type: 'createSucceeded', key: 'new-1', todo: todo(9, { title: 'made here' }) },
  { type: 'createStarted', key: 'new-2', title: 'refused' },
  { type: 'createFailed', key: 'new-2', text: 'Could not add' },
  update(k(1), 1, true),
  { type: 'changeSucceeded', key: k(1), opId: 1, todo: todo(1, { completed: true, version: 2 }) },
  update(k(3), 2, true),
  { type: 'changeFailed', key: k(3), opId: 2, text: 'undone' },
  update(k(4), 3, false),
  { type: 'conflict', key: k(4), current: todo(4, { completed: true, version: 3 }), text: 'changed elsewhere' },
  { type: 'changeStarted', key: k(2), change: { opId: 4, kind: 'delete' } },
  { type: 'changeFailed', key: k(2), opId: 4, text: 'back' },
  { type: 'changeStarted', key: k(2), change: { opId: 5, kind: 'delete' } },
  { type: 'changeSucceeded', key: k(2), opId: 5 },
  { type: 'gone', key: 'new-1', text: 'deleted elsewhere' },
  { type: 'bulkStarted', opId: 6, change: 'uncomplete' },
  { type: 'bulkFailed', opId: 6, text: 'undone' },
  { type: 'bulkStarted', opId: 7, change: 'deleteCompleted' },
  { type: 'bulkSucceeded', opId: 7, items: null },
  { type: 'bulkStarted', opId: 8, change: 'complete' },
  { type: 'bulkSucceeded', opId: 8, items: [todo(3, { completed: true, version: 5 }), todo(5)] },
  { type: 'createStarted', key: 'new-3', title: 'last' },
];

describe('todoReducer', () => {
  it('shows pages as they load, in order, without duplicates', () => {
    const first = run({ type: 'loadStarted' }, { type: 'pageLoaded', items: [todo(1), todo(2)], done: false });
    expect(first.status).toBe('loadingMore');
    expect(titles(first)).toEqual(['todo 1', 'todo 2']);

    const done = todoReducer(first, { type: 'pageLoaded', items: [todo(2), todo(3)], done: true });
    expect(done.status).toBe('ready');
    expect(titles(done)).toEqual(['todo 1', 'todo 2', 'todo 3']);
  });

  it('puts listed todos before ones made in the page while the list was loading', () => {
    const state = run(
      { type: 'pageLoaded', items: [todo(1)], done: false },
      { type: 'createStarted', key: 'new-1', title: 'made here' },
      { type: 'pageLoaded', items: [todo(2)], done: true },
    );
    expect(titles(state)).toEqual(['todo 1', 'todo 2', 'made here']);
  });

  it('undoes exactly the refused change and keeps the others pending', () => {
    const loaded = run({ type: 'pageLoaded', items: [todo(1)], done: true });
    const changed = [
      { type: 'changeStarted', key: k(1), change: { opId: 1, kind: 'update', changes: { completed: true } } },
      { type: 'changeStarted', key: k(1), change: { opId: 2, kind: 'update', changes: { title: 'renamed' } } },
    ] as const;
    const both = changed.reduce<TodoState>(todoReducer, loaded);
    expect(both.entries.get(k(1))?.view).toMatchObject({ title: 'renamed', completed: true, saving: true });

    const refused = todoReducer(both, { type: 'changeFailed', key: k(1), opId: 1, text: 'Could not save' });
    expect(refused.entries.get(k(1))?.view).toMatchObject({ title: 'renamed', completed: false, saving: true });
    expect(refused.notices.map((notice) => notice.text)).toEqual(['Could not save']);

    const saved = todoReducer(refused, { type: 'changeSucceeded', key: k(1), opId: 2, todo: todo(1, { title: 'renamed', version: 2 }) });
    expect(saved.entries.get(k(1))?.view).toMatchObject({ title: 'renamed', completed: false, saving: false });
  });

  it('hides a todo while its delete is pending and brings it back when the delete fails', () => {
    const loaded = run({ type: 'pageLoaded', items: [todo(1), todo(2)], done: true });
    const deleting = todoReducer(loaded, { type: 'changeStarted', key: k(1), change: { opId: 1, kind: 'delete' } });
    expect(titles(deleting)).toEqual(['todo 2']);

    expect(titles(todoReducer(deleting, { type: 'changeFailed', key: k(1), opId: 1, text: 'no' }))).toEqual(['todo 1', 'todo 2']);
    const deleted = todoReducer(deleting, { type: 'changeSucceeded', key: k(1), opId: 1 });
    expect(titles(deleted)).toEqual(['todo 2']);
    expect(deleted.keyById[1]).toBeUndefined();
  });

  it('on a conflict shows the server version, drops pending changes and starts a new epoch', () => {
    const state = run(
      { type: 'pageLoaded', items: [todo(1)], done: true },
      { type: 'changeStarted', key: k(1), change: { opId: 1, kind: 'update', changes: { title: 'mine' } } },
      { type: 'conflict', key: k(1), current: todo(1, { title: 'theirs', version: 2 }), text: 'changed elsewhere' },
    );
    const entry = state.entries.get(k(1));
    expect(entry?.view).toMatchObject({ title: 'theirs', saving: false });
    expect(entry?.epoch).toBe(1);
    expect(entry?.server?.version).toBe(2);
    expect(state.notices.at(-1)?.text).toBe('changed elsewhere');
  });

  it('keeps the view object of a row whose todo did not change', () => {
    const loaded = run({ type: 'pageLoaded', items: [todo(1), todo(2)], done: true });
    const next = todoReducer(loaded, { type: 'changeStarted', key: k(2), change: { opId: 1, kind: 'update', changes: { completed: true } } });
    expect(next.entries.get(k(1))?.view).toBe(loaded.entries.get(k(1))?.view);
    expect(next.entries.get(k(2))?.view).not.toBe(loaded.entries.get(k(2))?.view);
  });

  it('shows a new todo at once and removes it when its creation fails', () => {
    const creating = run({ type: 'pageLoaded', items: [], done: true }, { type: 'createStarted', key: 'new-1', title: 'milk' });
    expect(creating.entries.get('new-1')?.view).toMatchObject({ title: 'milk', completed: false, saving: true });

    const created = todoReducer(creating, { type: 'createSucceeded', key: 'new-1', todo: todo(9, { title: 'milk' }) });
    expect(created.keyById[9]).toBe('new-1');
    expect(created.entries.get('new-1')?.view?.saving).toBe(false);

    const failed = todoReducer(creating, { type: 'createFailed', key: 'new-1', text: 'Could not add' });
    expect(failed.order).toEqual([]);
  });

  describe('bulk changes', () => {
    const loaded = run({ type: 'pageLoaded', items: [todo(1), todo(2, { completed: true }), todo(3)], done: true });

    it('applies toggle-all at once and undoes it when refused', () => {
      const started = todoReducer(loaded, { type: 'bulkStarted', opId: 7, change: 'complete' });
      expect(started.counts).toEqual({ total: 3, completed: 3 });
      expect(started.entries.get(k(2))).toBe(loaded.entries.get(k(2)));

      const refused = todoReducer(started, { type: 'bulkFailed', opId: 7, text: 'Could not update' });
      expect(refused.counts).toEqual({ total: 3, completed: 1 });
    });

    it('replaces the list with the server one after the bulk change, keeping todos still being created', () => {
      const started = [
        { type: 'createStarted', key: 'new-1', title: 'pending' },
        { type: 'bulkStarted', opId: 7, change: 'deleteCompleted' },
      ] as const;
      const state = todoReducer(started.reduce<TodoState>(todoReducer, loaded), {
        type: 'bulkSucceeded',
        opId: 7,
        items: [todo(1), todo(3, { title: 'renamed elsewhere', version: 2 }), todo(4)],
      });
      expect(titles(state)).toEqual(['todo 1', 'renamed elsewhere', 'todo 4', 'pending']);
      expect(state.entries.get(k(1))).toBe(loaded.entries.get(k(1)));
      expect(state.keyById[2]).toBeUndefined();
    });

    it('applies the change locally when the new list cannot be read', () => {
      const started = todoReducer(loaded, { type: 'bulkStarted', opId: 7, change: 'deleteCompleted' });
      const state = todoReducer(started, { type: 'bulkSucceeded', opId: 7, items: null });
      expect(titles(state)).toEqual(['todo 1', 'todo 3']);
      expect(state.entries.get(k(1))?.view?.saving).toBe(false);
      expect(state.keyById[2]).toBeUndefined();
      expect(state.keyById[1]).toBe(k(1));
    });

    it('applies a toggle-all locally to every todo it changed, leaving the others as they were', () => {
      const started = todoReducer(loaded, { type: 'bulkStarted', opId: 7, change: 'complete' });
      const state = todoReducer(started, { type: 'bulkSucceeded', opId: 7, items: null });
      expect(state.counts).toEqual({ total: 3, completed: 3 });
      expect(shownKeys(state).map((key) => state.entries.get(key)?.view?.saving)).toEqual([false, false, false]);
      expect(state.entries.get(k(2))).toBe(loaded.entries.get(k(2)));
      expect(state.order).toBe(loaded.order);
    });
  });

  it('keeps only the newest messages and dismisses one by id', () => {
    const many = Array.from({ length: MAX_NOTICES + 2 }, (_, i): TodoAction => ({ type: 'loadFailed', text: `failure ${i}` }));
    const state = run(...many);
    expect(state.notices).toHaveLength(MAX_NOTICES);
    expect(state.notices[0]?.text).toBe('failure 2');

    const first = state.notices[0]!;
    expect(todoReducer(state, { type: 'dismissNotice', id: first.id }).notices).not.toContainEqual(first);
  });

  it('filters active and completed todos', () => {
    const state = run({ type: 'pageLoaded', items: [todo(1), todo(2, { completed: true })], done: true });
    expect(shownKeys(state, 'active')).toEqual([k(1)]);
    expect(shownKeys(state, 'completed')).toEqual([k(2)]);
  });

  it('keeps its counts equal to a count of every row through loads, creates, changes, deletes, conflicts, bulk changes and their undoing', () => {
    let state = initialState;
    const seen = new Set<string>();
    for (const step of everyKindOfChange) {
      state = todoReducer(state, step);
      expect({ step: step.type, counts: state.counts }).toEqual({ step: step.type, counts: countedByWalk(state) });
      seen.add(JSON.stringify(state.counts));
    }
    // The steps move the counts about (not one unchanging pair that would pass by accident).
    expect(seen.size).toBeGreaterThan(4);
    expect(state.counts).toEqual({ total: 3, completed: 1 });
  });

  it('changes only the entry an action names, if it names one (the store tells only that row)', () => {
    let state = initialState;
    for (const step of everyKindOfChange) {
      const next = todoReducer(state, step);
      if ('key' in step) {
        const others = (entries: TodoState['entries']) => [...entries].filter(([key]) => key !== step.key);
        expect(others(next.entries)).toEqual(others(state.entries));
        for (const [key, entry] of others(next.entries)) expect(entry).toBe(state.entries.get(key));
      }
      state = next;
    }
  });
});
