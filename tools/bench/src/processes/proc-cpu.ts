import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time out of a `/proc/<pid>/stat` line, in clock ticks: `own` is utime + stime (fields 14, 15),
 * `children` cutime + cstime (16, 17: children that have exited and been waited for). The command
 * name (field 2) is in parentheses and may hold spaces, so fields count from the last ')'.
 */
export function parseCpuTicks(statLine: string): { own: number; children: number } {
  // Field 3 (state) comes first, so field n is at n - 3.
  const [utime, stime, cutime, cstime] = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ').slice(11, 15).map(Number);
  if (![utime, stime, cutime, cstime].every(Number.isFinite)) throw new Error(`not a /proc/<pid>/stat line: ${statLine.slice(0, 80)}`);
  return { own: (utime as number) + (stime as number), children: (cutime as number) + (cstime as number) };
}

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK`: the unit of /proc times (100 on Linux almost everywhere). */
function msPerTick(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return 1000 / ticksPerSecond;
}

/** CPU time (user + system) the process has used so far, in ms. Resolution is one clock tick (10 ms). */
export function processCpuMs(pid: number): number {
  return parseCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')).own * msPerTick();
}

/** CPU time (user + system) used so far by this process's exited children, in ms. */
export function exitedChildrenCpuMs(): number {
  return parseCpuTicks(readFileSync('/proc/self/stat', 'utf8')).children * msPerTick();
}
