import { creationKey } from './table-definition';

describe('creationKey', () => {
  it('sorts by creation time, then by id, as strings', () => {
    const keys = [
      creationKey('2026-01-01T00:00:00.001Z', 5),
      creationKey('2026-01-01T00:00:00.000Z', 900719925474099),
      creationKey('2026-01-01T00:00:00.000Z', 42),
    ];
    expect([...keys].sort()).toEqual([keys[2], keys[1], keys[0]]);
  });
});
