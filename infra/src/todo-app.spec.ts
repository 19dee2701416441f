import { Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { createApp } from './todo-app';
import { synthTodoApp, type SynthesizedTodoApp } from './testing/synth-todo-app';

let synthesized: SynthesizedTodoApp;
beforeAll(() => {
  // Throws if cdk-nag reports any finding that is not acknowledged.
  synthesized = synthTodoApp();
});
afterAll(() => synthesized.dispose());

const allStacks = () => synthesized.assembly.stacks;

describe('the todo CDK app', () => {
  it('declares the environment, frontend and backend stacks of both environments, and one pipeline per service', () => {
    expect(allStacks().map((s) => s.stackName).sort()).toEqual([
      'todo-backend-pipeline',
      'todo-development-backend',
      'todo-development-environment',
      'todo-development-frontend',
      'todo-frontend-pipeline',
      'todo-production-backend',
      'todo-production-environment',
      'todo-production-frontend',
    ]);
    for (const stack of allStacks()) expect(stack.environment).toMatchObject({ account: '111111111111', region: 'eu-west-1' });
  });

  it('orders deployments: environment and pipeline before frontend, frontend before backend', () => {
    const dependencies = (name: string) =>
      allStacks()
        .find((s) => s.stackName === name)!
        .dependencies.map((d) => d.id)
        .filter((id) => id.startsWith('todo-') && !id.endsWith('.assets'))
        .sort();
    for (const env of ['development', 'production']) {
      expect(dependencies(`todo-${env}-environment`)).toEqual([]);
      expect(dependencies(`todo-${env}-frontend`)).toEqual(['todo-frontend-pipeline', `todo-${env}-environment`].sort());
      expect(dependencies(`todo-${env}-backend`)).toEqual(
        ['todo-backend-pipeline', `todo-${env}-environment`, `todo-${env}-frontend`].sort(),
      );
    }
    expect(dependencies('todo-frontend-pipeline')).toEqual([]);
    expect(dependencies('todo-backend-pipeline')).toEqual([]);
  });

  it('tags every stack with the app name', () => {
    for (const stack of Object.values(synthesized.stacks.pipelines)) expect(stack.tags.tagValues()).toMatchObject({ app: 'todo' });
    for (const { environment, services } of Object.values(synthesized.stacks.environments)) {
      for (const stack of [environment, ...Object.values(services)]) expect(stack.tags.tagValues()).toMatchObject({ app: 'todo' });
    }
  });

  it('gives every accepted cdk-nag finding a reason, and accepts no rule wholesale on a stack', () => {
    const acknowledged: { path: string; id: string; reason: string }[] = [];
    const visit = (construct: IConstruct) => {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          // aws-cdk-lib acknowledges some CloudFormation-Validate warnings of its own constructs.
          if (id.startsWith('AwsSolutions::')) acknowledged.push({ path: construct.node.path, id, reason });
        }
      }
      construct.node.children.forEach(visit);
    };
    const roots = [
      ...Object.values(synthesized.stacks.pipelines),
      ...Object.values(synthesized.stacks.environments).flatMap((e) => [e.environment, ...Object.values(e.services)]),
    ];
    roots.forEach(visit);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledged) {
      expect(id).toMatch(/^AwsSolutions::AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(reason.length).toBeGreaterThan(20);
    }
    const stackPaths = new Set(roots.map((s) => s.node.path));
    expect(acknowledged.filter((a) => stackPaths.has(a.path))).toEqual([]);
    // Nothing in the environment stacks needs an exception.
    expect(acknowledged.filter((a) => a.path.includes('-environment'))).toEqual([]);
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    const app = createApp({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Unreviewed');
    new s3.Bucket(stack, 'Plain');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});
