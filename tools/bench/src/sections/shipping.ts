import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@todo/test-harness';
import type { BenchConfig } from '../config';
import { differingFiles, imageContent, resolveOutputs } from '../shipping/image-content';
import type { Section } from '../results';
import { scoreReplay, shippingSection, type Decision } from '../shipping/replay-score';

const plannerMain = join(workspaceRoot, 'tools/deploy-plan/src/main.ts');
const tsx = join(workspaceRoot, 'node_modules/.bin/tsx');
const nx = join(workspaceRoot, 'node_modules/.bin/nx');

/** Commits replayed: the 40 (all, if fewer); a smoke run replays one pair. */
const replayedCommits = { full: 40, smoke: 2 } as const;

interface ProjectNode {
  data: { root: string; targets?: Record<string, { outputs?: string[]; options?: Record<string, unknown> }> };
}

/**
 * A clone sharing this repository's objects, with its node_modules linked and Nx pointed at it.
 * Builds share this repository's Nx cache: a commit whose build inputs were built before restores
 * the same files.
 */
function createReplayClone() {
  const root = mkdtempSync(join(tmpdir(), 'bench-shipping-'));
  execFileSync('git', ['clone', '--quiet', '--shared', '--no-checkout', workspaceRoot, root]);
  symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, '.git/info/exclude'), 'node_modules\n');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_TUI: 'false',
    NX_NO_CLOUD: 'true',
    NX_WORKSPACE_ROOT_PATH: root,
    NX_WORKSPACE_DATA_DIRECTORY: join(root, '.nx/workspace-data'),
    NX_CACHE_DIRECTORY: join(workspaceRoot, '.nx/cache'),
  };
  // A cached build output is the same files as a fresh one: skipping the cache here only costs time.
  delete env['NX_SKIP_NX_CACHE'];
  const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { root, run, remove: () => rmSync(root, { recursive: true, force: true }) };
}

type Clone = ReturnType<typeof createReplayClone>;

/** Builds every service at the checked-out commit; each service's image content, or undefined where its build failed. */
function buildImages(clone: Clone, log: (line: string) => void): Map<string, Map<string, string> | undefined> {
  const graphFile = join(clone.root, '.nx/replay-graph.json');
  const shown = clone.run(nx, ['graph', `--file=${graphFile}`]);
  if (shown.status !== 0) throw new Error(`nx graph failed: ${shown.stderr.slice(-1000)}`);
  const nodes = (JSON.parse(readFileSync(graphFile, 'utf8')) as { graph: { nodes: Record<string, ProjectNode> } }).graph.nodes;
  const services = Object.entries(nodes).filter(([, node]) => node.data.targets?.['container']);
  const images = new Map<string, Map<string, string> | undefined>();
  for (const [name, node] of services) {
    const build = node.data.targets?.['build'];
    const built = build && clone.run(nx, ['run', `${name}:build`, '--outputStyle=static']).status === 0;
    if (!build || !built) log(`    ${name}: build failed, left out of this commit's pairs`);
    images.set(name, built ? imageContent(clone.root, node.data.root, resolveOutputs(build.outputs ?? [], node.data.root, build.options ?? {})) : undefined);
  }
  return images;
}

/**
 * Section 9: replays the last commits of this repository. For each consecutive pair, each
 * service's image content (build output, what the runtime stage copies, Dockerfile) is compared
 * with the planner's decision for that pair.
 */
export async function measureShipping(config: BenchConfig, log: (line: string) => void): Promise<Section> {
  const commits = execFileSync('git', ['rev-list', '--first-parent', `--max-count=${replayedCommits[config.mode]}`, 'HEAD'], { cwd: workspaceRoot, encoding: 'utf8' })
    .trim()
    .split('\n')
    .reverse();
  const subject = (sha: string) => execFileSync('git', ['log', '-1', '--format=%s', sha], { cwd: workspaceRoot, encoding: 'utf8' }).trim();
  const clone = createReplayClone();
  const decisions: Decision[] = [];
  try {
    let before: { sha: string; images: Map<string, Map<string, string> | undefined> } | undefined;
    for (const sha of commits) {
      clone.run('git', ['checkout', '--quiet', '--force', '--detach', sha]);
      log(`  ${sha.slice(0, 12)} ${subject(sha).slice(0, 70)}`);
      const images = buildImages(clone, log);
      if (before) {
        const planned = clone.run(tsx, ['--tsconfig', join(workspaceRoot, 'tsconfig.base.json'), plannerMain, '--base', before.sha, '--head', sha, '--json']);
        if (planned.status !== 0) throw new Error(`deploy-plan failed at ${sha}: ${planned.stderr.slice(-1000)}`);
        const plan = JSON.parse(planned.stdout) as { services: Array<{ name: string; reasons: string[] }> };
        for (const [service, after] of images) {
          const earlier = before.images.get(service);
          if (!after || !earlier) continue;
          const shipped = plan.services.find(({ name }) => name === service);
          decisions.push({
            commit: sha,
            subject: subject(sha),
            service,
            imageChanged: differingFiles(earlier, after),
            shipped: shipped !== undefined,
            reasons: shipped?.reasons ?? [],
          });
        }
      }
      before = { sha, images };
    }
  } finally {
    clone.remove();
  }
  return shippingSection(scoreReplay(commits.length, decisions));
}
