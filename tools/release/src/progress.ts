import type { StageState } from '@aws-sdk/client-codepipeline';
import { pipelineParts } from '@todo/service-registry';

/**
 * Where one execution is in its pipeline, as a line for a person watching a release: the stage it
 * runs in, or the execution it waits behind (the pipeline is QUEUED: one execution per stage). An
 * older release held at the approval keeps every newer one out of the stage; saying so is the
 * difference between a release that waits and one that seems to hang.
 */
export function progressLine(stages: readonly StageState[], executionId: string): string {
  const ours = stages.findLastIndex((stage) => stage.latestExecution?.pipelineExecutionId === executionId);
  const current = stages[ours];
  const status = current?.latestExecution?.status;
  if (current && status !== 'Succeeded') return `in stage ${current.stageName}: ${words(status ?? 'Unknown')}`;

  // Done with a stage (or in none yet): waiting to enter the next one, perhaps behind another execution.
  const next = stages[ours + 1];
  if (!next) return 'past its last stage';
  const holder = next.latestExecution;
  if (holder?.status !== 'InProgress') return `entering stage ${next.stageName}`;
  const held = next.stageName === pipelineParts.approvalStage ? ', held for approval: approve or reject it in the CodePipeline console first' : '';
  return `waiting for stage ${next.stageName}: execution ${holder.pipelineExecutionId} is in it${held}`;
}

/** `InProgress` → `in progress`. */
export function words(status: string): string {
  return status.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
}
