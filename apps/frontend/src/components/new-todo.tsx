import { useState, type KeyboardEvent, type Ref } from 'react';
import { TITLE_MAX_LENGTH } from '@todo/contract/client';

export interface NewTodoProps {
  /** Called with the typed text when the user presses Enter. */
  onAdd: (title: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/** The new-todo field. Its text lives here, so typing re-renders this field only, never the list. */
export function NewTodo({ onAdd, inputRef }: NewTodoProps) {
  const [text, setText] = useState('');

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (text.trim() === '') return;
    onAdd(text);
    setText('');
  }

  return (
    <input
      ref={inputRef}
      className="new-todo"
      placeholder="What needs to be done?"
      aria-label="New todo"
      autoFocus
      maxLength={TITLE_MAX_LENGTH}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
