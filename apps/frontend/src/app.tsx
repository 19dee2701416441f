import { useCallback, useRef, useSyncExternalStore } from 'react';
import { Footer } from './components/footer';
import { NewTodo } from './components/new-todo';
import { Notices } from './components/notices';
import { TodoList } from './components/todo-list';
import type { TodoActions } from './state/todo-actions';
import type { TodoStore } from './state/todo-store';
import { useHashFilter } from './use-hash-filter';

export interface AppProps {
  store: TodoStore;
  actions: TodoActions;
}

/** The TodoMVC app, with TodoMVC's markup and class names so its tests can drive it. */
export function App({ store, actions }: AppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const filter = useHashFilter();
  const newTodo = useRef<HTMLInputElement>(null);
  const focusNewTodo = useCallback(() => newTodo.current?.focus(), []);
  const { counts } = state;
  const active = counts.total - counts.completed;
  const allCompleted = counts.total > 0 && active === 0;

  return (
    <>
      <main className="todoapp">
        <header className="header">
          <h1>todos</h1>
          <NewTodo onAdd={actions.add} inputRef={newTodo} />
        </header>
        <Notices notices={state.notices} onDismiss={actions.dismissNotice} />
        {state.status === 'loading' && (
          <p className="loading" role="status">
            Loading your todos…
          </p>
        )}
        {state.status === 'failed' && (
          <p className="load-failed">
            <button type="button" className="retry" onClick={() => void actions.load()}>
              Try loading again
            </button>
          </p>
        )}
        {/* TodoMVC's spec keeps the list and the footer in the page, hidden, while there are no todos. */}
        <section className="main" aria-label="Todo list" hidden={counts.total === 0}>
          <input id="toggle-all" className="toggle-all" type="checkbox" checked={allCompleted} onChange={() => actions.setAllCompleted(!allCompleted)} />
          <label htmlFor="toggle-all" className="visually-hidden">
            Mark all as complete
          </label>
          <TodoList order={state.order} filter={filter} store={store} actions={actions} onRowGone={focusNewTodo} />
        </section>
        <Footer hidden={counts.total === 0} active={active} completed={counts.completed} filter={filter} onClearCompleted={actions.clearCompleted} />
        {state.status === 'loadingMore' && (
          <p className="loading-more" role="status">
            Loading more todos… {counts.total} so far
          </p>
        )}
      </main>
      <footer className="info">
        <p>Double-click a todo, or use its edit button, to edit it</p>
      </footer>
    </>
  );
}
