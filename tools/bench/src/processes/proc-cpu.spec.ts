import { execFileSync } from 'node:child_process';
import { exitedChildrenCpuMs, parseCpuTicks, processCpuMs } from './proc-cpu';

describe('parseCpuTicks', () => {
  it('adds utime and stime, even when the command name holds spaces and parentheses', () => {
    const line = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194560 1200 0 0 0 731 89 0 0 20 0 11 0 500 1000 300';
    expect(parseCpuTicks(line)).toEqual({ own: 820, children: 0 });
    expect(parseCpuTicks(line.replace(' 731 89 0 0 ', ' 731 89 40 2 ')).children).toBe(42);
  });

  it('refuses text that is not a stat line', () => {
    expect(() => parseCpuTicks('nonsense')).toThrow('not a /proc');
  });
});

describe('processCpuMs', () => {
  it('agrees with process.cpuUsage about CPU this process burns', () => {
    const before = processCpuMs(process.pid);
    const start = process.cpuUsage();
    // Burn 100 ms of CPU time (not wall time: a loaded machine may not schedule us).
    while (process.cpuUsage(start).user < 100_000) Math.sqrt(Math.random());
    const used = processCpuMs(process.pid) - before;
    // One clock tick (10 ms) of rounding at each end.
    expect(used).toBeGreaterThanOrEqual(80);
    expect(used).toBeLessThan(1000);
  });
});

describe('exitedChildrenCpuMs', () => {
  it('grows by the CPU a child burned once it has exited', () => {
    const before = exitedChildrenCpuMs();
    // The child burns 200 ms of CPU time, whatever the machine's load.
    const burn = 'const s = process.cpuUsage(); while (process.cpuUsage(s).user < 200000) Math.sqrt(Math.random());';
    execFileSync(process.execPath, ['-e', burn]);
    const used = exitedChildrenCpuMs() - before;
    expect(used).toBeGreaterThanOrEqual(180);
    expect(used).toBeLessThan(5000);
  });
});
