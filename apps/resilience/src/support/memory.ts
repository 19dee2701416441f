import { readFileSync } from 'node:fs';

/** Resident set size of a process in bytes, from the kernel (`VmRSS` in /proc/<pid>/status). */
export function residentSetBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}
