import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TodoClient } from '@todo/contract/client';
import { App } from './app';
import { afterNextPaint } from './state/after-next-paint';
import { withPagesFromWorker } from './state/page-reader';
import { TodoActions } from './state/todo-actions';
import { TodoStore } from './state/todo-store';
import './styles.css';

const store = new TodoStore();
// Same origin: nginx (or the dev server) proxies `/api` to the backend.
const api = withPagesFromWorker(new TodoClient(), () => new Worker(new URL('./state/page-reader.worker.ts', import.meta.url), { type: 'module' }));
const actions = new TodoActions(api, store, { beforeSend: afterNextPaint });
// Start loading before the first render, so the first page arrives as early as it can.
void actions.load();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App store={store} actions={actions} />
  </StrictMode>,
);
