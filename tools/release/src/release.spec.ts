import {
  CodePipelineClient,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  PutApprovalResultCommand,
  StartPipelineExecutionCommand,
  type GetPipelineStateOutput,
} from '@aws-sdk/client-codepipeline';
import { DescribeImagesCommand, ECRClient, ImageNotFoundException } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { UsageError } from './cli-args';
import { release, ReleaseFailed, type ReleaseRequest } from './release';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const DIGEST = 'sha256:' + 'ab'.repeat(32);
const EXECUTION = '11111111-2222-3333-4444-555555555555';

const ecr = mockClient(ECRClient);
const codepipeline = mockClient(CodePipelineClient);
let lines: string[];
let sleeps: number;

beforeEach(() => {
  ecr.reset();
  codepipeline.reset();
  lines = [];
  sleeps = 0;
  ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: DIGEST, imageTags: [SHA] }] });
  codepipeline.on(StartPipelineExecutionCommand).resolves({ pipelineExecutionId: EXECUTION });
});

const run = (request: Partial<ReleaseRequest> = {}, timeoutMs = 60_000) =>
  release(
    { service: 'backend', sha: SHA, to: 'development', dryRun: false, ...request },
    {
      ecr: new ECRClient({ region: 'eu-west-1' }),
      codepipeline: new CodePipelineClient({ region: 'eu-west-1' }),
      log: (line) => lines.push(line),
      sleep: async () => void sleeps++,
      pollMs: 1,
      timeoutMs,
    },
  );

/** A pipeline state with `stage` held by `executionId` in `status`. */
function state(stages: { stageName: string; executionId?: string; status: string; approvalToken?: string }[]): GetPipelineStateOutput {
  return {
    stageStates: stages.map(({ stageName, executionId = EXECUTION, status, approvalToken }) => ({
      stageName,
      latestExecution: { pipelineExecutionId: executionId, status: status as 'InProgress' },
      actionStates: approvalToken
        ? [{ actionName: 'PromoteToProduction', latestExecution: { status: 'InProgress', token: approvalToken } }]
        : [],
    })),
  };
}

const running = { pipelineExecution: { status: 'InProgress' as const } };

describe('release', () => {
  it('--dry-run checks the image and prints the steps, starting nothing', async () => {
    await run({ dryRun: true, to: 'production' });
    expect(ecr).toHaveReceivedCommandWith(DescribeImagesCommand, { repositoryName: 'todo/backend', imageIds: [{ imageTag: SHA }] });
    expect(codepipeline.calls()).toHaveLength(0);
    expect(lines).toEqual([
      `dry run: would release backend ${SHA} to production:`,
      `  - start pipeline todo-backend with IMAGE_TAG=${SHA}, its source pinned to todo/backend@${DIGEST}`,
      '  - wait for stage Development (the release to development)',
      '  - approve Approval/PromoteToProduction for this execution',
      '  - wait for stage Production',
    ]);
  });

  it('refuses a commit without an image as a usage error, starting nothing', async () => {
    ecr.on(DescribeImagesCommand).rejects(new ImageNotFoundException({ message: 'not found', $metadata: {} }));
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run()).rejects.toThrow(`no image todo/backend:${SHA}`);
    expect(codepipeline.calls()).toHaveLength(0);
  });

  it('lets any other ECR failure through as it is (credentials, permissions), starting nothing', async () => {
    ecr.on(DescribeImagesCommand).rejects(Object.assign(new Error('User is not authorized to perform ecr:DescribeImages'), { name: 'AccessDeniedException' }));
    const failure = run();
    await expect(failure).rejects.toThrow('not authorized');
    await expect(failure).rejects.not.toThrow(UsageError);
    expect(codepipeline.calls()).toHaveLength(0);
  });

  it('starts the pipeline as a push does (tag variable, digest-pinned source) and waits for its development stage', async () => {
    codepipeline.on(GetPipelineExecutionCommand).resolves(running);
    codepipeline
      .on(GetPipelineStateCommand)
      .resolvesOnce(state([{ stageName: 'Development', executionId: 'an-older-execution', status: 'Succeeded' }]))
      .resolvesOnce(state([{ stageName: 'Development', status: 'InProgress' }]))
      .resolves(state([{ stageName: 'Development', status: 'Succeeded' }, { stageName: 'Approval', status: 'InProgress', approvalToken: 't' }]));
    await run();

    const start = codepipeline.commandCalls(StartPipelineExecutionCommand);
    expect(start).toHaveLength(1);
    expect(start[0]!.args[0].input).toEqual({
      name: 'todo-backend',
      variables: [{ name: 'IMAGE_TAG', value: SHA }],
      sourceRevisions: [{ actionName: 'Image', revisionType: 'IMAGE_DIGEST', revisionValue: DIGEST }],
    });
    expect(ecr.call(0).calledBefore(start[0]!)).toBe(true);
    // An older execution's success in the stage is not ours: it waited until its own.
    expect(codepipeline.commandCalls(GetPipelineStateCommand)).toHaveLength(3);
    expect(sleeps).toBe(2);
    expect(codepipeline).not.toHaveReceivedCommand(PutApprovalResultCommand);
    expect(lines.at(-1)).toBe(`released backend ${SHA} to development; its promotion to production waits for approval`);
  });

  it('--to production approves the promotion of its own execution only, then waits for the whole execution', async () => {
    codepipeline
      .on(GetPipelineExecutionCommand)
      .resolvesOnce(running)
      .resolvesOnce(running)
      .resolvesOnce(running)
      .resolves({ pipelineExecution: { status: 'Succeeded' } });
    codepipeline
      .on(GetPipelineStateCommand)
      .resolvesOnce(state([{ stageName: 'Approval', executionId: 'someone-else', status: 'InProgress', approvalToken: 'not-ours' }]))
      .resolvesOnce(state([{ stageName: 'Approval', status: 'InProgress', approvalToken: 'ours' }]))
      .resolves(state([{ stageName: 'Production', status: 'InProgress' }]));
    await run({ to: 'production' });

    const approvals = codepipeline.commandCalls(PutApprovalResultCommand);
    expect(approvals).toHaveLength(1);
    expect(approvals[0]!.args[0].input).toEqual({
      pipelineName: 'todo-backend',
      stageName: 'Approval',
      actionName: 'PromoteToProduction',
      token: 'ours',
      result: { status: 'Approved', summary: `npm run release -- backend ${SHA} --to production` },
    });
    expect(codepipeline).toHaveReceivedCommandTimes(GetPipelineExecutionCommand, 4);
    // Each change of where it is, once: the wait behind an older release held for approval is named.
    expect(lines.filter((line) => line.startsWith(`${EXECUTION}: `))).toEqual([
      `${EXECUTION}: waiting for stage Approval: execution someone-else is in it, held for approval: approve or reject it in the CodePipeline console first`,
      `${EXECUTION}: in stage Approval: in progress`,
      `${EXECUTION}: in stage Production: in progress`,
    ]);
    expect(lines.at(-1)).toBe(`released backend ${SHA} to production`);
  });

  it.each(['Failed', 'Stopped', 'Superseded'])('fails when the execution ends %s (ECS rolled back, or a step failed)', async (status) => {
    codepipeline.on(GetPipelineExecutionCommand).resolvesOnce(running).resolves({ pipelineExecution: { status: status as 'Failed' } });
    codepipeline.on(GetPipelineStateCommand).resolves(state([{ stageName: 'Development', status: 'InProgress' }]));
    const failure = run();
    await expect(failure).rejects.toThrow(ReleaseFailed);
    await expect(run()).rejects.toThrow(`todo-backend execution ${EXECUTION} ${status.toLowerCase()}: nothing new runs`);
  });

  it('gives up after its timeout, with the execution named', async () => {
    codepipeline.on(GetPipelineExecutionCommand).resolves(running);
    codepipeline.on(GetPipelineStateCommand).resolves(state([{ stageName: 'Development', status: 'InProgress' }]));
    await expect(run({}, 0)).rejects.toThrow(`todo-backend execution ${EXECUTION} still in progress after 0 minutes`);
  });
});
