import type { StageState } from '@aws-sdk/client-codepipeline';
import { progressLine } from './progress';

const OURS = 'ours';
const stage = (stageName: string, pipelineExecutionId?: string, status?: string): StageState => ({
  stageName,
  ...(pipelineExecutionId ? { latestExecution: { pipelineExecutionId, status: status as 'InProgress' } } : {}),
});

describe('progressLine', () => {
  it('names the stage the execution runs in, and its status', () => {
    const stages = [stage('Source', OURS, 'Succeeded'), stage('Development', OURS, 'InProgress'), stage('Approval', 'older', 'Succeeded')];
    expect(progressLine(stages, OURS)).toBe('in stage Development: in progress');
  });

  it('says which execution holds the next stage, and what to do when it waits for approval', () => {
    const stages = [stage('Source', OURS, 'Succeeded'), stage('Development', OURS, 'Succeeded'), stage('Approval', 'older', 'InProgress'), stage('Production')];
    expect(progressLine(stages, OURS)).toBe(
      'waiting for stage Approval: execution older is in it, held for approval: approve or reject it in the CodePipeline console first',
    );
  });

  it('says which execution it queues behind before its first stage', () => {
    const stages = [stage('Source', 'older', 'InProgress'), stage('Development')];
    expect(progressLine(stages, OURS)).toBe('waiting for stage Source: execution older is in it');
  });

  it('is entering the next stage when nothing holds it, and past the last one at the end', () => {
    expect(progressLine([stage('Development', OURS, 'Succeeded'), stage('Approval', 'older', 'Succeeded')], OURS)).toBe('entering stage Approval');
    expect(progressLine([stage('Production', OURS, 'Succeeded')], OURS)).toBe('past its last stage');
  });
});
