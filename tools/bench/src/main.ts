import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { evaluateBudgets } from './budgets';
import { parseCliArgs, UsageError, type SectionName } from './cli-args';
import { fullConfig, smokeConfig, type BenchConfig } from './config';
import { describeMachine } from './machine';
import { workspaceRoot } from '@todo/test-harness';
import { outputFolder } from './paths';
import { renderReport } from './report';
import { smokeProblems } from './smoke-check';
import type { BenchResults } from './results';
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

/** Each section fills its part of the results. */
const sections: Record<SectionName, (config: BenchConfig, log: Log) => Promise<Partial<BenchResults>>> = {
  api: async (config, log) => ({ api: await measureApiVsStore(config, log) }),
  nginx: async (config, log) => ({ nginx: await measureNginx(config, log) }),
  startup: async (config) => ({ startup: await measureStartup(config) }),
  'frontend-build': async () => ({ frontendBuild: measureFrontendBuild() }),
  browser: async (config, log) => ({ browser: await measureBrowser(config, log) }),
  planner: async (config, log) => ({ planner: await measurePlanner(config, log) }),
  'node-versions': async (config, log) => ({ nodeVersions: await measureNodeVersions(config, log) }),
  generator: async (config, log) => ({ generator: await measureGenerator(config, log) }),
  containers: async (config, log) => ({ containers: await measureContainers(config, log) }),
  shipping: async (config, log) => ({ shipping: await measureShipping(config, log) }),
};

async function main(argv: readonly string[]): Promise<number> {
  const options = parseCliArgs(argv);
  const config = options.smoke ? smokeConfig : fullConfig;
  const log: Log = (line) => process.stderr.write(`${line}\n`);
  const results: BenchResults = {
    mode: config.mode,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: describeMachine(),
    failures: [],
    budgets: [],
  };

  for (const name of options.only) {
    const started = performance.now();
    log(`[bench] ${name}`);
    try {
      Object.assign(results, await sections[name](config, log));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.failures.push({ section: name, error: message.split('\n').slice(0, 6).join(' ') });
      log(`[bench] ${name} failed: ${message}`);
    }
    log(`[bench] ${name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  results.finishedAt = new Date().toISOString();
  results.machine.loadAverageEnd = loadavg();
  // A smoke run's figures come from tiny runs: judging them against budgets would mean nothing.
  if (!options.smoke) results.budgets = evaluateBudgets(results);

  mkdirSync(outputFolder, { recursive: true });
  const jsonPath = join(outputFolder, 'results.json');
  const markdownPath = join(outputFolder, 'results.md');
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(markdownPath, renderReport(results));
  log(`[bench] wrote ${relative(workspaceRoot, jsonPath)} and ${relative(workspaceRoot, markdownPath)}`);

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
