import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@todo/test-harness';
import { evaluateBudgets } from './budgets';
import { parseCliArgs, UsageError, type SectionName } from './cli-args';
import { fullConfig, smokeConfig, type BenchConfig } from './config';
import { renderMarkdown, smokeProblems, type BenchResults, type Section } from './results';
import { measureApiVsStore } from './sections/api-vs-store';
import { measureBrowser } from './sections/browser';
import { measureContainers } from './sections/containers';
import { measureFrontendBuild } from './sections/frontend-build';
import { measureGenerator } from './sections/generator';
import { measureNginx } from './sections/nginx';
import { measureNodeVersions } from './sections/node-versions';
import { measurePlanner } from './sections/planner';
import { measureShipping } from './sections/shipping';
import { measureStartup } from './sections/startup';

type Log = (line: string) => void;

const sections: Record<SectionName, (config: BenchConfig, log: Log) => Promise<Section> | Section> = {
  api: measureApiVsStore,
  nginx: measureNginx,
  startup: measureStartup,
  'frontend-build': () => measureFrontendBuild(),
  browser: measureBrowser,
  planner: measurePlanner,
  'node-versions': measureNodeVersions,
  generator: measureGenerator,
  containers: measureContainers,
  shipping: measureShipping,
};

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: workspaceRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown'; // Not a git checkout: the figures still stand.
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseCliArgs(argv);
  const config = options.smoke ? smokeConfig : fullConfig;
  const log: Log = (line) => process.stderr.write(`${line}\n`);
  const machine = { cores: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', node: process.version, loadAverageStart: loadavg(), loadAverageEnd: loadavg(), commit: gitCommit() };
  const results: BenchResults = { mode: config.mode, startedAt: new Date().toISOString(), finishedAt: '', machine, sections: {}, failures: [], budgets: [] };

  for (const name of options.only) {
    const started = performance.now();
    log(`[bench] ${name}`);
    try {
      results.sections[name] = await sections[name](config, log);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.failures.push({ section: name, error: message.split('\n').slice(0, 6).join(' ') });
      log(`[bench] ${name} failed: ${message}`);
    }
    log(`[bench] ${name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  results.finishedAt = new Date().toISOString();
  machine.loadAverageEnd = loadavg();
  // A smoke run's figures come from tiny runs: judging them against budgets would mean nothing.
  if (!options.smoke) results.budgets = evaluateBudgets(results);

  const folder = join(workspaceRoot, 'bench');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(folder, 'results.md'), renderMarkdown(results));
  log('[bench] wrote bench/results.json and bench/results.md');

  if (results.failures.length) return 1;
  if (options.smoke) {
    const problems = smokeProblems(results, options.only);
    for (const problem of problems) log(`[bench] smoke: ${problem}`);
    return problems.length ? 1 : 0;
  }
  const missed = results.budgets.filter((budget) => !budget.pass);
  for (const budget of missed) log(`[bench] budget missed: ${budget.label}: ${budget.actual ?? 'not measured'} (limit ${budget.limit} ${budget.unit})`);
  return options.check && missed.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const line = error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`bench: ${line}\n`);
    process.exit(2);
  },
);
