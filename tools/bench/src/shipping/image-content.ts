import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The repository paths a Dockerfile's runtime stage (its last `FROM`) copies from the build
 * context: `COPY`/`ADD` sources, without `--from` copies (another stage's files) and heredocs
 * (their text is in the Dockerfile itself).
 */
export function runtimeStageSources(dockerfile: string): string[] {
  let sources: string[] = [];
  let heredocEnd: string | undefined;
  for (const line of dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const instruction = line.trim();
    if (heredocEnd !== undefined) {
      if (instruction === heredocEnd) heredocEnd = undefined;
      continue;
    }
    if (/^FROM\s/i.test(instruction)) sources = [];
    const operands = /^(?:COPY|ADD)\s+(.+)$/i.exec(instruction)?.[1];
    if (operands === undefined) continue;
    const words = operands.split(/\s+/);
    const heredoc = words.find((word) => word.startsWith('<<'));
    if (heredoc) {
      heredocEnd = heredoc.replace(/^<<-?/, '').replace(/['"]/g, '');
      continue;
    }
    if (words.some((word) => word.startsWith('--from='))) continue;
    sources.push(...words.filter((word) => !word.startsWith('--')).slice(0, -1));
  }
  return sources;
}

/** Every file under `path` (itself when it is a file), as paths from `root`. */
function filesUnder(root: string, path: string): string[] {
  const absolute = join(root, path);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [path];
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .map((entry) => relative(root, join(absolute, entry)))
    .filter((file) => statSync(join(root, file)).isFile());
}

/**
 * What a service's runtime image would contain, file by file (path -> SHA-256): its build output,
 * the files its runtime stage copies, its Dockerfile and ignore file. Two commits whose maps are
 * equal give the same image.
 */
export function imageContent(root: string, projectRoot: string, buildOutputs: readonly string[]): Map<string, string> {
  const dockerfile = join(projectRoot, 'Dockerfile');
  const paths = [dockerfile, `${dockerfile}.dockerignore`, ...buildOutputs];
  if (existsSync(join(root, dockerfile))) paths.push(...runtimeStageSources(readFileSync(join(root, dockerfile), 'utf8')));
  const content = new Map<string, string>();
  for (const file of paths.flatMap((path) => filesUnder(root, path)).sort()) {
    content.set(file, createHash('sha256').update(readFileSync(join(root, file))).digest('hex'));
  }
  return content;
}

/** The files that differ between two image contents (added, removed or changed). */
export function differingFiles(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file)).sort();
}

/** A build target's `outputs` with Nx's tokens filled in, as paths from the workspace root. */
export function resolveOutputs(outputs: readonly string[], projectRoot: string, options: Record<string, unknown>): string[] {
  return outputs.map((output) =>
    output
      .replace('{workspaceRoot}/', '')
      .replace('{projectRoot}', projectRoot)
      .replace(/\{options\.([^}]+)\}/g, (_, name: string) => String(options[name] ?? '')),
  );
}
