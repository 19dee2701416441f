import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Resident set size of a process in bytes, from the kernel (`VmRSS` in /proc/<pid>/status). */
export function residentSetBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** Environment that preloads the memory probe into a Node process writing to `file`. */
export function memoryProbeEnv(file: string): Record<string, string> {
  return { NODE_OPTIONS: `--expose-gc --require ${resolve(__dirname, 'memory-probe.cjs')}`, MEMORY_PROBE_FILE: file };
}

/** What the probe reports: `process.memoryUsage()` after a full GC, and the young generation's resident bytes. */
export type ProbedMemory = NodeJS.MemoryUsage & { youngGenerationBytes: number };

/** Asks the probed process for a full GC and its memory usage afterwards. */
export async function probeMemory(pid: number, file: string): Promise<ProbedMemory> {
  const linesBefore = await readLines(file);
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const lines = await readLines(file);
    if (lines.length > linesBefore.length) return JSON.parse(lines[lines.length - 1] ?? '{}') as ProbedMemory;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`process ${pid} wrote no memory figures to ${file} within 5 s (was the probe preloaded?)`);
}

async function readLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
