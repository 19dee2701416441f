import { creationKey } from '@todo/todo-table';
import { decodeCursor, encodeCursor } from './cursor';

describe('list cursors', () => {
  const position = { id: 42, createdKey: creationKey('2026-03-01T10:00:00.000Z', 42) };

  it('round-trip for the filter they were made for, and only that one', () => {
    for (const filter of [undefined, true, false]) {
      const cursor = encodeCursor(position, filter);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, filter)).toEqual(position);
      for (const other of [undefined, true, false].filter((f) => f !== filter)) expect(decodeCursor(cursor, other)).toBeUndefined();
    }
  });

  const forge = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64url');

  it.each([
    ['not base64url', '!!!'],
    ['padding', `${encodeCursor(position, undefined)}=`],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['an array', forge([1])],
    ['null', forge(null)],
    ['another version', forge({ v: 2, f: 'all', id: 42, k: position.createdKey })],
    ['an extra field', forge({ v: 1, f: 'all', id: 42, k: position.createdKey, x: 1 })],
    ['a missing field', forge({ v: 1, f: 'all', id: 42 })],
    ['an unknown filter', forge({ v: 1, f: 'some', id: 42, k: position.createdKey })],
    ['an id that is a string', forge({ v: 1, f: 'all', id: '42', k: position.createdKey })],
    ['an unsafe id', forge({ v: 1, f: 'all', id: 2 ** 53, k: position.createdKey })],
    ['a key of another id', forge({ v: 1, f: 'all', id: 43, k: position.createdKey })],
    ['a key that is no date', forge({ v: 1, f: 'all', id: 42, k: creationKey('2026-13-45T99:00:00.000Z', 42) })],
    ['a key of another shape', forge({ v: 1, f: 'all', id: 42, k: 'x#0000000000000042' })],
    ['too long', 'A'.repeat(2000)],
  ])('rejects %s', (_, cursor) => {
    expect(decodeCursor(cursor, undefined)).toBeUndefined();
  });
});
