import { names, pipelineParts } from './aws-names';

describe('the AWS names of a service', () => {
  it('carries the app prefix where a name must be unique in the account (one name per service)', () => {
    expect([names.repository('stats'), names.pipeline('stats'), names.serviceStack('production', 'stats'), names.pipelineStack('stats')]).toEqual([
      'todo/stats',
      'todo-stats',
      'todo-production-stats',
      'todo-stats-pipeline',
    ]);
    expect([names.cluster('development'), names.ecsService('stats'), names.discoveryName('development', 'stats')]).toEqual([
      'todo-development',
      'stats',
      'stats.development.todo.local',
    ]);
    expect(names.discoveryName('local', 'backend')).toBe(`backend.${names.namespace('local')}`);
  });

  it("starts every alarm of a service with its prefix, and that with the environment's", () => {
    const alarm = names.alarm('production', 'backend', 'p99-latency');
    expect(alarm).toBe('todo-production-backend-p99-latency');
    expect(alarm.startsWith(names.alarmPrefix('production', 'backend'))).toBe(true);
    expect(names.alarmPrefix('production', 'backend').startsWith(names.environmentAlarmPrefix('production'))).toBe(true);
  });

  it('names the release stage of each environment', () => {
    expect([pipelineParts.releaseStage('development'), pipelineParts.approvalStage, pipelineParts.releaseStage('production')]).toEqual([
      'Development',
      'Approval',
      'Production',
    ]);
  });
});
