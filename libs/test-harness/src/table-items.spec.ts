import { canonicalJson, diffDumps } from './table-items';

describe('canonicalJson', () => {
  it('is the same whatever the key order, at every level, and for sets in any order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: new Set(['y', 'x']) } })).toBe(canonicalJson({ a: { c: new Set(['x', 'y']), d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});

describe('diffDumps', () => {
  it('names the ids added, removed and changed', () => {
    const before = [{ TodoId: 1, title: 'kept' }, { TodoId: 2, title: 'old' }, { TodoId: 3, title: 'gone' }];
    const after = [{ title: 'kept', TodoId: 1 }, { TodoId: 2, title: 'new' }, { TodoId: 4, title: 'added' }];
    expect(diffDumps(before, after)).toEqual({
      added: ['4'],
      removed: ['3'],
      changed: [{ key: '2', before: '{"TodoId":2,"title":"old"}', after: '{"TodoId":2,"title":"new"}' }],
    });
    expect(diffDumps(before, [...before])).toEqual({ added: [], removed: [], changed: [] });
  });
});
