import { todoTableDefinition } from '@todo/todo-table';
import { synthTodoApp, type SynthesizedTodoApp } from '../testing/synth-todo-app';
import { environmentNames } from '@todo/service-registry';

let synthesized: SynthesizedTodoApp;
beforeAll(() => {
  synthesized = synthTodoApp();
});
afterAll(() => synthesized.dispose());

describe('the todo tables of the synthesized app', () => {
  const tables = () =>
    synthesized.assembly.stacks.flatMap((stack) =>
      Object.values(stack.template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>).filter(
        (resource) => resource.Type === 'AWS::DynamoDB::Table',
      ),
    );

  it('are one per environment', () => {
    expect(tables()).toHaveLength(environmentNames.length);
  });

  it('let DynamoDB expire idempotency records by their time-to-live attribute', () => {
    for (const table of tables()) {
      expect(table.Properties['TimeToLiveSpecification']).toEqual({ AttributeName: todoTableDefinition.expiryAttribute, Enabled: true });
    }
  });
});
