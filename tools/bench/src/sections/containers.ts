import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerEngine, engine, findFreePort, median, startChild, waitForHttp, workspaceRoot } from '@todo/test-harness';
import type { BenchConfig } from '../config';
import type { Section } from '../results';

type Log = (line: string) => void;

/** The services measured: the projects whose `container` target builds an image. */
const services = ['backend', 'frontend'] as const;
const nx = join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js');

/**
 * Section 8: the production images. Sizes (whole, and above the base image); build time of
 * `nx run <service>:container` cold (no Nx cache, no engine layer cache) and with the Nx build
 * cached; and `npm run start:containers` to the first 200 from the API through nginx, against a
 * bare container start of the same base in the same run.
 */
export async function measureContainers(config: BenchConfig, log: Log): Promise<Section> {
  const images = [];
  for (const service of services) {
    const [cold, cached]: [number[], number[]] = [[], []];
    for (let run = 0; run < config.imageBuildRuns; run += 1) {
      cold.push(timeNx(`${service}:container`, ['--skip-nx-cache'], ['--no-cache']));
      cached.push(timeNx(`${service}:container`));
    }
    const image = `todo/${service}:local`;
    const sizeBytes = await imageSize(image);
    const baseSizeBytes = await imageSize(await baseOf(image));
    images.push({ image: `todo/${service}`, sizeMb: sizeBytes / 1e6, addedKb: (sizeBytes - baseSizeBytes) / 1024, cold: cold.map((value) => value / 1000), cached: cached.map((value) => value / 1000) });
    log(`  ${service}: ${(sizeBytes / 1e6).toFixed(1)} MB (+${((sizeBytes - baseSizeBytes) / 1e6).toFixed(2)} MB over its base), cold ${cold.map(ms).join(', ')}, cached ${cached.map(ms).join(', ')}`);
  }

  const startToFirst200Ms: number[] = [];
  const bareContainerStartMs: number[] = [];
  for (let run = 0; run < config.containerStartRuns; run += 1) {
    startToFirst200Ms.push(await timeStartContainers());
    bareContainerStartMs.push(await timeBareContainer(await baseOf('todo/backend:local')));
    log(`  start:containers to the first 200: ${ms(startToFirst200Ms.at(-1) ?? NaN)} (bare container start ${ms(bareContainerStartMs.at(-1) ?? NaN)})`);
  }
  const startMedian = median(startToFirst200Ms) / 1000;
  return {
    title: '8. Containers',
    figures: { 'start-containers-to-first-200-median-s': startMedian, 'bare-container-start-median-s': median(bareContainerStartMs) / 1000 },
    tables: [
      {
        columns: [['image', 'image'], ['sizeMb', 'size MB', 1], ['addedKb', 'above its base KB', 1], ['cold', 'cold build s', 1], ['cached', 'build with Nx cached s', 1]],
        rows: images,
      },
    ],
    notes: [`\`start-containers-*\`: \`npm run start:containers\` (${containerEngine()}) to the first 200 from \`/api/todos\` through nginx, runs ${startToFirst200Ms.map(ms).join(', ')}.`],
  };
}

/** `nx run <target> [nxFlags] -- [engineFlags]` (the last go to the engine's build). */
function timeNx(target: string, nxFlags: string[] = [], engineFlags: string[] = []): number {
  const started = performance.now();
  execFileSync(process.execPath, [nx, 'run', target, '--outputStyle=static', ...nxFlags, ...(engineFlags.length ? ['--', ...engineFlags] : [])], {
    cwd: workspaceRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
    stdio: 'ignore',
  });
  return performance.now() - started;
}

async function imageSize(image: string): Promise<number> {
  return Number(await engine(['image', 'inspect', '--format', '{{.Size}}', image]));
}

/** The image an image was built on: the one whose top layer is its first layers' last. */
async function baseOf(image: string): Promise<string> {
  const layers = async (name: string) => JSON.parse(await engine(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', name])) as string[];
  const mine = await layers(image);
  const candidates = (await engine(['images', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n').filter((name) => !name.includes('todo/') || name.includes('stand-in'));
  let best = { name: '', depth: 0 };
  for (const name of candidates) {
    const theirs = await layers(name).catch(() => []);
    if (theirs.length > best.depth && theirs.length < mine.length && theirs.every((layer, at) => layer === mine[at])) best = { name, depth: theirs.length };
  }
  if (!best.name) throw new Error(`no base image of ${image} is here`);
  return best.name;
}

/** `npm run start:containers` (images cached by Nx) until `/api/todos` answers 200 through nginx, then Ctrl-C. */
async function timeStartContainers(): Promise<number> {
  const port = await findFreePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-containers-'));
  const started = performance.now();
  const runner = startChild(process.execPath, ['--import', 'tsx', join(workspaceRoot, 'tools/local-runner/src/containers-main.ts')], {
    cwd: workspaceRoot,
    env: { ...process.env, FRONTEND_PORT: String(port), DATA_DIR: dataDir, TSX_TSCONFIG_PATH: join(workspaceRoot, 'tsconfig.base.json') },
  });
  const answered = await waitForHttp(`http://127.0.0.1:${port}/api/todos?limit=1`, runner, { name: 'start:containers', timeoutMs: 180_000 }).then(
    () => performance.now() - started,
    (error: Error) => error,
  );
  const exit = await runner.stop('SIGINT', 60_000);
  rmSync(dataDir, { recursive: true, force: true });
  if (answered instanceof Error) throw answered;
  if (exit.code !== 0) throw new Error(`start:containers exited ${exit.code ?? exit.signal} on Ctrl-C:\n${runner.output()}`);
  return answered;
}

/** `run --rm <image> true`: what any container start costs on this machine and engine. */
async function timeBareContainer(image: string): Promise<number> {
  const started = performance.now();
  await engine(['run', '--rm', '--network', 'none', image, 'true']);
  return performance.now() - started;
}

const ms = (value: number) => `${(value / 1000).toFixed(1)} s`;
