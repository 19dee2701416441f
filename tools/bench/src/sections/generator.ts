import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { median, workspaceRoot } from '@todo/test-harness';
import type { BenchConfig } from '../config';
import type { GeneratorResult } from '../results';

const nxCli = join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js');
const cdkCli = join(workspaceRoot, 'node_modules/aws-cdk/bin/cdk');
/** The generator call the docs show, and the files it must have written. */
const generate = ['g', '@todo/platform:service', 'stats', '--callers', 'backend', '--public-path', '/api/stats'];

/** This workspace's files (tracked and new, as on disk) in a scratch git repository; node_modules linked. */
function copyWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-generator-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: workspaceRoot, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('node_modules/'));
  for (const file of files) {
    let content: Buffer;
    try {
      content = readFileSync(join(workspaceRoot, file));
    } catch {
      continue; // deleted in the working tree, not yet committed
    }
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'workspace');
  return root;
}

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
export async function measureGenerator(config: BenchConfig, log: (line: string) => void): Promise<GeneratorResult> {
  const root = copyWorkspace();
  try {
    const generateRunsMs: number[] = [];
    const twoServicesRunsMs: number[] = [];
    const threeServicesRunsMs: number[] = [];
    let files: string[] = [];
    let stacks = { two: 0, three: 0 };
    for (let round = 0; round < config.generatorRounds; round++) {
      const before = synth(root);
      const generated = timed(process.execPath, [nxCli, ...generate], root);
      files = generated.stdout.split('\n').flatMap((line) => /^(CREATE|UPDATE) (\S+)/.exec(line.trim())?.slice(1, 3).join(' ') ?? []);
      const after = synth(root);
      stacks = { two: before.stacks, three: after.stacks };
      twoServicesRunsMs.push(before.ms);
      generateRunsMs.push(generated.ms);
      threeServicesRunsMs.push(after.ms);
      log(`[bench] generator round ${round + 1}: synth ${before.ms.toFixed(0)} ms, generate ${generated.ms.toFixed(0)} ms, synth with stats ${after.ms.toFixed(0)} ms`);
      execFileSync('git', ['checkout', '--quiet', '--', '.'], { cwd: root });
      execFileSync('git', ['clean', '-fdq', '--', 'apps/stats'], { cwd: root });
    }
    if (!files.some((line) => line === 'UPDATE infra/src/services/registry.json')) throw new Error(`the generator wrote no registry entry: ${files.join(', ')}`);
    return {
      files,
      stacks,
      generateRunsMs,
      generateMedianMs: median(generateRunsMs),
      synthTwoServicesRunsMs: twoServicesRunsMs,
      synthTwoServicesMedianMs: median(twoServicesRunsMs),
      synthThreeServicesRunsMs: threeServicesRunsMs,
      synthThreeServicesMedianMs: median(threeServicesRunsMs),
      synthRatio: median(threeServicesRunsMs.map((ms, round) => ms / twoServicesRunsMs[round]!)),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
