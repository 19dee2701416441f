/** Debian's Chromium: Playwright never downloads a browser here. `CHROMIUM_PATH` overrides it. */
export const chromiumExecutablePath = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/**
 * Flags for running it as root on a machine without a network of its own (STACK.md): no sandbox,
 * no GPU, and none of the background connections a closed network refuses.
 */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
