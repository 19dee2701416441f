import { memo, useCallback, useSyncExternalStore } from 'react';
import type { TodoActions } from '../state/todo-actions';
import type { TodoStore } from '../state/todo-store';
import { TodoItem } from './todo-item';

export interface TodoListProps {
  /** The rows to show, in order; the same array while they stay the same (see `keepingSameKeys`). */
  keys: readonly string[];
  store: TodoStore;
  actions: TodoActions;
  onRowGone: () => void;
}

/**
 * The list. It renders only when rows are added, removed or filtered; a change of one todo renders
 * that todo's row alone, since each row follows its own todo in the store. With thousands of rows,
 * going through every row on each change is what made a toggle slow.
 */
export const TodoList = memo(function TodoList({ keys, store, actions, onRowGone }: TodoListProps) {
  return (
    <ul className="todo-list">
      {keys.map((key) => (
        <TodoRow key={key} todoKey={key} store={store} actions={actions} onRowGone={onRowGone} />
      ))}
    </ul>
  );
});

interface TodoRowProps extends Omit<TodoListProps, 'keys'> {
  todoKey: string;
}

const TodoRow = memo(function TodoRow({ todoKey, store, actions, onRowGone }: TodoRowProps) {
  const view = useCallback(() => store.getState().entries.get(todoKey)?.view ?? null, [store, todoKey]);
  const todo = useSyncExternalStore(store.subscribe, view);
  return todo && <TodoItem todo={todo} actions={actions} onRowGone={onRowGone} />;
});
