import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type EnvironmentName, environmentNames } from '@todo/service-registry';

/** A bad command line: one line for the user, exit code 2, nothing changed. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const RELEASE_USAGE = 'usage: npm run release -- <service> <commit> [--to development|production] [--dry-run]';
export const STATUS_USAGE = 'usage: npm run status [-- --json]';

export interface ReleaseArgs {
  service: string;
  /** As typed: a full SHA, or something git resolves to one (`HEAD~2`, a short SHA, a tag). */
  commit: string;
  to: EnvironmentName;
  dryRun: boolean;
}

interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function parse(argv: string[], options: ParseArgsConfig['options'], usage: string): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    // Node's messages are long and end in advice; the first sentence names the argument.
    const first = ((error as Error).message.split(/\.\s/)[0] ?? '').replace(/\.$/, '');
    throw new UsageError(`${first}; ${usage}`);
  }
}

export function parseReleaseArgs(argv: string[], services: readonly string[]): ReleaseArgs {
  const { values, positionals } = parse(
    argv,
    { to: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    RELEASE_USAGE,
  );
  if (values['help']) throw new UsageError(RELEASE_USAGE);
  if (positionals.length !== 2) throw new UsageError(`expected a service and a commit, got ${positionals.length} argument(s); ${RELEASE_USAGE}`);
  const [service, commit] = positionals as [string, string];
  if (!services.includes(service)) throw new UsageError(`unknown service "${service}": the services are ${services.join(', ')}`);
  if (!/^[0-9A-Za-z][0-9A-Za-z._/~^-]{0,99}$/.test(commit)) throw new UsageError(`"${commit}" is not a commit`);
  const to = (values['to'] as string | undefined) ?? 'development';
  if (!(environmentNames as readonly string[]).includes(to)) {
    throw new UsageError(`--to must be ${environmentNames.join(' or ')}, got "${to}"`);
  }
  return { service, commit, to: to as EnvironmentName, dryRun: values['dry-run'] === true };
}

export function parseStatusArgs(argv: string[]): { json: boolean } {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, STATUS_USAGE);
  if (values['help']) throw new UsageError(STATUS_USAGE);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; ${STATUS_USAGE}`);
  return { json: values['json'] === true };
}
