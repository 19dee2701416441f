import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbClient, creationPageQuery, defaultClientSettings, newTodoPut, randomTodoId, todoDocumentClient, versionedUpdate } from '@todo/todo-table';

/**
 * The HTTP floor (section 1's third side): Node's own HTTP server answering the bench's three
 * requests with the backend's one store call each, and nothing else: no framework, validation,
 * logs, metrics or error bodies. What a backend costs above this is what its own code adds; what
 * this costs above the SDK alone is the price of any Node HTTP server in front of it.
 * Run as a child (`startHttpFloor`) with the backend's own variables: `HOST`, `PORT`, `TODOTABLE_NAME`, the store's.
 */
const table = process.env['TODOTABLE_NAME'] as string;
const client = todoDocumentClient(createDynamoDbClient(defaultClientSettings, {}));

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

async function answer(request: IncomingMessage, body: string, response: ServerResponse): Promise<void> {
  const url = request.url ?? '';
  if (request.method === 'GET' && url.startsWith('/api/todos?')) {
    const output = await client.send(new QueryCommand(creationPageQuery(table, { limit: 51 })));
    return json(response, 200, { items: (output.Items ?? []).slice(0, 50), nextCursor: null });
  }
  if (request.method === 'POST' && url === '/api/todos') {
    const now = new Date().toISOString();
    const todo = { id: randomTodoId(), title: (JSON.parse(body) as { title: string }).title, completed: false, createdAt: now, updatedAt: now, version: 1 };
    await client.send(new PutCommand(newTodoPut(table, todo)));
    return json(response, 201, todo);
  }
  if (request.method === 'PATCH' && url.startsWith('/api/todos/')) {
    const version = Number(String(request.headers['if-match']).slice(1, -1));
    const { completed } = JSON.parse(body) as { completed: boolean };
    const update = versionedUpdate(table, Number(url.slice('/api/todos/'.length)), { completed }, new Date().toISOString(), version);
    return json(response, 200, (await client.send(new UpdateCommand(update))).Attributes);
  }
  json(response, 404, null);
}

const server = createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (body += chunk));
  request.on('end', () => answer(request, body, response).catch((error: Error) => json(response, 500, error.name)));
});
server.listen(Number(process.env['PORT']), process.env['HOST']);
process.on('SIGTERM', () => server.close(() => client.destroy()));
