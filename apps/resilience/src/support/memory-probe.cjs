// Preloaded into the backend for the soak test only (NODE_OPTIONS="--expose-gc --require <this file>"):
// on SIGUSR2 it runs a full garbage collection and appends process.memoryUsage() as one JSON line to
// MEMORY_PROBE_FILE, so the test compares live heap, not garbage that happens not to be collected yet.
const { appendFileSync } = require('node:fs');

const file = process.env.MEMORY_PROBE_FILE;
if (file && typeof global.gc === 'function') {
  process.on('SIGUSR2', () => {
    global.gc();
    appendFileSync(file, `${JSON.stringify(process.memoryUsage())}\n`);
  });
}
