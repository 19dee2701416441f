import { growthExponent, linearFit } from './stats';

describe('linearFit', () => {
  it('finds the line through exact points', () => {
    const fit = linearFit([
      [10, 1.2],
      [100, 2.1],
      [500, 6.1],
    ]);
    expect(fit.slope).toBeCloseTo(0.01);
    expect(fit.intercept).toBeCloseTo(1.1);
    expect(fit.r2).toBeCloseTo(1);
  });

  it('needs two distinct x values', () => {
    expect(() => linearFit([[1, 1]])).toThrow('two points');
    expect(() => linearFit([[1, 1], [1, 2]])).toThrow('distinct');
  });
});

describe('growthExponent', () => {
  it('is 1 for linear growth and 2 for quadratic growth', () => {
    expect(growthExponent([[10, 30], [100, 300], [500, 1500]])).toBeCloseTo(1);
    expect(growthExponent([[10, 100], [100, 10_000], [500, 250_000]])).toBeCloseTo(2);
  });

  it('refuses values a logarithm cannot take', () => {
    expect(() => growthExponent([[10, 0], [100, 1]])).toThrow('positive');
  });
});
