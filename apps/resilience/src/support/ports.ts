import { createServer } from 'node:net';

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
