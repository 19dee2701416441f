import { fileAt } from './git';

/** The workspace's lockfile (npm), where the exact versions of external packages are. */
export const lockfile = 'package-lock.json';

interface LockedPackage {
  version?: string;
  integrity?: string;
}

/** Each package name's locked copies (every install location) as `version integrity` strings. */
function lockedCopies(content: string | undefined): Map<string, string[]> {
  const copies = new Map<string, string[]>();
  if (content === undefined) return copies;
  const packages = (JSON.parse(content) as { packages?: Record<string, LockedPackage> }).packages ?? {};
  for (const [location, locked] of Object.entries(packages)) {
    const at = location.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const name = location.slice(at + 'node_modules/'.length);
    copies.set(name, [...(copies.get(name) ?? []), `${locked.version ?? '?'} ${locked.integrity ?? ''}`].sort());
  }
  return copies;
}

const versions = (copies: readonly string[] | undefined) =>
  copies?.length ? [...new Set(copies.map((copy) => copy.split(' ')[0]))].join(', ') : '(none)';

/**
 * The packages whose locked versions differ between two commits, each with its change, e.g.
 * `fastify 5.12.8 → 5.12.9` (a changed integrity alone reads `fastify 5.12.8 (new integrity)`).
 */
export function lockfileChanges(root: string, base: string, head: string): Map<string, string> {
  const before = lockedCopies(fileAt(root, base, lockfile));
  const after = lockedCopies(fileAt(root, head, lockfile));
  const changes = new Map<string, string>();
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const from = before.get(name);
    const to = after.get(name);
    if (from?.join('\n') === to?.join('\n')) continue;
    const fromVersions = versions(from);
    const toVersions = versions(to);
    changes.set(name, fromVersions === toVersions ? `${name} ${toVersions} (new integrity)` : `${name} ${fromVersions} → ${toVersions}`);
  }
  return changes;
}
