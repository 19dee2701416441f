import { median, percentile } from './percentile';

describe('percentile', () => {
  it('interpolates between ranks and does not depend on input order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0)).toBe(10);
    expect(percentile([50, 40, 30, 20, 10], 100)).toBe(50);
    expect(percentile([10, 20], 99)).toBeCloseTo(19.9);
  });

  it('refuses no values and impossible percentiles', () => {
    expect(() => median([])).toThrow('no values');
    expect(() => percentile([1], 101)).toThrow('out of range');
  });
});
