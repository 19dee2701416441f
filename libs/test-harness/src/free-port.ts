import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';

/**
 * A TCP (or UDP) port that was free a moment ago on `host`. Another process could take it before
 * the caller binds it; on a test machine that race is rare enough, and the caller's start-up then
 * fails loudly.
 */
export async function findFreePort(host = '127.0.0.1', protocol: 'tcp' | 'udp' = 'tcp'): Promise<number> {
  if (protocol === 'udp') {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, host, () => resolve());
    });
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    return port;
  }
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
