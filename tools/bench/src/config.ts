/** How much each section measures: the full run, or a tiny smoke run that only proves the code works. */
export const fullConfig = {
  mode: 'full' as 'full' | 'smoke',
  // Sections 1, 2 and 6: seconds of each measured load run, and of unmeasured load before a case's
  // first round (JIT, connections). Many short rounds rather than a few long ones: the sides
  // (store/API, direct/nginx, pinned/previous Node) interleave finely, alternating which goes first,
  // so the machine's changing load falls on both alike.
  runSeconds: 2,
  warmupSeconds: 1,
  rounds: 6,
  connections: [10, 50],
  nginxConnections: [1, 10],
  /** Todos the list pages from; toggles borrow 21 per connection of them, so at least 21 x the sum of `connections`. */
  listTableSize: 1300,
  /** Section 3: launches of the backend bundle. */
  startupRuns: 7,
  /** Section 4: list sizes opened in the browser, and page loads per size. */
  browserTodoCounts: [100, 5000],
  browserRuns: 3,
  /**
   * Section 5: planner runs per workspace, and generated workspace sizes: 0 is the baseline whose
   * time is fixed cost; the growth exponent needs two sizes of 100 and more, threefold apart. The
   * second list is timed once each with a last commit that changes every project.
   */
  plannerRuns: 3,
  plannerSizes: [0, 100, 300],
  plannerEveryChangedSizes: [0, 100, 300],
  /** Section 7: rounds of synth, generate, synth again. */
  generatorRounds: 3,
  /** Section 8: cold and cached builds of each image, and start-ups of the containers (whose Nx builds are cached). */
  imageBuildRuns: 2,
  containerStartRuns: 3,
};

export type BenchConfig = typeof fullConfig;

export const smokeConfig: BenchConfig = {
  mode: 'smoke',
  runSeconds: 1,
  warmupSeconds: 0,
  rounds: 1,
  connections: [10],
  nginxConnections: [1],
  listTableSize: 220,
  startupRuns: 2,
  browserTodoCounts: [20, 60],
  browserRuns: 1,
  plannerRuns: 1,
  // Two sizes above the baseline, so the smoke run computes the growth exponent too.
  plannerSizes: [0, 3, 6],
  plannerEveryChangedSizes: [],
  generatorRounds: 1,
  imageBuildRuns: 0,
  containerStartRuns: 1,
};
