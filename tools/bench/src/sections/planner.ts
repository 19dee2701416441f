import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median, workspaceRoot } from '@todo/test-harness';
import type { BenchConfig } from '../config';
import { createScratchWorkspace, type ScratchWorkspace } from '../planner/generated-workspace';
import { exitedChildrenCpuMs } from '../processes/proc-cpu';
import type { Section } from '../results';
import { growthExponent, linearFit } from '../stats';

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

const plannerMain = join(workspaceRoot, 'tools/deploy-plan/src/main.ts');
const tsx = join(workspaceRoot, 'node_modules/.bin/tsx');
const execFileAsync = promisify(execFile);

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/**
 * Runs the planner once, cold: a new process, no Nx daemon, and an empty workspace-data folder so
 * the project graph is built from nothing. CPU time is what this process's exited children used
 * meanwhile: the planner, and the plugin workers it waited for; nothing else of ours exits then.
 */
async function timePlanner(command: string, args: string[], cwd: string): Promise<Timing> {
  const dataFolder = mkdtempSync(join(tmpdir(), 'bench-nx-data-'));
  try {
    const cpuBefore = exitedChildrenCpuMs();
    const started = performance.now();
    const env = { ...process.env, NX_DAEMON: 'false', NX_WORKSPACE_DATA_DIRECTORY: dataFolder, NX_TUI: 'false', NX_NO_CLOUD: 'true' };
    const { stdout } = await execFileAsync(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }).catch((error: { code?: number; stderr?: string }) => {
      throw new Error(`deploy-plan exited ${error.code} in ${cwd}: ${String(error.stderr).slice(-2000)}`);
    });
    const wallMs = performance.now() - started;
    const cpuMs = exitedChildrenCpuMs() - cpuBefore;
    // The plan must be a real answer, not an early exit: JSON naming the services it found.
    const plan = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { services?: unknown };
    if (!Array.isArray(plan.services)) throw new Error(`deploy-plan printed no plan: ${stdout.slice(0, 500)}`);
    return { wallMs, cpuMs };
  } finally {
    rmSync(dataFolder, { recursive: true, force: true });
  }
}

function plannerRun(projects: number, timings: readonly Timing[]): PlannerRun {
  const runsMs = timings.map((timing) => timing.wallMs);
  const cpuRunsMs = timings.map((timing) => timing.cpuMs);
  return { projects, runsMs, medianMs: median(runsMs), cpuRunsMs, cpuMedianMs: median(cpuRunsMs) };
}

/** The last commit's parent; in a shallow clone with no parent, HEAD itself (an empty change, the same graph to build). */
function repoBase(): string {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD~1'], { cwd: workspaceRoot, stdio: 'ignore' });
    return 'HEAD~1';
  } catch {
    return 'HEAD';
  }
}

function countRepoProjects(): number {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*project.json'], { cwd: workspaceRoot, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file.endsWith('project.json') && !file.includes('node_modules')).length;
}

/**
 * Section 5: the planner on this repository, then on generated workspaces of growing size; the
 * growth exponent of their CPU time (1 = linear) is the budget.
 */
export async function measurePlanner(config: BenchConfig, log: (line: string) => void): Promise<Section> {
  const repoRuns: Timing[] = [];
  const base = repoBase();
  for (let run = 0; run < config.plannerRuns; run++) {
    // Exactly what CI runs, npm's own start-up included.
    repoRuns.push(await timePlanner('npm', ['run', '--silent', 'deploy-plan', '--', '--base', base, '--json'], workspaceRoot));
  }
  const repo = plannerRun(countRepoProjects(), repoRuns);
  log(`  this repository: ${repo.medianMs.toFixed(0)} ms, CPU ${repo.cpuMedianMs.toFixed(0)} ms`);
  const scaling = await measureGenerated(config.plannerSizes, 'one', config.plannerRuns, log);
  const everyChanged = await measureGenerated(config.plannerEveryChangedSizes, 'every', 1, log);
  const { fit, growthExponent } = fitGrowth(scaling);
  const everyExponent = everyChanged.length >= 2 ? fitGrowth(everyChanged).growthExponent : undefined;
  const row = (workspace: string, change: string) => (run: PlannerRun) => ({ workspace, change, ...run });
  return {
    title: '5. Planner',
    figures: { 'repo-median-ms': repo.medianMs, 'growth-exponent': growthExponent, ...(everyExponent === undefined ? {} : { 'every-changed-growth-exponent': everyExponent }) },
    tables: [
      {
        columns: [
          ['workspace', 'workspace'], ['change', 'last commit changes'], ['projects', 'projects', 0], ['medianMs', 'wall median ms', 0],
          ['runsMs', 'wall runs ms', 0], ['cpuMedianMs', 'CPU median ms', 0], ['cpuRunsMs', 'CPU runs ms', 0],
        ],
        rows: [row('this repository', 'its last commit')(repo), ...scaling.map(row('generated', 'one library')), ...everyChanged.map(row('generated', 'every project'))],
      },
    ],
    notes: [
      `Line through the CPU-time medians of the generated workspaces: ${fit.fixedMs.toFixed(0)} ms + ${fit.msPerProject.toFixed(2)} ms per project (r² ${fit.r2.toFixed(3)}). ` +
        `Growth exponent of the CPU time above the smallest workspace's, over the sizes of 100 and more: **${growthExponent.toFixed(2)}** (1 = linear, 2 = quadratic)` +
        (everyExponent === undefined ? '.' : `; when the last commit changes every project (one run per size, the changed files growing too; no budget): **${everyExponent.toFixed(2)}**.`),
    ],
    problems: [],
  };
}

/**
 * Times the planner on generated workspaces of each size. Runs go round the sizes in turn, so a
 * change in the shared machine's load falls on every size alike rather than on one.
 */
async function measureGenerated(
  sizes: readonly number[],
  change: 'one' | 'every',
  runs: number,
  log: (line: string) => void,
): Promise<PlannerRun[]> {
  const workspaces: ScratchWorkspace[] = [];
  try {
    for (const libraries of sizes) workspaces.push(createScratchWorkspace(libraries, change));
    const timings = workspaces.map((): Timing[] => []);
    for (let run = 0; run < runs; run++) {
      for (const [index, workspace] of workspaces.entries()) {
        const args = ['--tsconfig', join(workspaceRoot, 'tsconfig.base.json'), plannerMain, '--base', 'HEAD~1', '--json'];
        timings[index]?.push(await timePlanner(tsx, args, workspace.root));
      }
    }
    return workspaces.map((workspace, index) => {
      const run = plannerRun(workspace.projects, timings[index] ?? []);
      log(`  ${run.projects} projects, ${change} changed: ${run.medianMs.toFixed(0)} ms, CPU ${run.cpuMedianMs.toFixed(0)} ms`);
      return run;
    });
  } finally {
    for (const workspace of workspaces) workspace.remove();
  }
}

/**
 * The line through the CPU-time medians, and the growth exponent of the CPU time above the
 * smallest workspace's (its fixed cost: Node, Nx and plugin start-up) over the sizes of 100
 * projects and more, where the per-project work stands well above timing noise.
 */
export function fitGrowth(scaling: readonly PlannerRun[]): { fit: { msPerProject: number; fixedMs: number; r2: number }; growthExponent: number } {
  const points = scaling.map((run) => [run.projects, run.cpuMedianMs] as const);
  const line = linearFit(points);
  const baseline = scaling.reduce((smallest, run) => (run.projects < smallest.projects ? run : smallest));
  const large = scaling.filter((run) => run.projects >= 100);
  const growthPoints = (large.length >= 2 ? large : scaling.filter((run) => run !== baseline)).map(
    (run) => [run.projects - baseline.projects, Math.max(run.cpuMedianMs - baseline.cpuMedianMs, 1)] as const,
  );
  return {
    fit: { msPerProject: line.slope, fixedMs: line.intercept, r2: line.r2 },
    growthExponent: growthPoints.length >= 2 ? growthExponent(growthPoints) : Number.NaN,
  };
}
