import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTRY_PATH } from '@todo/service-registry';
import { copyWorkspaceToScratch, median, workspaceRoot } from '@todo/test-harness';
import type { BenchConfig } from '../config';
import type { Section } from '../results';

const nxCli = join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js');
const cdkCli = join(workspaceRoot, 'node_modules/aws-cdk/bin/cdk');
/** The generator call the docs show, and the files it must have written. */
const generate = ['g', '@todo/platform:service', 'stats', '--callers', 'backend', '--public-path', '/api/stats'];

function timed(command: string, args: string[], cwd: string): { ms: number; stdout: string } {
  // The bench runs under tsx with its own tsconfig, which tsx passes on in TSX_TSCONFIG_PATH; the
  // CDK app's tsx must find infra's.
  const env = { ...process.env };
  delete env['TSX_TSCONFIG_PATH'];
  const started = performance.now();
  const stdout = execFileSync(command, args, {
    cwd,
    // FORCE_COLOR=0: under `nx run bench:smoke` Nx passes FORCE_COLOR on, and colour codes would hide the CREATE/UPDATE lines.
    env: { ...env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', CDK_DISABLE_VERSION_CHECK: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ms: performance.now() - started, stdout };
}

/** `cdk synth` as `nx run infra:synth` runs it (cdk-nag included); returns the stacks it wrote. */
function synth(root: string): { ms: number; stacks: number } {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-generator-cdk-'));
  try {
    const { ms } = timed(process.execPath, [cdkCli, 'synth', '--quiet', '--no-notices', '--output', outdir], join(root, 'infra'));
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    return { ms, stacks: Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack').length };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Section 7: the service generator. Each round, in a scratch copy of this workspace: the CDK synth
 * with the committed services, `nx g @todo/platform:service stats` (wall time of the whole command,
 * Nx start-up included), the synth again with the third service, then a reset. The reference for
 * the three-service synth is the two-service one of the same round.
 */
export async function measureGenerator(config: BenchConfig, log: (line: string) => void): Promise<Section> {
  const root = copyWorkspaceToScratch('bench-generator');
  try {
    const runs = { generate: [] as number[], two: [] as number[], three: [] as number[] };
    let files: string[] = [];
    let stacks = { two: 0, three: 0 };
    for (let round = 0; round < config.generatorRounds; round++) {
      const before = synth(root);
      const generated = timed(process.execPath, [nxCli, ...generate], root);
      files = generated.stdout.split('\n').flatMap((line) => /^(CREATE|UPDATE) (\S+)/.exec(line.trim())?.slice(1, 3).join(' ') ?? []);
      const after = synth(root);
      stacks = { two: before.stacks, three: after.stacks };
      runs.two.push(before.ms);
      runs.generate.push(generated.ms);
      runs.three.push(after.ms);
      log(`[bench] generator round ${round + 1}: synth ${before.ms.toFixed(0)} ms, generate ${generated.ms.toFixed(0)} ms, synth with stats ${after.ms.toFixed(0)} ms`);
      execFileSync('git', ['checkout', '--quiet', '--', '.'], { cwd: root });
      execFileSync('git', ['clean', '-fdq', '--', 'apps/stats'], { cwd: root });
    }
    if (!files.some((line) => line === `UPDATE ${REGISTRY_PATH}`)) throw new Error(`the generator wrote no registry entry: ${files.join(', ')}`);
    const synthRatio = median(runs.three.map((ms, round) => ms / (runs.two[round] as number)));
    return {
      title: '7. Service generator',
      figures: { 'generate-median-ms': median(runs.generate), 'synth-three-services-median-ms': median(runs.three), 'synth-ratio': synthRatio },
      tables: [
        {
          columns: [['step', 'step'], ['median', 'median ms', 0], ['runs', 'runs ms', 0]],
          rows: [
            { step: '`nx g @todo/platform:service stats`', median: median(runs.generate), runs: runs.generate },
            { step: `cdk synth, two services (${stacks.two} stacks)`, median: median(runs.two), runs: runs.two },
            { step: `cdk synth, three services (${stacks.three} stacks)`, median: median(runs.three), runs: runs.three },
          ],
        },
      ],
      notes: [`Files the generator wrote: ${files.map((file) => `\`${file}\``).join(', ')}. \`synth-ratio\`: the three-service synth over the same round's two-service synth, median of the rounds.`],
      problems: stacks.three === stacks.two + 3 ? [] : [`the third service added ${stacks.three - stacks.two} stacks, not 3`],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
