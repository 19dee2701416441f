import { memo, useCallback, useState, useSyncExternalStore } from 'react';
import { isShown, type Filter } from '../state/todo-state';
import type { TodoActions } from '../state/todo-actions';
import type { TodoStore } from '../state/todo-store';
import { RowGrouper } from './row-groups';
import { TodoItem } from './todo-item';

export interface TodoListProps {
  /** Every entry's key, in order (`TodoState.order`); each row decides whether it shows. */
  order: readonly string[];
  filter: Filter;
  store: TodoStore;
  actions: TodoActions;
  onRowGone: () => void;
}

type RowProps = Omit<TodoListProps, 'order'>;

/**
 * The list. It renders only when todos are added or removed or the filter changes; a change of
 * one todo renders that todo's row alone, since each row follows its own entry in the store and
 * hides itself when the filter does not show it (or its delete is pending). Rows are rendered in
 * groups (`row-groups.ts`) that add no markup: the list stays `ul.todo-list > li`. With thousands
 * of rows, going through every row on each change is what made a toggle slow.
 */
export const TodoList = memo(function TodoList({ order, ...rowProps }: TodoListProps) {
  const [grouper] = useState(() => new RowGrouper());
  return (
    <ul className="todo-list">
      {grouper.groupsFor(order).map((group) => (
        <RowGroup key={group.id} keys={group.keys} {...rowProps} />
      ))}
    </ul>
  );
});

const RowGroup = memo(function RowGroup({ keys, ...rowProps }: RowProps & { keys: readonly string[] }) {
  return keys.map((key) => <TodoRow key={key} todoKey={key} {...rowProps} />);
});

const TodoRow = memo(function TodoRow({ todoKey, filter, store, actions, onRowGone }: RowProps & { todoKey: string }) {
  const subscribe = useCallback((listener: () => void) => store.subscribeToEntry(todoKey, listener), [store, todoKey]);
  const view = useCallback(() => store.getState().entries.get(todoKey)?.view ?? null, [store, todoKey]);
  const todo = useSyncExternalStore(subscribe, view);
  return todo && isShown(todo, filter) ? <TodoItem todo={todo} actions={actions} onRowGone={onRowGone} /> : null;
});
