import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Reads `utime + stime` (fields 14 and 15) out of a `/proc/<pid>/stat` line, in clock ticks.
 * The command name (field 2) is in parentheses and may hold spaces, so fields count from the last ')'.
 */
export function parseCpuTicks(statLine: string): number {
  const afterName = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  // afterName[0] is field 3 (state), so field n is afterName[n - 3].
  const utime = Number(afterName[11]);
  const stime = Number(afterName[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`not a /proc/<pid>/stat line: ${statLine.slice(0, 80)}`);
  return utime + stime;
}

/**
 * Reads `cutime + cstime` (fields 16 and 17): CPU time of the process's children that have exited
 * and been waited for, with their own waited-for children, in clock ticks.
 */
export function parseChildrenCpuTicks(statLine: string): number {
  const afterName = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(afterName[13]);
  const cstime = Number(afterName[14]);
  if (!Number.isFinite(cutime) || !Number.isFinite(cstime)) throw new Error(`not a /proc/<pid>/stat line: ${statLine.slice(0, 80)}`);
  return cutime + cstime;
}

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK`: the unit of /proc times (100 on Linux almost everywhere). */
function clockTicksPerSecond(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** CPU time (user + system) the process has used so far, in ms. Resolution is one clock tick (10 ms). */
export function processCpuMs(pid: number): number {
  return (parseCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) * 1000) / clockTicksPerSecond();
}

/** CPU time (user + system) used so far by this process's exited children, in ms. */
export function exitedChildrenCpuMs(): number {
  return (parseChildrenCpuTicks(readFileSync('/proc/self/stat', 'utf8')) * 1000) / clockTicksPerSecond();
}
