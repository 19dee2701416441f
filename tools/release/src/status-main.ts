import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { ECSClient } from '@aws-sdk/client-ecs';
import { parseStatusArgs } from './cli-args';
import { runCommand } from './run-command';
import { registeredServices } from './services';
import { collectStatus, formatStatus } from './status';

// `npm run status [-- --json]`
void runCommand('status', async () => {
  const { json } = parseStatusArgs(process.argv.slice(2));
  const rows = await collectStatus(registeredServices(), {
    ecs: new ECSClient({}),
    codepipeline: new CodePipelineClient({}),
    cloudwatch: new CloudWatchClient({}),
  });
  process.stdout.write(`${json ? JSON.stringify(rows, null, 2) : formatStatus(rows)}\n`);
});
