import { parseArgs } from 'node:util';

export const sectionNames = ['api', 'nginx', 'startup', 'frontend-build', 'browser', 'planner', 'node-versions', 'generator', 'containers', 'shipping'] as const;
export type SectionName = (typeof sectionNames)[number];

export const usage = `usage: npm run bench -- [--check | --smoke] [--only <section>]... (sections: ${sectionNames.join(', ')})`;

/** A command line the bench cannot run: reported as one line with the usage, no stack. */
export class UsageError extends Error {}

/** `--check`: exit non-zero when a budget is missed; `--smoke`: a tiny run of every section that proves the code works, no budgets; `--only`: these sections (default all). */
export function parseCliArgs(argv: readonly string[]): { check: boolean; smoke: boolean; only: SectionName[] } {
  let values: { check: boolean; smoke: boolean; only: string[] };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        check: { type: 'boolean', default: false },
        smoke: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true, default: [] },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; ${usage}`);
  }
  const unknown = values.only.filter((name) => !(sectionNames as readonly string[]).includes(name));
  if (unknown.length) throw new UsageError(`unknown section ${unknown.join(', ')}; ${usage}`);
  if (values.check && values.smoke) throw new UsageError(`--check and --smoke do not go together: a smoke run checks no budget; ${usage}`);
  return {
    check: values.check,
    smoke: values.smoke,
    only: values.only.length ? (values.only as SectionName[]) : [...sectionNames],
  };
}
