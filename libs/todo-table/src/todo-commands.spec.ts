import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { todoDocumentClient } from './document-client';
import { ensureTable } from './ensure-table';
import { itemAttributes } from './stored-item';
import { creationPageQuery, newTodoPut, versionedUpdate } from './todo-commands';

describe('the everyday calls', () => {
  // dynalite started here rather than by the test harness, which builds on this library.
  const server = dynalite({ createTableMs: 0 });
  let client: DynamoDBClient;
  const documents = () => todoDocumentClient(client);
  const todo = (id: number, completed = false) => ({ id, title: `todo ${id}`, completed, createdAt: `2026-01-01T00:00:0${id}.000Z`, updatedAt: '', version: 1 });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(client, 'todos');
    for (const id of [1, 2, 3]) await documents().send(new PutCommand(newTodoPut('todos', todo(id, id === 2))));
  });
  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('puts a new todo only under a free id', async () => {
    await expect(documents().send(new PutCommand(newTodoPut('todos', todo(1))))).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  });

  it('pages in creation order, filtered or not, from a start key', async () => {
    const ids = async (page: Parameters<typeof creationPageQuery>[1]) => {
      const { Items = [], LastEvaluatedKey } = await documents().send(new QueryCommand(creationPageQuery('todos', page)));
      return { ids: Items.map((item) => item[itemAttributes.id]), next: LastEvaluatedKey };
    };
    const first = await ids({ limit: 2 });
    expect(first.ids).toEqual([1, 2]);
    expect((await ids({ limit: 2, startKey: first.next })).ids).toEqual([3]);
    expect((await ids({ limit: 10, completed: true })).ids).toEqual([2]);
  });

  it('changes a todo at its version only, bumping the version', async () => {
    const update = (ifMatch?: number) => documents().send(new UpdateCommand(versionedUpdate('todos', 3, { title: 'three', completed: true }, 'now', ifMatch)));
    const { Attributes } = await update(1);
    expect(Attributes).toMatchObject({ title: 'three', completed: true, updatedAt: 'now', version: 2 });
    await expect(update(1)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    await expect(update()).resolves.toMatchObject({ Attributes: { version: 3 } });
  });

  it('refuses to change an item without a version (the original service left those)', async () => {
    await documents().send(new PutCommand({ TableName: 'todos', Item: { [itemAttributes.id]: 9, title: 'old', done: 'false' } }));
    await expect(documents().send(new UpdateCommand(versionedUpdate('todos', 9, { completed: true }, 'now')))).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
  });
});
