import type { Notice } from '../state/todo-state';

export interface NoticesProps {
  notices: readonly Notice[];
  onDismiss: (id: number) => void;
}

/** Messages about changes the server refused or could not receive, each dismissable. */
export function Notices({ notices, onDismiss }: NoticesProps) {
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" role="alert">
          <span className="notice-text">{notice.text}</span>
          <button type="button" className="notice-dismiss" aria-label="Dismiss message" onClick={() => onDismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
