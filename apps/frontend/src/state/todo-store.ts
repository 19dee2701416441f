import { initialState, todoReducer, type TodoAction, type TodoState } from './todo-state';

/**
 * Holds the state outside React, so the code that talks to the server always reads the current
 * version (never one from a render that has not happened yet); React subscribes with
 * `useSyncExternalStore`: the app to the whole state, each row to its own entry.
 */
export class TodoStore {
  private state: TodoState;
  private readonly listeners = new Set<() => void>();
  private readonly entryListeners = new Map<string, Set<() => void>>();

  constructor(state: TodoState = initialState) {
    this.state = state;
  }

  readonly getState = (): TodoState => this.state;

  /** Called after every change. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Called only after a change that replaced the entry under `key` (or removed it). With thousands
   * of rows, calling every row's listener on every change cost more than the change itself.
   */
  readonly subscribeToEntry = (key: string, listener: () => void): (() => void) => {
    let forKey = this.entryListeners.get(key);
    if (!forKey) this.entryListeners.set(key, (forKey = new Set()));
    forKey.add(listener);
    return () => {
      forKey.delete(listener);
      if (forKey.size === 0 && this.entryListeners.get(key) === forKey) this.entryListeners.delete(key);
    };
  };

  readonly dispatch = (action: TodoAction): void => {
    const previous = this.state;
    const next = todoReducer(previous, action);
    if (next === previous) return;
    this.state = next;
    if (next.entries !== previous.entries) {
      // An action that names a todo changes that todo's entry only (the reducer's rule, checked by
      // its spec): no need to look at the thousands of others.
      const keys = 'key' in action ? [action.key] : this.entryListeners.keys();
      for (const key of keys) {
        if (next.entries.get(key) === previous.entries.get(key)) continue;
        for (const listener of this.entryListeners.get(key) ?? []) listener();
      }
    }
    for (const listener of this.listeners) listener();
  };
}
