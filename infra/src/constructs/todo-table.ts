import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { todoTableDefinition } from '@todo/todo-table';

export interface TodoTableProps {
  readonly tableName: string;
  /** Whether the table (and its data) goes away with the stack; otherwise it is retained and protected. */
  readonly destroyData: boolean;
}

const attributeTypes = { S: dynamodb.AttributeType.STRING, N: dynamodb.AttributeType.NUMBER } as const;

function attribute(key: { readonly name: string; readonly type: keyof typeof attributeTypes }): dynamodb.Attribute {
  return { name: key.name, type: attributeTypes[key.type] };
}

/** The todo table, shaped by the shared table definition so the backend and the cloud never disagree. */
export class TodoTable extends Construct {
  public readonly table: dynamodb.Table;
  /** The creation-ordered index the backend queries. */
  public readonly creationIndexName: string = todoTableDefinition.creationIndex.name;

  constructor(scope: Construct, id: string, props: TodoTableProps) {
    super(scope, id);
    const index = todoTableDefinition.creationIndex;
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: attribute(todoTableDefinition.partitionKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: !props.destroyData,
      // Idempotency records carry it; DynamoDB deletes them some time after it (the backend ignores them from then on).
      timeToLiveAttribute: todoTableDefinition.expiryAttribute,
      removalPolicy: props.destroyData ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey),
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
}
