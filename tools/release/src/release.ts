import { DescribeImagesCommand, type ECRClient } from '@aws-sdk/client-ecr';
import {
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  PutApprovalResultCommand,
  StartPipelineExecutionCommand,
  type CodePipelineClient,
  type StageState,
} from '@aws-sdk/client-codepipeline';
import { type EnvironmentName, names, pipelineParts } from '@todo/service-registry';
import { UsageError } from './cli-args';
import { progressLine, words } from './progress';

export interface ReleaseRequest {
  service: string;
  /** Full commit SHA: the image tag. */
  sha: string;
  to: EnvironmentName;
  dryRun: boolean;
}

export interface ReleaseDeps {
  ecr: ECRClient;
  codepipeline: CodePipelineClient;
  log: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  /** Between two looks at the pipeline. */
  pollMs: number;
  /** Longest wait for the release, approval included. */
  timeoutMs: number;
}

/** The pipeline ran and did not release: ECS rolled back, or a step failed. Exit code 1. */
export class ReleaseFailed extends Error {
  override readonly name = 'ReleaseFailed';
}

const FAILED = new Set(['Failed', 'Stopped', 'Stopping', 'Cancelled', 'Superseded']);

/**
 * Releases the existing image of `sha` through the service's own pipeline, exactly as a push does:
 * the execution carries the tag and is pinned to the image's digest. `--to production` also approves
 * the promotion once this execution reaches it. Rolling back is releasing an older commit.
 */
export async function release(request: ReleaseRequest, deps: ReleaseDeps): Promise<void> {
  const { service, sha, to } = request;
  const repository = names.repository(service);
  const pipelineName = names.pipeline(service);
  const digest = await imageDigest(deps.ecr, repository, sha);

  const steps = [
    `start pipeline ${pipelineName} with ${pipelineParts.tagVariable}=${sha}, its source pinned to ${repository}@${digest}`,
    `wait for stage ${pipelineParts.releaseStage('development')} (the release to development)`,
    ...(to === 'production'
      ? [`approve ${pipelineParts.approvalStage}/${pipelineParts.approvalAction} for this execution`, `wait for stage ${pipelineParts.releaseStage('production')}`]
      : []),
  ];
  if (request.dryRun) {
    deps.log(`dry run: would release ${service} ${sha} to ${to}:`);
    for (const step of steps) deps.log(`  - ${step}`);
    return;
  }

  const started = await deps.codepipeline.send(
    new StartPipelineExecutionCommand({
      name: pipelineName,
      variables: [{ name: pipelineParts.tagVariable, value: sha }],
      sourceRevisions: [{ actionName: pipelineParts.sourceAction, revisionType: 'IMAGE_DIGEST', revisionValue: digest }],
    }),
  );
  const executionId = started.pipelineExecutionId;
  if (!executionId) throw new ReleaseFailed(`${pipelineName} did not start an execution`);
  deps.log(`started ${pipelineName} execution ${executionId}: releasing ${service} ${sha} to ${to}`);

  const deadline = Date.now() + deps.timeoutMs;
  let approved = false;
  let progress = '';
  for (;;) {
    const execution = await deps.codepipeline.send(new GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId: executionId }));
    const status = execution.pipelineExecution?.status ?? 'Unknown';
    if (FAILED.has(status)) {
      throw new ReleaseFailed(
        `${pipelineName} execution ${executionId} ${words(status)}: nothing new runs (a rollback by ECS restores the image-tag parameter); see \`npm run status\``,
      );
    }
    if (status === 'Succeeded') break;

    const { stageStates = [] } = await deps.codepipeline.send(new GetPipelineStateCommand({ name: pipelineName }));
    const ours = (stageName: string) => stageOf(stageStates, stageName, executionId);
    const line = progressLine(stageStates, executionId);
    if (line !== progress) deps.log(`${executionId}: ${(progress = line)}`);
    if (to === 'development' && ours(pipelineParts.releaseStage('development'))?.latestExecution?.status === 'Succeeded') break;
    if (to === 'production' && !approved) {
      const approval = ours(pipelineParts.approvalStage)?.actionStates?.find((action) => action.actionName === pipelineParts.approvalAction);
      const token = approval?.latestExecution?.status === 'InProgress' ? approval.latestExecution.token : undefined;
      if (token) {
        await deps.codepipeline.send(
          new PutApprovalResultCommand({
            pipelineName,
            stageName: pipelineParts.approvalStage,
            actionName: pipelineParts.approvalAction,
            token,
            result: { status: 'Approved', summary: `npm run release -- ${service} ${sha} --to production` },
          }),
        );
        approved = true;
        deps.log(`approved the promotion of ${sha} to production`);
      }
    }
    if (Date.now() >= deadline) throw new ReleaseFailed(`${pipelineName} execution ${executionId} still ${words(status)} after ${deps.timeoutMs / 60_000} minutes`);
    await deps.sleep(deps.pollMs);
  }
  deps.log(
    to === 'development'
      ? `released ${service} ${sha} to development; its promotion to production waits for approval`
      : `released ${service} ${sha} to production`,
  );
}

async function imageDigest(ecr: ECRClient, repository: string, sha: string): Promise<string> {
  try {
    const { imageDetails = [] } = await ecr.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: sha }] }));
    const digest = imageDetails[0]?.imageDigest;
    if (digest) return digest;
  } catch (error) {
    if ((error as Error).name !== 'ImageNotFoundException') throw error;
  }
  throw new UsageError(`no image ${repository}:${sha}: CI pushes one only for commits that changed the service`);
}

/** The stage, if this execution is the one in it. */
function stageOf(stages: StageState[], stageName: string, executionId: string): StageState | undefined {
  const stage = stages.find((s) => s.stageName === stageName);
  return stage?.latestExecution?.pipelineExecutionId === executionId ? stage : undefined;
}
