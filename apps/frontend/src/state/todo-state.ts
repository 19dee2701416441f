import type { Todo, UpdateTodo } from '@todo/contract/client';

/**
 * The app's state, with the server as the store: each entry keeps the last version the server
 * confirmed plus the user's changes still on their way to it. What a row shows is the server's
 * version with those pending changes applied, so undoing a refused change is just dropping it.
 */

/** A change the user made that the server has not confirmed yet. */
export type PendingChange = { readonly opId: number; readonly kind: 'update'; readonly changes: UpdateTodo } | { readonly opId: number; readonly kind: 'delete' };

/** What a row shows. Kept as the same object while its entry does not change, so memoized rows skip rendering. */
export interface TodoView {
  /** Stable client-side key: it does not change when a new todo gets its server id. */
  readonly key: string;
  readonly title: string;
  readonly completed: boolean;
  /** Some change of this todo is on its way to the server. */
  readonly saving: boolean;
}

export interface Entry {
  readonly key: string;
  /** The last version the server confirmed; `null` while the todo is being created. */
  readonly server: Todo | null;
  /** The title sent to create the todo, shown until the server confirms it. */
  readonly draftTitle: string;
  /** Came from the initial listing rather than made in this page. */
  readonly loaded: boolean;
  readonly pending: readonly PendingChange[];
  /**
   * Bumped whenever the server's version replaced the one the user was looking at (a conflict):
   * changes queued against the old version are then dropped instead of overwriting the new one.
   */
  readonly epoch: number;
  /** `null` while a delete is pending: the row is hidden. */
  readonly view: TodoView | null;
}

export interface Notice {
  readonly id: number;
  readonly text: string;
}

export type LoadStatus = 'loading' | 'loadingMore' | 'ready' | 'failed';

/** The shown todos (entries with a view), for the footer and the toggle-all box. */
export interface TodoCounts {
  readonly total: number;
  readonly completed: number;
}

export interface TodoState {
  readonly status: LoadStatus;
  /** Entry keys in creation order. */
  readonly order: readonly string[];
  /**
   * By key. A Map, not an object: each change copies it, and with thousands of todos copying and
   * reading a Map costs a fraction of what an object with as many keys does.
   */
  readonly entries: ReadonlyMap<string, Entry>;
  /** Server id to entry key, for entries the server knows. */
  readonly keyById: Readonly<Record<number, string>>;
  /**
   * Kept up to date by each change rather than counted when shown: with thousands of todos, a
   * walk over all of them on every change was a good part of a toggle's time.
   */
  readonly counts: TodoCounts;
  readonly notices: readonly Notice[];
  readonly nextNoticeId: number;
  /** How many times the whole list was read again (after a bulk change): pages read before are stale. */
  readonly resyncs: number;
}

export type TodoAction =
  | { type: 'loadStarted' }
  | { type: 'pageLoaded'; items: readonly Todo[]; done: boolean }
  | { type: 'loadFailed'; text: string }
  | { type: 'createStarted'; key: string; title: string }
  | { type: 'createSucceeded'; key: string; todo: Todo }
  | { type: 'createFailed'; key: string; text: string }
  | { type: 'changeStarted'; key: string; change: PendingChange }
  | { type: 'changeSucceeded'; key: string; opId: number; todo?: Todo }
  | { type: 'changeFailed'; key: string; opId: number; text?: string }
  | { type: 'conflict'; key: string; current: Todo; text: string }
  | { type: 'gone'; key: string; text: string }
  | { type: 'bulkStarted'; opId: number; change: 'complete' | 'uncomplete' | 'deleteCompleted' }
  | { type: 'bulkSucceeded'; opId: number; items: readonly Todo[] | null }
  | { type: 'bulkFailed'; opId: number; text: string }
  | { type: 'dismissNotice'; id: number };

/** Only the newest messages stay on screen. */
export const MAX_NOTICES = 4;

export const initialState: TodoState = { status: 'loading', order: [], entries: new Map(), keyById: {}, counts: { total: 0, completed: 0 }, notices: [], nextNoticeId: 1, resyncs: 0 };

export function keyForId(id: number): string {
  return `todo-${id}`;
}

export function todoReducer(state: TodoState, action: TodoAction): TodoState {
  switch (action.type) {
    case 'loadStarted':
      return { ...state, status: state.order.length > 0 ? 'loadingMore' : 'loading' };
    case 'pageLoaded':
      return { ...insertLoaded(state, action.items), status: action.done ? 'ready' : 'loadingMore' };
    case 'loadFailed':
      return notify({ ...state, status: 'failed' }, action.text);
    case 'createStarted': {
      const entry = makeEntry({ key: action.key, server: null, draftTitle: action.title, loaded: false, pending: [], epoch: 0 });
      const counts = recounted(state.counts, undefined, entry.view);
      return { ...state, order: [...state.order, action.key], entries: new Map(state.entries).set(action.key, entry), counts };
    }
    case 'createSucceeded':
      return withEntry({ ...state, keyById: { ...state.keyById, [action.todo.id]: action.key } }, action.key, (entry) => ({ ...entry, server: action.todo }));
    case 'createFailed':
      return notify(removeEntry(state, action.key), action.text);
    case 'changeStarted':
      return withEntry(state, action.key, (entry) => ({ ...entry, pending: [...entry.pending, action.change] }));
    case 'changeSucceeded': {
      const entry = state.entries.get(action.key);
      if (!entry) return state;
      const change = entry.pending.find((pending) => pending.opId === action.opId);
      if (change?.kind === 'delete') return removeEntry(state, action.key);
      return withEntry(state, action.key, (current) => ({
        ...current,
        server: action.todo ?? current.server,
        pending: current.pending.filter((pending) => pending.opId !== action.opId),
      }));
    }
    case 'changeFailed': {
      const next = withEntry(state, action.key, (entry) => ({ ...entry, pending: entry.pending.filter((pending) => pending.opId !== action.opId) }));
      return action.text === undefined ? next : notify(next, action.text);
    }
    case 'conflict':
      return notify(
        withEntry(state, action.key, (entry) => ({ ...entry, server: action.current, pending: [], epoch: entry.epoch + 1 })),
        action.text,
      );
    case 'gone':
      return notify(removeEntry(state, action.key), action.text);
    case 'bulkStarted':
      return startBulk(state, action.opId, action.change);
    case 'bulkSucceeded':
      return action.items === null ? foldBulk(state, action.opId) : syncWithServer(dropOp(state, action.opId), action.items);
    case 'bulkFailed':
      return notify(dropOp(state, action.opId), action.text);
    case 'dismissNotice':
      return { ...state, notices: state.notices.filter((notice) => notice.id !== action.id) };
  }
}

export type Filter = 'all' | 'active' | 'completed';

/** Whether a filter shows a todo. */
export function isShown(view: TodoView, filter: Filter): boolean {
  return filter === 'all' || view.completed === (filter === 'completed');
}

/** The counts after one entry's view went from `before` to `after` (`undefined`: no entry). */
function recounted(counts: TodoCounts, before: TodoView | null | undefined, after: TodoView | null | undefined): TodoCounts {
  if (before === after) return counts;
  const total = counts.total - (before ? 1 : 0) + (after ? 1 : 0);
  const completed = counts.completed - (before?.completed ? 1 : 0) + (after?.completed ? 1 : 0);
  return total === counts.total && completed === counts.completed ? counts : { total, completed };
}

/** Counts every entry: for the changes that rebuild many entries at once. */
function countAll(entries: ReadonlyMap<string, Entry>): TodoCounts {
  let total = 0;
  let completed = 0;
  for (const { view } of entries.values()) {
    if (!view) continue;
    total += 1;
    if (view.completed) completed += 1;
  }
  return { total, completed };
}

type EntryFields = Omit<Entry, 'view'>;

/** Builds an entry with its view; reuses the previous view object when nothing the row shows changed. */
function makeEntry(fields: EntryFields, previous?: TodoView | null): Entry {
  return { ...fields, view: viewOf(fields, previous) };
}

function viewOf(entry: EntryFields, previous: TodoView | null | undefined): TodoView | null {
  let title = entry.server?.title ?? entry.draftTitle;
  let completed = entry.server?.completed ?? false;
  for (const change of entry.pending) {
    if (change.kind === 'delete') return null;
    title = change.changes.title ?? title;
    completed = change.changes.completed ?? completed;
  }
  const saving = entry.server === null || entry.pending.length > 0;
  if (previous && previous.title === title && previous.completed === completed && previous.saving === saving) return previous;
  return { key: entry.key, title, completed, saving };
}

function withEntry(state: TodoState, key: string, change: (entry: Entry) => EntryFields): TodoState {
  const entry = state.entries.get(key);
  if (!entry) return state;
  const next = makeEntry(change(entry), entry.view);
  return { ...state, entries: new Map(state.entries).set(key, next), counts: recounted(state.counts, entry.view, next.view) };
}

function removeEntry(state: TodoState, key: string): TodoState {
  const entry = state.entries.get(key);
  if (!entry) return state;
  const entries = new Map(state.entries);
  entries.delete(key);
  const keyById = { ...state.keyById };
  if (entry.server) delete keyById[entry.server.id];
  const counts = recounted(state.counts, entry.view, undefined);
  return { ...state, order: state.order.filter((other) => other !== key), entries, keyById, counts };
}

function notify(state: TodoState, text: string): TodoState {
  const notices = [...state.notices, { id: state.nextNoticeId, text }].slice(-MAX_NOTICES);
  return { ...state, notices, nextNoticeId: state.nextNoticeId + 1 };
}

/**
 * Adds a page of the initial listing. Todos made in this page while the list was loading are newer
 * than anything listed, so listed ones go before them; ones already known are skipped.
 */
function insertLoaded(state: TodoState, items: readonly Todo[]): TodoState {
  const entries = new Map(state.entries);
  const keyById = { ...state.keyById };
  const added: string[] = [];
  let { counts } = state;
  for (const todo of items) {
    if (keyById[todo.id] !== undefined) continue;
    const key = keyForId(todo.id);
    const entry = makeEntry({ key, server: todo, draftTitle: todo.title, loaded: true, pending: [], epoch: 0 });
    entries.set(key, entry);
    counts = recounted(counts, undefined, entry.view);
    keyById[todo.id] = key;
    added.push(key);
  }
  if (added.length === 0) return state;
  const firstMadeHere = state.order.findIndex((key) => !state.entries.get(key)?.loaded);
  const at = firstMadeHere === -1 ? state.order.length : firstMadeHere;
  const order = [...state.order.slice(0, at), ...added, ...state.order.slice(at)];
  return { ...state, order, entries, keyById, counts };
}

function startBulk(state: TodoState, opId: number, change: 'complete' | 'uncomplete' | 'deleteCompleted'): TodoState {
  const entries = new Map(state.entries);
  for (const key of state.order) {
    const entry = entries.get(key);
    if (!entry?.view) continue;
    let pending: PendingChange;
    if (change === 'deleteCompleted') {
      if (!entry.view.completed) continue;
      pending = { opId, kind: 'delete' };
    } else {
      const completed = change === 'complete';
      if (entry.view.completed === completed) continue;
      pending = { opId, kind: 'update', changes: { completed } };
    }
    entries.set(key, makeEntry({ ...entry, pending: [...entry.pending, pending] }, entry.view));
  }
  return { ...state, entries, counts: countAll(entries) };
}

function dropOp(state: TodoState, opId: number): TodoState {
  const entries = new Map(state.entries);
  for (const [key, entry] of state.entries) {
    if (!entry.pending.some((pending) => pending.opId === opId)) continue;
    entries.set(key, makeEntry({ ...entry, pending: entry.pending.filter((pending) => pending.opId !== opId) }, entry.view));
  }
  return { ...state, entries, counts: countAll(entries) };
}

/**
 * The server did the bulk change but its new list could not be read: apply the change to the
 * known versions. Their version numbers are stale, so a later edit meets a conflict and shows the
 * server's version instead of overwriting it.
 */
function foldBulk(state: TodoState, opId: number): TodoState {
  // One copy of the entries for the whole change, not one per todo it touched (thousands for a
  // toggle-all of a long list).
  const entries = new Map(state.entries);
  const keyById = { ...state.keyById };
  const deleted = new Set<string>();
  let touched = false;
  for (const [key, entry] of state.entries) {
    const change = entry.pending.find((pending) => pending.opId === opId);
    if (!change) continue;
    touched = true;
    if (change.kind === 'delete') {
      entries.delete(key);
      if (entry.server) delete keyById[entry.server.id];
      deleted.add(key);
      continue;
    }
    const fields: EntryFields = {
      ...entry,
      server: entry.server && { ...entry.server, ...change.changes },
      draftTitle: change.changes.title ?? entry.draftTitle,
      pending: entry.pending.filter((pending) => pending.opId !== opId),
    };
    entries.set(key, makeEntry(fields, entry.view));
  }
  if (!touched) return state;
  const order = deleted.size ? state.order.filter((key) => !deleted.has(key)) : state.order;
  return { ...state, order, entries, keyById, counts: countAll(entries) };
}

/**
 * Replaces what the server knows with its full list: new todos appear, deleted ones go, changed ones
 * get their new versions. Todos still being created stay at the end.
 */
function syncWithServer(state: TodoState, items: readonly Todo[]): TodoState {
  const entries = new Map<string, Entry>();
  const keyById: Record<number, string> = {};
  const order: string[] = [];
  for (const todo of items) {
    const key = state.keyById[todo.id] ?? keyForId(todo.id);
    const previous = state.entries.get(key);
    entries.set(
      key,
      previous && previous.server && sameVersion(previous.server, todo)
        ? previous
        : makeEntry({ key, server: todo, draftTitle: todo.title, loaded: previous?.loaded ?? true, pending: previous?.pending ?? [], epoch: previous?.epoch ?? 0 }, previous?.view),
    );
    keyById[todo.id] = key;
    order.push(key);
  }
  for (const key of state.order) {
    const entry = state.entries.get(key);
    if (entry && entry.server === null) {
      entries.set(key, entry);
      order.push(key);
    }
  }
  return { ...state, order, entries, keyById, counts: countAll(entries), resyncs: state.resyncs + 1 };
}

function sameVersion(a: Todo, b: Todo): boolean {
  return a.version === b.version && a.title === b.title && a.completed === b.completed;
}
