import { setTimeout as sleep } from 'node:timers/promises';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { ECRClient } from '@aws-sdk/client-ecr';
import { parseReleaseArgs } from './cli-args';
import { resolveCommit } from './commit';
import { release } from './release';
import { runCommand } from './run-command';
import { registeredServices } from './services';

// `npm run release -- <service> <commit> [--to development|production] [--dry-run]`
void runCommand('release', async () => {
  const args = parseReleaseArgs(process.argv.slice(2), registeredServices());
  const sha = await resolveCommit(args.commit);
  await release(
    { service: args.service, sha, to: args.to, dryRun: args.dryRun },
    {
      ecr: new ECRClient({}),
      codepipeline: new CodePipelineClient({}),
      log: (line) => process.stdout.write(`${line}\n`),
      sleep: (ms) => sleep(ms),
      pollMs: 15_000,
      // A production release waits for development, the canary and both bake times.
      timeoutMs: 90 * 60_000,
    },
  );
});
