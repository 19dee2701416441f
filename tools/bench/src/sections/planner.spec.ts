import { fitGrowth } from './planner';

// Wall times are noise here: the fit must read CPU time.
const run = (projects: number, cpuMedianMs: number) => ({ projects, runsMs: [9999], medianMs: 9999, cpuRunsMs: [cpuMedianMs], cpuMedianMs });

describe('fitGrowth', () => {
  it('finds exponent 1 for a fixed cost plus a cost per project', () => {
    const result = fitGrowth([run(3, 2000), run(13, 2100), run(103, 3000), run(253, 4500), run(503, 7000)]);
    expect(result.fit.msPerProject).toBeCloseTo(10);
    expect(result.fit.fixedMs).toBeCloseTo(1970);
    expect(result.growthExponent).toBeCloseTo(1);
  });

  it('finds exponent 2 when the cost above the fixed one grows with the square of the count', () => {
    const quadratic = (projects: number) => 2000 + 0.01 * (projects - 3) ** 2;
    const result = fitGrowth([3, 13, 103, 253, 503].map((projects) => run(projects, quadratic(projects))));
    expect(result.growthExponent).toBeCloseTo(2);
  });

  it('falls back to the small sizes when no workspace reaches 100 projects', () => {
    const result = fitGrowth([run(3, 1000), run(6, 1030), run(9, 1060)]);
    expect(result.growthExponent).toBeCloseTo(1);
  });
});
