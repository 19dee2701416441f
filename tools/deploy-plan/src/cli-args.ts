import { parseArgs } from 'node:util';
import { emptyTreeSha } from './git';
import { PlanError } from './plan-error';

/** What the command line asks the planner for. */
export interface CliOptions {
  /** The ref the change is measured from, e.g. the last commit main deployed. */
  base: string;
  /** The ref being shipped. @default 'HEAD' */
  head: string;
  /** Per-service base refs from `--base-for <service>=<ref>`, overriding `base` for that service. */
  baseFor: Map<string, string>;
  /** Print the plan as JSON instead of a table. @default false */
  json: boolean;
  /** Also append `services` and `infra` to the file named by `$GITHUB_OUTPUT`. @default false */
  githubOutput: boolean;
}

export const usage = `Usage: npm run deploy-plan -- --base <ref> [--head <ref>] [--json] [--github-output]
                           [--base-for <service>=<ref> ...]

Lists the services (Nx projects with a "container" target) whose image could change between base
and head, each with the changed inputs that make it ship, and whether the infra (the CDK app's
production inputs) changed. Specs, docs, test helpers and lint or jest config ship nothing.
--base-for gives one service its own base (its last deployed commit); the empty tree
${emptyTreeSha} means "never deployed".`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        base: { type: 'string' },
        head: { type: 'string', default: 'HEAD' },
        'base-for': { type: 'string', multiple: true, default: [] },
        json: { type: 'boolean', default: false },
        'github-output': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new PlanError(`${(error as Error).message}\n\n${usage}`);
  }
  if (!values.base) {
    throw new PlanError(`--base <ref> is required.\n\n${usage}`);
  }
  return {
    base: values.base,
    head: values.head,
    baseFor: parseBaseFor(values['base-for']),
    json: values.json,
    githubOutput: values['github-output'],
  };
}

function parseBaseFor(entries: readonly string[]): Map<string, string> {
  const baseFor = new Map<string, string>();
  for (const entry of entries) {
    const match = /^([^=\s]+)=(\S+)$/.exec(entry);
    if (!match) {
      throw new PlanError(`--base-for expects <service>=<ref>, got "${entry}".`);
    }
    const [, service, ref] = match as unknown as [string, string, string];
    if (baseFor.has(service)) {
      throw new PlanError(`--base-for names service "${service}" twice.`);
    }
    baseFor.set(service, ref);
  }
  return baseFor;
}
