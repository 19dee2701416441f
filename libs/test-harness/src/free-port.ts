import { createServer, type AddressInfo } from 'node:net';

/**
 * A TCP port that was free a moment ago on `host`. Another process could take it before the caller
 * binds it; on a test machine that race is rare enough, and the caller's start-up then fails loudly.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
