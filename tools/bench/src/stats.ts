/** Small, exact statistics over measured samples: no histograms, no bucketing. Percentiles: `@todo/test-harness`. */

export interface LinearFit {
  slope: number;
  intercept: number;
  /** Share of the variance the line explains (1 for a perfect line). */
  r2: number;
}

/** Least-squares line through `points` (x, y). */
export function linearFit(points: ReadonlyArray<readonly [number, number]>): LinearFit {
  if (points.length < 2) throw new Error('a line needs at least two points');
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
    syy += (y - meanY) ** 2;
  }
  if (sxx === 0) throw new Error('a line needs at least two distinct x values');
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/**
 * The exponent k of y ~ x^k, from a least-squares line through (ln x, ln y): 1 for linear
 * growth, 2 for quadratic. Every value must be positive.
 */
export function growthExponent(points: ReadonlyArray<readonly [number, number]>): number {
  if (points.some(([x, y]) => x <= 0 || y <= 0)) throw new Error('growth exponent needs positive values');
  return linearFit(points.map(([x, y]) => [Math.log(x), Math.log(y)] as const)).slope;
}
