import { useSyncExternalStore } from 'react';
import type { Filter } from './state/todo-state';

/** The filter named by the URL's hash (`#/`, `#/active`, `#/completed`), so it survives a reload. */
export function filterFromHash(hash: string): Filter {
  if (hash === '#/active') return 'active';
  if (hash === '#/completed') return 'completed';
  return 'all';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashFilter(): Filter {
  return useSyncExternalStore(subscribe, () => filterFromHash(window.location.hash));
}
