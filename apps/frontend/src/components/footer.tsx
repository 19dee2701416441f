import type { Filter } from '../state/todo-state';

export interface FooterProps {
  /** True while there are no todos: the footer stays in the page, hidden, as TodoMVC's spec has it. */
  hidden: boolean;
  active: number;
  completed: number;
  filter: Filter;
  onClearCompleted: () => void;
}

const filters: ReadonlyArray<{ filter: Filter; href: string; label: string }> = [
  { filter: 'all', href: '#/', label: 'All' },
  { filter: 'active', href: '#/active', label: 'Active' },
  { filter: 'completed', href: '#/completed', label: 'Completed' },
];

export function Footer({ hidden, active, completed, filter, onClearCompleted }: FooterProps) {
  return (
    <footer className="footer" hidden={hidden}>
      <span className="todo-count">
        <strong>{active}</strong> {active === 1 ? 'item' : 'items'} left
      </span>
      <nav aria-label="Filter todos">
        <ul className="filters">
          {filters.map((link) => (
            <li key={link.filter}>
              <a href={link.href} className={link.filter === filter ? 'selected' : undefined} aria-current={link.filter === filter ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <button type="button" className="clear-completed" hidden={completed === 0} onClick={onClearCompleted}>
        Clear completed
      </button>
    </footer>
  );
}
