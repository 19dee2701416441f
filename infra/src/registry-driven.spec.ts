import { defaultConfig } from './config/defaults';
import { synthTodoApp, type SynthesizedTodoApp } from './testing/synth-todo-app';
import { environmentNames, newServiceEntry } from '@todo/service-registry';

// A third registry entry, as `nx g @todo/platform:service stats --callers backend --public-path /api/stats/` writes it.
const stats = newServiceEntry({ name: 'stats', port: 10001, callers: ['backend'], publicPath: '/api/stats/' });

let before: SynthesizedTodoApp;
let after: SynthesizedTodoApp;
beforeAll(() => {
  before = synthTodoApp();
  // Throws if the new service needs a cdk-nag acknowledgement nobody wrote.
  after = synthTodoApp({ ...defaultConfig, services: [...defaultConfig.services, stats] });
});
afterAll(() => {
  before.dispose();
  after.dispose();
});

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
const resourcesOf = (app: SynthesizedTodoApp, stackName: string) => app.assembly.getStackByName(stackName).template.Resources as Resources;
const containerOf = (resources: Resources) => Object.values(resources).find((r) => r.Type === 'AWS::ECS::TaskDefinition')!.Properties.ContainerDefinitions[0];

describe('a registry with a third entry', () => {
  it('adds exactly its pipeline stack and one service stack per environment', () => {
    const names = (app: SynthesizedTodoApp) => app.assembly.stacks.map((s) => s.stackName);
    const added = names(after).filter((n) => !names(before).includes(n));
    expect(added.sort()).toEqual(['todo-development-stats', 'todo-production-stats', 'todo-stats-pipeline']);
    expect(names(before).every((n) => names(after).includes(n))).toBe(true);
  });

  it('gives it its own repository, image-tag parameters and pipeline', () => {
    const resources = Object.values(resourcesOf(after, 'todo-stats-pipeline'));
    expect(resources.find((r) => r.Type === 'AWS::ECR::Repository')?.Properties.RepositoryName).toBe('todo/stats');
    expect(resources.find((r) => r.Type === 'AWS::CodePipeline::Pipeline')?.Properties.Name).toBe('todo-stats');
  });

  describe.each(environmentNames)('in %s', (env) => {
    const stack = `todo-${env}-stats`;
    const ofType = (type: string) => Object.values(resourcesOf(after, stack)).filter((r) => r.Type === type);

    it('runs it on Fargate with a circuit breaker, autoscaling, a task role and a log group', () => {
      const [service] = ofType('AWS::ECS::Service');
      expect(service?.Properties).toMatchObject({
        ServiceName: 'stats',
        DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true } },
      });
      expect(ofType('AWS::ApplicationAutoScaling::ScalableTarget')).toHaveLength(1);
      expect(ofType('AWS::IAM::Role').some((r) => r.Properties.Description === `${env} stats: its own resources only`)).toBe(true);
      expect(ofType('AWS::Logs::LogGroup').map((r) => r.Properties.LogGroupName)).toEqual([`/todo/${env}/stats`]);
      expect(containerOf(resourcesOf(after, stack)).Environment).toEqual(expect.arrayContaining([{ Name: 'PORT', Value: '10001' }]));
    });

    it('registers stats.<env>.todo.local in Cloud Map', () => {
      expect(ofType('AWS::ServiceDiscovery::Service').map((r) => r.Properties.Name)).toEqual(['stats']);
    });

    it('admits its callers only: the backend, and nginx for its public path', () => {
      const ingress = ofType('AWS::EC2::SecurityGroupIngress').map((r) => [r.Properties.Description, r.Properties.FromPort]);
      expect(ingress.sort()).toEqual([
        ['backend to stats', 10001],
        ['frontend to stats', 10001],
      ]);
    });

    it("gives the backend STATS_URL and the site's nginx STATS_UPSTREAM, and changes nothing else there", () => {
      const address = `stats.${env}.todo.local:10001`;
      for (const [service, variable] of [
        ['backend', { Name: 'STATS_URL', Value: `http://${address}` }],
        ['frontend', { Name: 'STATS_UPSTREAM', Value: address }],
      ] as const) {
        const beforeResources = resourcesOf(before, `todo-${env}-${service}`);
        const afterResources = resourcesOf(after, `todo-${env}-${service}`);
        const environment = containerOf(afterResources).Environment as { Name: string; Value: string }[];
        expect(environment).toContainEqual(variable);
        // Without the new service's variables, the stack is exactly what it was.
        const stripped = environment.filter((v) => !v.Name.startsWith('STATS_'));
        containerOf(afterResources).Environment = stripped;
        expect(afterResources).toEqual(beforeResources);
      }
    });

    it("leaves the environment stack as it was, but for its dashboard, which shows the new service's alarms too", () => {
      const withoutDashboard = (resources: Resources) =>
        Object.fromEntries(Object.entries(resources).filter(([, resource]) => resource.Type !== 'AWS::CloudWatch::Dashboard'));
      expect(withoutDashboard(resourcesOf(after, `todo-${env}-environment`))).toEqual(withoutDashboard(resourcesOf(before, `todo-${env}-environment`)));
      const dashboard = (app: typeof after) =>
        JSON.stringify(Object.values(resourcesOf(app, `todo-${env}-environment`)).find((r) => r.Type === 'AWS::CloudWatch::Dashboard'));
      expect(dashboard(before)).not.toContain(`alarm:todo-${env}-stats-`);
      expect(dashboard(after)).toContain(`alarm:todo-${env}-stats-tasks-below-desired`);
    });
  });
});
