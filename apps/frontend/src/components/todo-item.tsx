import { memo, useId, useRef, useState, type KeyboardEvent } from 'react';
import { TITLE_MAX_LENGTH } from '@todo/contract/client';
import type { TodoView } from '../state/todo-state';
import type { TodoActions } from '../state/todo-actions';

export interface TodoItemProps {
  todo: TodoView;
  actions: Pick<TodoActions, 'toggle' | 'rename' | 'remove'>;
  /** Where focus goes when this row disappears by the keyboard user's action. */
  onRowGone: () => void;
}

/**
 * One row. Memoized: it renders again only when its todo's view changes (each view object stays the
 * same while its todo does) or while it is being edited; `actions` never changes.
 */
export const TodoItem = memo(function TodoItem({ todo, actions, onRowGone }: TodoItemProps) {
  const [editText, setEditText] = useState<string | null>(null);
  const titleId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  // Escape cancels, and the blur that follows must not save.
  const finished = useRef(false);
  const editing = editText !== null;

  function startEditing() {
    finished.current = false;
    setEditText(todo.title);
  }

  function finish(save: boolean, refocus: boolean) {
    if (finished.current || editText === null) return;
    finished.current = true;
    setEditText(null);
    if (save) actions.rename(todo.key, editText);
    if (!refocus) return;
    if (save && editText.trim() === '') onRowGone();
    else requestAnimationFrame(refocusIfLost);
  }

  // Deferred past the key's own events, or the Enter that saved would also press the edit button.
  // Only while focus is lost (on the body, as the field was removed): by then the user may have
  // begun editing another row, and taking focus from it would end that edit.
  function refocusIfLost() {
    const active = document.activeElement;
    if (active === null || active === document.body) editButton.current?.focus();
  }

  function onEditKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) finish(true, true);
    else if (event.key === 'Escape') finish(false, true);
  }

  const classes = [todo.completed && 'completed', editing && 'editing'].filter(Boolean).join(' ');
  return (
    <li className={classes || undefined} aria-busy={todo.saving || undefined}>
      <div className="view">
        <input className="toggle" type="checkbox" checked={todo.completed} onChange={() => actions.toggle(todo.key)} aria-labelledby={titleId} />
        <label id={titleId} onDoubleClick={startEditing}>
          {todo.title}
        </label>
        <button ref={editButton} type="button" className="start-edit" aria-label={`Edit ${todo.title}`} onClick={startEditing} />
        <button
          type="button"
          className="destroy"
          aria-label={`Delete ${todo.title}`}
          onClick={() => {
            actions.remove(todo.key);
            onRowGone();
          }}
        />
      </div>
      {editing && (
        <input
          className="edit"
          aria-label={`Edit ${todo.title}`}
          autoFocus
          maxLength={TITLE_MAX_LENGTH}
          value={editText}
          onChange={(event) => setEditText(event.target.value)}
          onKeyDown={onEditKeyDown}
          onBlur={() => finish(true, false)}
        />
      )}
    </li>
  );
});
