import { emptyTreeSha } from './git';
import type { DeployPlan } from './plan';

/** How many reasons per service the table shows; `--json` always lists them all. */
const reasonsShown = 10;

const short = (sha: string) => sha.slice(0, 12);

/** The plan as `--json` prints it: exactly base, head, services (name, reasons) and infra. */
export function planToJson(plan: DeployPlan): string {
  return JSON.stringify({
    base: plan.base,
    head: plan.head,
    services: plan.services.map(({ name, reasons }) => ({ name, reasons })),
    infra: plan.infra,
  });
}

/** A short table for people: each service to ship with the changed inputs that make it ship. */
export function planToTable(plan: DeployPlan): string {
  const lines = [`Deploy plan ${short(plan.base)}..${short(plan.head)}`];
  if (plan.services.length === 0) {
    lines.push('No service to ship.');
  } else {
    const width = Math.max('SERVICE'.length, ...plan.services.map(({ name }) => name.length)) + 2;
    lines.push(`${'SERVICE'.padEnd(width)}CHANGED INPUTS`);
    for (const service of plan.services) {
      const shown = service.reasons.slice(0, reasonsShown);
      if (service.base !== plan.base) {
        shown.unshift(
          service.base === emptyTreeSha
            ? '(never deployed: all its files)'
            : `(since its last deploy, ${short(service.base)})`,
        );
      }
      const hidden = service.reasons.length - Math.min(service.reasons.length, reasonsShown);
      if (hidden > 0) {
        shown.push(`... and ${hidden} more`);
      }
      shown.forEach((reason, index) =>
        lines.push(`${(index === 0 ? service.name : '').padEnd(width)}${reason}`),
      );
    }
  }
  lines.push(
    plan.infra.affected
      ? `infra: deploys for ${plan.infra.reasons.slice(0, reasonsShown).join(', ')}` +
          (plan.infra.reasons.length > reasonsShown ? ', ...' : '')
      : 'infra: unchanged',
  );
  return lines.join('\n');
}

/** Lines for `$GITHUB_OUTPUT`: `services` (JSON array of names, for a matrix) and `infra`. */
export function planToGithubOutput(plan: DeployPlan): string {
  return (
    `services=${JSON.stringify(plan.services.map(({ name }) => name))}\n` +
    `infra=${plan.infra.affected}\n`
  );
}
