import { RemovalPolicy } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

export interface PushTriggerProps {
  /** Name of the state machine and of the rule. */
  readonly name: string;
  readonly logGroupName: string;
  readonly repository: ecr.IRepository;
  readonly pipeline: codepipeline.IPipeline;
  /** The pipeline variable that receives the pushed tag. */
  readonly tagVariable: codepipeline.Variable;
  /** The pipeline's ECR source action, pinned to the pushed digest. */
  readonly sourceActionName: string;
}

/**
 * Starts the pipeline for every image pushed to the repository, whatever its tag.
 *
 * CodePipeline's own ECR trigger follows one fixed tag, which immutable commit-SHA tags never reuse.
 * So an EventBridge rule on the push hands the event to a one-step Express state machine that calls
 * StartPipelineExecution with the pushed tag as a pipeline variable and the pushed digest as the
 * source revision: no code to maintain, and each execution releases exactly the image pushed.
 */
export class PushTrigger extends Construct {
  public readonly rule: events.Rule;
  public readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: PushTriggerProps) {
    super(scope, id);
    const start = new tasks.CallAwsService(this, 'StartPipeline', {
      service: 'codepipeline',
      action: 'startPipelineExecution',
      iamResources: [props.pipeline.pipelineArn],
      parameters: {
        Name: props.pipeline.pipelineName,
        Variables: [{ Name: props.tagVariable.variableName, Value: sfn.JsonPath.stringAt('$.detail.image-tag') }],
        SourceRevisions: [
          {
            ActionName: props.sourceActionName,
            RevisionType: 'IMAGE_DIGEST',
            RevisionValue: sfn.JsonPath.stringAt('$.detail.image-digest'),
          },
        ],
      },
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.name,
      stateMachineType: sfn.StateMachineType.EXPRESS,
      definitionBody: sfn.DefinitionBody.fromChainable(start),
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'Logs', {
          logGroupName: props.logGroupName,
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: sfn.LogLevel.ALL,
      },
    });

    this.rule = new events.Rule(this, 'OnPush', {
      ruleName: props.name,
      description: `Release every image pushed to ${props.repository.repositoryName}`,
      eventPattern: {
        source: ['aws.ecr'],
        detailType: ['ECR Image Action'],
        detail: {
          'action-type': ['PUSH'],
          result: ['SUCCESS'],
          'repository-name': [props.repository.repositoryName],
        },
      },
      targets: [new targets.SfnStateMachine(this.stateMachine)],
    });
  }
}
