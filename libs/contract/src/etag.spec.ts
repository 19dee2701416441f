import { formatEtag, parseEtag } from './etag';

describe('etag', () => {
  it('round-trips a version', () => {
    expect(formatEtag(3)).toBe('"3"');
    expect(parseEtag(formatEtag(3))).toBe(3);
  });

  it.each(['3', 'W/"3"', '"0"', '"-1"', '"1", "2"', '*', '"99999999999999999"', '""'])('refuses %j', (value) => {
    expect(parseEtag(value)).toBeUndefined();
  });
});
