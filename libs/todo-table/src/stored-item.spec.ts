import { randomTodoId, storedItem } from './stored-item';

describe('storedItem', () => {
  it('holds the todo with the key and creation-index attributes of the table definition', () => {
    const createdAt = '2026-01-01T00:00:00.000Z';
    expect(storedItem({ id: 7, title: 'seven', completed: true, createdAt, updatedAt: createdAt, version: 3 })).toEqual({
      TodoId: 7,
      title: 'seven',
      completed: true,
      createdAt,
      updatedAt: createdAt,
      version: 3,
      ListKey: 'todo',
      CreatedKey: `${createdAt}#0000000000000007`,
    });
  });
});

describe('randomTodoId', () => {
  it('gives positive safe integers', () => {
    const ids = Array.from({ length: 1_000 }, randomTodoId);
    expect(ids.every((id) => Number.isSafeInteger(id) && id >= 1)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
