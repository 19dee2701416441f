import { TodoClient } from '@todo/contract/client';
import { servePages, type PageMessage, type PageQuery } from './page-reader';

// A dedicated worker: one listing per worker, ended by the page when it has what it needs.
const scope = self as unknown as { onmessage: ((event: MessageEvent<PageQuery>) => void) | null; postMessage(message: PageMessage): void };
const client = new TodoClient();
scope.onmessage = (event) => void servePages(event.data, client, (message) => scope.postMessage(message));
