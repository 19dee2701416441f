import type { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { EnvironmentConfig } from '../config/environment-config';
import type { ReleasedFargateService } from '../constructs/released-fargate-service';
import { TodoTable } from '../constructs/todo-table';
import { names } from '@todo/service-registry';

/** The DynamoDB actions the table's owner performs, and nothing else (see apps/backend). */
export const TODO_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Scan',
  'dynamodb:BatchWriteItem',
] as const;
export const TODO_INDEX_ACTIONS = ['dynamodb:Query'] as const;

export type OwnedTable = TodoTable;

/** The todo table in the owner's stack, named in its container and reachable by its task role alone. */
export function addOwnedTable(stack: Stack, config: EnvironmentConfig, service: ReleasedFargateService, taskRole: iam.IRole): OwnedTable {
  const todos = new TodoTable(stack, 'Todos', { tableName: names.table(config.name), destroyData: config.destroyData });
  const { table } = todos;
  taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...TODO_TABLE_ACTIONS], resources: [table.tableArn] }));
  taskRole.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: [...TODO_INDEX_ACTIONS], resources: [`${table.tableArn}/index/${todos.creationIndexName}`] }),
  );
  service.container.addEnvironment('TODOTABLE_NAME', table.tableName);
  return todos;
}
