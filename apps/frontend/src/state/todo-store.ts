import { initialState, todoReducer, type TodoAction, type TodoState } from './todo-state';

/**
 * Holds the state outside React, so the code that talks to the server always reads the current
 * version (never one from a render that has not happened yet); React subscribes with
 * `useSyncExternalStore`.
 */
export class TodoStore {
  private state: TodoState;
  private readonly listeners = new Set<() => void>();

  constructor(state: TodoState = initialState) {
    this.state = state;
  }

  readonly getState = (): TodoState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly dispatch = (action: TodoAction): void => {
    const next = todoReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  };
}
