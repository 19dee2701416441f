import { appendFileSync } from 'node:fs';
import { parseCliArgs } from './cli-args';
import { planToGithubOutput, planToJson, planToTable } from './format';
import { resolveCommit } from './git';
import { loadNxWorkspace } from './nx-workspace';
import { planDeployment } from './plan';
import { PlanError } from './plan-error';

async function main(argv: readonly string[]): Promise<number> {
  const options = parseCliArgs(argv);
  const githubOutput = process.env['GITHUB_OUTPUT'];
  if (options.githubOutput && !githubOutput) {
    throw new PlanError('--github-output needs $GITHUB_OUTPUT (set by GitHub Actions) to name a file.');
  }
  const plan = await planDeployment(options, loadNxWorkspace);
  if (plan.head !== resolveCommit(process.cwd(), 'HEAD', 'HEAD')) {
    process.stderr.write(
      `deploy-plan: note: the project graph is read from the working tree (HEAD), not from --head ${options.head}.\n`,
    );
  }
  process.stdout.write(`${options.json ? planToJson(plan) : planToTable(plan)}\n`);
  if (options.githubOutput && githubOutput) {
    appendFileSync(githubOutput, planToGithubOutput(plan));
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof PlanError) {
      process.stderr.write(`deploy-plan: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`deploy-plan: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
