import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Git-ignored folder of the figures each suite measured on its last run; the README quotes them. */
export const resultsDir = resolve(__dirname, '../../results');

/** Suites that wrote figures in this run: their first write replaces the last run's file. */
const started = new Set<string>();

/** Merges `figures` into `results/<suite>.json`, stamped with when they were measured. */
export function recordFigures(suite: string, figures: Record<string, unknown>): void {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${suite}.json`);
  let previous: Record<string, unknown> = {};
  if (started.has(suite)) {
    try {
      previous = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      // Removed meanwhile: start again.
    }
  }
  started.add(suite);
  writeFileSync(file, `${JSON.stringify({ ...previous, ...figures, measuredAt: new Date().toISOString() }, null, 2)}\n`);
}
