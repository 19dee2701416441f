import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { contextFiles } from './docker-context';
import { copies, environment, lastArgs, parseDockerfile, type Stage } from './dockerfile';

/** What an image would hold, laid out in a temp folder standing for the image's `/`. */
export interface ImageFilesystem {
  /** The final stage, as parsed from the Dockerfile. */
  runtime: Stage;
  /** Where a path of the image (absolute, or relative to its WORKDIR) is on this machine. */
  path(path: string): string;
  /** Deletes the temp folders. */
  remove(): void;
}

/**
 * Does to the files what `docker build --file <dockerfile> <workspace>` does, without Docker:
 * sends the context its `<dockerfile>.dockerignore` allows, runs the build stages (their `npm ci`
 * stands for the workspace's installed node_modules; their `npx nx run ...:build` runs here), then
 * lays out only what the final stage copies. The final stage's own `RUN`s change its base image,
 * not these files, so they are not replayed.
 */
export function buildImageFilesystem(workspaceRoot: string, dockerfile: string): ImageFilesystem {
  const stages = parseDockerfile(readFileSync(join(workspaceRoot, dockerfile), 'utf8'));
  const runtime = stages.at(-1);
  if (!runtime) throw new Error(`${dockerfile} has no FROM`);
  const work = mkdtempSync(join(tmpdir(), 'image-'));
  try {
    return replay(workspaceRoot, dockerfile, stages, runtime, work);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

function replay(workspaceRoot: string, dockerfile: string, stages: Stage[], runtime: Stage, work: string): ImageFilesystem {
  chmodSync(work, 0o755);
  const context = join(work, 'context');
  const ignore = readFileSync(join(workspaceRoot, `${dockerfile}.dockerignore`), 'utf8');
  for (const file of contextFiles(workspaceRoot, ignore)) {
    mkdirSync(dirname(join(context, file)), { recursive: true });
    cpSync(join(workspaceRoot, file), join(context, file));
  }

  const stageRoots = new Map<string, string>();
  let inRuntime: (path: string) => string = () => '';
  stages.forEach((stage, index) => {
    const root = join(work, `stage-${index}`);
    mkdirSync(root, { mode: 0o755 });
    const workdir = lastArgs(stage, 'WORKDIR') ?? '/';
    const inImage = (path: string) => join(root, posix.resolve(workdir, path));
    mkdirSync(inImage('.'), { recursive: true, mode: 0o755 });
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'COPY') {
        for (const copy of copies({ ...stage, instructions: [instruction] })) copyInto(copy, inImage, context, stageRoots);
      } else if (instruction.keyword === 'RUN' && stage !== runtime) {
        runBuildStep(instruction.args, inImage('.'), environment(stage));
      }
    }
    if (stage.name) stageRoots.set(stage.name, root);
    inRuntime = inImage;
  });
  return { runtime, path: inRuntime, remove: () => rmSync(work, { recursive: true, force: true }) };
}

function copyInto(
  copy: ReturnType<typeof copies>[number],
  inImage: (path: string) => string,
  context: string,
  stageRoots: ReadonlyMap<string, string>,
): void {
  const from = copy.flags['from'];
  const fromRoot = from === undefined ? context : stageRoots.get(from);
  if (!fromRoot) throw new Error(`COPY --from=${from}: no such stage`);
  const target = inImage(copy.destination);
  mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
  const heredoc = Object.values(copy.heredocs)[0];
  if (heredoc !== undefined) writeFileSync(target, heredoc);
  for (const source of copy.sources.filter((path) => !path.startsWith('<<'))) {
    // `COPY a/file dir/` puts the file inside the folder; everything else copies onto the target.
    const into = copy.destination.endsWith('/') && !source.endsWith('/') ? join(target, posix.basename(source)) : target;
    cpSync(join(fromRoot, from === undefined ? source : posix.resolve('/', source)), into, { recursive: true });
  }
  if (copy.flags['chmod']) chmodSync(target, Number.parseInt(copy.flags['chmod'], 8));
}

function runBuildStep(args: string, cwd: string, stageEnv: Record<string, string>): void {
  const command = args.replace(/^(--\S+\s+)*/, '');
  if (/^npm ci\b/.test(command)) {
    symlinkSync(join(__dirname, '../../../node_modules'), join(cwd, 'node_modules'), 'dir');
  } else if (/^npx nx run [\w-]+:build\b/.test(command)) {
    // Nothing of an Nx task running these tests (workspace root, cache folders) may leak in.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')));
    execFileSync('sh', ['-c', command], { cwd, env: { ...env, ...stageEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
  } else {
    throw new Error(`this check does not know how to replay the build step "${command}"`);
  }
}
