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

/** The planner's wall and CPU time (user + system: it and every process it started, the Nx plugin workers) in a workspace of `projects`. */
export interface PlannerRun {
  projects: number;
  runsMs: number[];
  medianMs: number;
  cpuRunsMs: number[];
  cpuMedianMs: number;
}

const execFileAsync = promisify(execFile);
const git = (...args: string[]) => execFileSync('git', args, { cwd: workspaceRoot, encoding: 'utf8', stdio: 'pipe' });

/**
 * Runs the planner once, cold: a new process, no Nx daemon, and an empty workspace-data
 * folder so the project graph is built from nothing. CPU time is what this process's exited
 * children used meanwhile: the planner, and the plugin workers it waited for; nothing else of ours exits then.
 */
async function timePlanner(command: string, args: string[], cwd: string): Promise<{ wallMs: number; cpuMs: number }> {
  const dataFolder = mkdtempSync(join(tmpdir(), 'bench-nx-data-'));
  try {
    const [cpuBefore, started] = [exitedChildrenCpuMs(), performance.now()];
    const env = { ...process.env, NX_DAEMON: 'false', NX_WORKSPACE_DATA_DIRECTORY: dataFolder, NX_TUI: 'false', NX_NO_CLOUD: 'true' };
    const { stdout } = await execFileAsync(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }).catch((error: { code?: number; stderr?: string }) => {
      throw new Error(`deploy-plan exited ${error.code} in ${cwd}: ${String(error.stderr).slice(-2000)}`);
    });
    const timing = { wallMs: performance.now() - started, cpuMs: exitedChildrenCpuMs() - cpuBefore };
    // The plan must be a real answer, not an early exit: JSON naming the services it found.
    const plan = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { services?: unknown };
    if (!Array.isArray(plan.services)) throw new Error(`deploy-plan printed no plan: ${stdout.slice(0, 500)}`);
    return timing;
  } finally {
    rmSync(dataFolder, { recursive: true, force: true });
  }
}

function plannerRun(projects: number, timings: ReadonlyArray<{ wallMs: number; cpuMs: number }>): PlannerRun {
  const [runsMs, cpuRunsMs] = [timings.map((timing) => timing.wallMs), timings.map((timing) => timing.cpuMs)];
  return { projects, runsMs, medianMs: median(runsMs), cpuRunsMs, cpuMedianMs: median(cpuRunsMs) };
}

/**
 * Section 5: the planner on this repository, then on generated workspaces of growing size; the
 * growth exponent of their CPU time (1 = linear) is the budget.
 */
export async function measurePlanner(config: BenchConfig, log: (line: string) => void): Promise<Section> {
  // The last commit's parent; in a shallow clone with no parent, HEAD itself (an empty change, the same graph to build).
  const base = (() => {
    try {
      return git('rev-parse', '--verify', '--quiet', 'HEAD~1') && 'HEAD~1';
    } catch {
      return 'HEAD';
    }
  })();
  const timings = [];
  // Exactly what CI runs, npm's own start-up included.
  for (let run = 0; run < config.plannerRuns; run++) timings.push(await timePlanner('npm', ['run', '--silent', 'deploy-plan', '--', '--base', base, '--json'], workspaceRoot));
  const projects = git('ls-files', '--cached', '--others', '--exclude-standard', '*project.json').split('\n').filter((file) => file.endsWith('project.json') && !file.includes('node_modules'));
  const repo = plannerRun(projects.length, timings);
  log(`  this repository: ${repo.medianMs.toFixed(0)} ms, CPU ${repo.cpuMedianMs.toFixed(0)} ms`);
  const scaling = await measureGenerated(config.plannerSizes, 'one', config.plannerRuns, log);
  const everyChanged = await measureGenerated(config.plannerEveryChangedSizes, 'every', 1, log);
  const { fit, growthExponent } = fitGrowth(scaling);
  const everyExponent = everyChanged.length >= 2 ? fitGrowth(everyChanged).growthExponent : undefined;
  const row = (workspace: string, change: string) => (run: PlannerRun) => ({ workspace, change, ...run });
  return {
    title: '5. Planner',
    figures: {
      'repo-median-ms': repo.medianMs, 'growth-exponent': growthExponent, 'fit-fixed-ms': fit.fixedMs, 'fit-ms-per-project': fit.msPerProject, 'fit-r2': fit.r2,
      ...(everyExponent === undefined ? {} : { 'every-changed-growth-exponent': everyExponent }),
    },
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
      '`growth-exponent`: of the CPU time above the smallest workspace\'s, over the sizes of 100 and more (1 = linear, 2 = quadratic); ' +
        '`fit-*`: the line through the CPU-time medians; `every-changed-growth-exponent`: the same when the last commit changes every project (no budget).',
    ],
  };
}

/** Times the planner on generated workspaces of each size; runs go round the sizes in turn, so the machine's changing load falls on every size alike. */
async function measureGenerated(sizes: readonly number[], change: 'one' | 'every', runs: number, log: (line: string) => void): Promise<PlannerRun[]> {
  const workspaces: Array<ScratchWorkspace & { timings: Array<{ wallMs: number; cpuMs: number }> }> = [];
  try {
    for (const libraries of sizes) workspaces.push({ ...createScratchWorkspace(libraries, change), timings: [] });
    for (let run = 0; run < runs; run++) {
      for (const workspace of workspaces) {
        const args = ['--tsconfig', join(workspaceRoot, 'tsconfig.base.json'), join(workspaceRoot, 'tools/deploy-plan/src/main.ts'), '--base', 'HEAD~1', '--json'];
        workspace.timings.push(await timePlanner(join(workspaceRoot, 'node_modules/.bin/tsx'), args, workspace.root));
      }
    }
    return workspaces.map((workspace) => {
      const result = plannerRun(workspace.projects, workspace.timings);
      log(`  ${result.projects} projects, ${change} changed: ${result.medianMs.toFixed(0)} ms, CPU ${result.cpuMedianMs.toFixed(0)} ms`);
      return result;
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
  const line = linearFit(scaling.map((run) => [run.projects, run.cpuMedianMs] as const));
  const baseline = scaling.reduce((smallest, run) => (run.projects < smallest.projects ? run : smallest));
  const large = scaling.filter((run) => run.projects >= 100);
  const growthPoints = (large.length >= 2 ? large : scaling.filter((run) => run !== baseline)).map(
    (run) => [run.projects - baseline.projects, Math.max(run.cpuMedianMs - baseline.cpuMedianMs, 1)] as const,
  );
  return { fit: { msPerProject: line.slope, fixedMs: line.intercept, r2: line.r2 }, growthExponent: growthPoints.length >= 2 ? growthExponent(growthPoints) : Number.NaN };
}
