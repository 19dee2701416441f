import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import type { MachineInfo } from './results';
import { workspaceRoot } from '@todo/test-harness';

/** What the figures were measured on; the load average says how busy the shared machine was. */
export function describeMachine(): MachineInfo {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: workspaceRoot, encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: the figures still stand.
  }
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    loadAverageStart: loadavg(),
    loadAverageEnd: loadavg(),
    commit,
  };
}
