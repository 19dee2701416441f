/** The shape of `bench/results.json`: every figure the report and the budgets read. */
import type { ShippingResult } from './shipping/replay-score';

/** One load run (or several rounds of one, pooled): throughput, latency and failures. */
export interface LoadStats {
  /** Completed requests (any status). */
  requests: number;
  /** Requests that failed: connection errors, timeouts and non-2xx answers. */
  errors: number;
  durationS: number;
  /** Completed requests per second over `durationS`. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export type ApiOperation = 'list' | 'create' | 'toggle';

/** Section 1: one operation at one concurrency, the store alone versus the API. */
export interface ApiCase {
  operation: ApiOperation;
  connections: number;
  store: LoadStats;
  api: LoadStats;
  /**
   * API requests/s over store operations/s: the median of the rounds' own ratios, so one round
   * hit by someone else's burst of work on the shared machine does not decide it.
   */
  ratio: number;
  /** `api.rps / store.rps` over all rounds pooled. */
  pooledRatio: number;
  /** Each round's own ratio, to show the spread. */
  roundRatios: number[];
  /**
   * Backend process CPU (user + system) per API request, in ms, in the round that needed least.
   * Contention on a shared machine only ever adds CPU time (lost caches, fewer requests per
   * event-loop wake-up), so the least-disturbed round is the best estimate of the code's own cost.
   */
  backendCpuMsPerRequest: number;
  /** The same over all rounds pooled. */
  backendCpuMsPerRequestPooled: number;
  /** dynalite's CPU per request while serving the API and while serving the store driver. */
  storeCpuMsPerRequest: { api: number; store: number };
  /**
   * CPU of the store-alone driver (SDK marshalling, signing, HTTP) per operation, in ms, in the
   * round that needed least: read like `backendCpuMsPerRequest`, it is the floor the backend's CPU
   * per request is budgeted against.
   */
  driverCpuMsPerRequest: number;
  /** The same over all rounds pooled. */
  driverCpuMsPerRequestPooled: number;
  /**
   * CPU of autocannon (the API side's load generator) per request, in ms: work the store side
   * does not have, on the same two cores.
   */
  loadGeneratorCpuMsPerRequest: number;
}

/** Section 2: the same requests straight to the backend and through nginx. */
export interface NginxCase {
  operation: Exclude<ApiOperation, 'toggle'>;
  connections: number;
  direct: LoadStats;
  proxied: LoadStats;
  addedP50Ms: number;
  addedP99Ms: number;
}

export interface StartupResult {
  /** Launch of `node main.js` to the first 200 from `/ready`, each run. */
  runsMs: number[];
  medianMs: number;
  /** The backend's CPU time (user + system) when `/ready` first answered 200, median. */
  cpuMsAtReadyMedian: number;
  /**
   * The same launch-to-200 of a bare Node HTTP server, alternating with the backend's runs: the
   * part of the start-up that is Node and the machine, not the backend.
   */
  referenceRunsMs: number[];
  referenceMedianMs: number;
  bundleBytes: number;
  bundleGzipBytes: number;
}

/** The backend bundle's figures on one Node runtime. */
export interface NodeRuntimeFigures {
  version: string;
  /** Launch to the first 200 from `/ready`, median of the rounds. */
  startupMedianMs: number;
  cpuMsAtReadyMedian: number;
  /** Backend CPU (user + system) per request at 10 connections, median of the rounds. */
  createCpuMsPerRequest: number;
  listCpuMsPerRequest: number;
}

/** The same bundle on the pinned Node and on the previous one; ratios are pinned / previous (below 1: the pinned one is cheaper). */
export interface NodeVersionsResult {
  pinned: NodeRuntimeFigures;
  previous: NodeRuntimeFigures;
  ratios: { startup: number; cpuAtReady: number; create: number; list: number };
}

/** Section 7: `nx g @todo/platform:service stats` and the CDK synth with two and three services. */
export interface GeneratorResult {
  /** What the generator printed: `CREATE <file>` and `UPDATE <file>`. */
  files: string[];
  /** Stacks synthesized before and after the generation. */
  stacks: { two: number; three: number };
  generateRunsMs: number[];
  generateMedianMs: number;
  synthTwoServicesRunsMs: number[];
  synthTwoServicesMedianMs: number;
  synthThreeServicesRunsMs: number[];
  synthThreeServicesMedianMs: number;
  /** Three-service synth over the same round's two-service synth, median of the rounds. */
  synthRatio: number;
}

export interface BuiltFile {
  file: string;
  kind: 'js' | 'css';
  /** Loaded by index.html itself (script, modulepreload or stylesheet), not on demand. */
  initial: boolean;
  rawBytes: number;
  gzipBytes: number;
}

export interface FrontendBuildResult {
  files: BuiltFile[];
  initialJsGzipBytes: number;
  jsRawBytes: number;
  jsGzipBytes: number;
  cssRawBytes: number;
  cssGzipBytes: number;
}

export interface BrowserCase {
  todos: number;
  /** From navigation start to the first todo in the DOM, median of the runs. */
  firstVisibleMs: number;
  /** From navigation start to the last todo in the DOM, median of the runs. */
  allVisibleMs: number;
  /** Click on a todo's checkbox to the frame after its new state rendered; only for the large list. */
  toggleRepaintMs?: number;
  runs: Array<{
    firstVisibleMs: number;
    allVisibleMs: number;
    toggleRepaintMs?: number;
    /** The toggle's time split: input arrival to listener, listener to class change, class change to end of frame. */
    toggleParts?: { inputDelayMs: number; updateMs: number; frameMs: number };
  }>;
}

export interface PlannerRun {
  /** Projects in the workspace (generated ones plus the fixed services). */
  projects: number;
  /** Wall time of each run. */
  runsMs: number[];
  medianMs: number;
  /** CPU time (user + system) of each run: the planner and every process it started (Nx plugin workers). */
  cpuRunsMs: number[];
  cpuMedianMs: number;
}

export interface PlannerResult {
  /** `deploy-plan` on this repository, no daemon, empty Nx workspace cache. */
  repo: PlannerRun;
  /** Generated workspaces; `projects: 0` is the empty baseline whose time is fixed overhead. */
  scaling: PlannerRun[];
  /** Least-squares line through the CPU-time medians: ms per project and fixed ms. */
  fit: { msPerProject: number; fixedMs: number; r2: number };
  /**
   * Exponent k of (CPU time - the smallest workspace's) ~ projects^k over the generated sizes of
   * 100 and more: 1 is linear growth, 2 quadratic. CPU time, because wall time on a shared
   * machine varies two- to three-fold with other people's work; CPU time far less.
   */
  growthExponent: number;
  /**
   * The same workspaces when the last commit changes every project (a sweeping refactor): the
   * changed files grow with the project count too. Reported, one run per size; no budget.
   */
  everyProjectChanged?: { scaling: PlannerRun[]; growthExponent: number };
}

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  node: string;
  /** 1, 5 and 15 minute load averages at the start and end of the run. */
  loadAverageStart: number[];
  loadAverageEnd: number[];
  commit: string;
}

/** Section 8: one service's image. */
export interface ImageFigures {
  service: string;
  sizeBytes: number;
  /** Above its base image: what the Dockerfile adds. */
  addedBytes: number;
  /** `nx run <service>:container` with neither Nx's nor the engine's cache, per run. */
  coldBuildMs: number[];
  /** The same with Nx's build cached (and the engine's layer cache), per run. */
  cachedBuildMs: number[];
}

export interface ContainersResult {
  engine: string;
  images: ImageFigures[];
  /** `npm run start:containers` to the first 200 from `/api/todos` through nginx, per run. */
  startToFirst200Ms: number[];
  startToFirst200MedianMs: number;
  /** `run --rm <base> true` between those runs: what a container start costs here. */
  bareContainerStartMedianMs: number;
}

export interface BudgetOutcome {
  id: string;
  label: string;
  /** 'max': actual must be at most limit; 'min': at least. */
  kind: 'max' | 'min';
  limit: number;
  unit: string;
  /** Undefined when the section did not produce the figure. */
  actual?: number;
  /** The figures a ratio is made of, shown beside it. */
  detail?: string;
  pass: boolean;
}

export interface BenchResults {
  mode: 'full' | 'smoke';
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  api?: ApiCase[];
  nginx?: NginxCase[];
  startup?: StartupResult;
  frontendBuild?: FrontendBuildResult;
  browser?: BrowserCase[];
  planner?: PlannerResult;
  nodeVersions?: NodeVersionsResult;
  generator?: GeneratorResult;
  containers?: ContainersResult;
  shipping?: ShippingResult;
  /** Sections that failed, with their error, so one broken section does not hide the others. */
  failures: Array<{ section: string; error: string }>;
  budgets: BudgetOutcome[];
}
