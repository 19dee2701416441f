import { createServer } from 'node:net';
import { findFreePort } from '@todo/test-harness';

/** Whether `port` can be bound on every one of `hosts` right now. */
export async function isPortFree(port: number, hosts: readonly string[]): Promise<boolean> {
  for (const host of hosts) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

/** A port free on every one of `hosts` (the same port on two addresses, as two tasks in a VPC have). */
export async function commonFreePort(hosts: readonly [string, ...string[]]): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await findFreePort(hosts[0]);
    if (await isPortFree(port, hosts)) return port;
  }
  throw new Error(`no port free on all of ${hosts.join(', ')}`);
}

/** `preferred` when it is free on every one of `hosts`, else a common free one. */
export async function portOnAll(preferred: number, hosts: readonly [string, ...string[]]): Promise<number> {
  return (await isPortFree(preferred, hosts)) ? preferred : commonFreePort(hosts);
}
