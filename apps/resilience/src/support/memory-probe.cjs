// Preloaded into the backend for the soak test only (NODE_OPTIONS="--expose-gc --require <this file>"):
// on SIGUSR2 it runs a full garbage collection and appends process.memoryUsage() as one JSON line to
// MEMORY_PROBE_FILE, so the test compares live heap, not garbage that happens not to be collected yet.
// It adds the young generation's resident size: V8 grows it under sustained allocation up to a bound
// of its own (on Node 24, 64 MiB semi-spaces on a large host; on Node 20, 16 MiB), which is not a leak.
const { appendFileSync } = require('node:fs');
const { getHeapSpaceStatistics } = require('node:v8');

const file = process.env.MEMORY_PROBE_FILE;
if (file && typeof global.gc === 'function') {
  process.on('SIGUSR2', () => {
    global.gc();
    const youngGenerationBytes = getHeapSpaceStatistics()
      .filter((space) => space.space_name === 'new_space' || space.space_name === 'new_large_object_space')
      .reduce((sum, space) => sum + space.physical_space_size, 0);
    appendFileSync(file, `${JSON.stringify({ ...process.memoryUsage(), youngGenerationBytes })}\n`);
  });
}
