import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, DefaultStackSynthesizer } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ImageTagParameter } from './image-tag-parameter';
import { PushTrigger } from './push-trigger';
import { type EnvironmentName, environmentNames, names, pipelineParts, type ServiceName } from '@todo/service-registry';

export interface ServicePipelineProps {
  readonly service: ServiceName;
  /** Images kept by the repository's lifecycle rule. */
  readonly imagesKept: number;
}


const RELEASE_SCRIPT = readFileSync(path.join(__dirname, '..', 'release', 'release-image.sh'), 'utf8');

/** A shell command that writes `script` to `release-image.sh` in the working directory. */
function releaseScriptFile(script: string): string {
  const end = 'END_OF_RELEASE_SCRIPT';
  if (script.includes(end)) throw new Error(`the release script must not contain ${end}`);
  return `cat > release-image.sh <<'${end}'\n${script}${end}`;
}

/**
 * One service's delivery: its ECR repository, the image-tag parameters its service stacks read,
 * and a CodePipeline (V2) started by each push that releases the image to development, waits for a
 * manual approval, then releases the same image to production.
 */
export class ServicePipeline extends Construct {
  public readonly service: ServiceName;
  public readonly repository: ecr.Repository;
  public readonly pipeline: codepipeline.Pipeline;
  public readonly artifactBucket: s3.Bucket;
  public readonly releaseProject: codebuild.PipelineProject;
  public readonly tagParameters: Record<EnvironmentName, ImageTagParameter>;
  public readonly trigger: PushTrigger;

  constructor(scope: Construct, id: string, props: ServicePipelineProps) {
    super(scope, id);
    const { service } = props;
    this.service = service;
    const stack = Stack.of(this);

    this.repository = new ecr.Repository(this, 'Repository', {
      repositoryName: names.repository(service),
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.AES_256,
      lifecycleRules: [{ description: `keep the last ${props.imagesKept} images`, maxImageCount: props.imagesKept }],
      // Images are what production runs: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.tagParameters = Object.fromEntries(
      environmentNames.map((env) => [
        env,
        new ImageTagParameter(this, `${env}ImageTag`, {
          parameterName: names.imageTagParameter(env, service),
          description: `Image tag of ${service} in ${env}; written by the ${names.pipeline(service)} pipeline only`,
        }),
      ]),
    ) as Record<EnvironmentName, ImageTagParameter>;

    this.artifactBucket = new s3.Bucket(this, 'Artifacts', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: false,
      lifecycleRules: [{ expiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.releaseProject = new codebuild.PipelineProject(this, 'Release', {
      projectName: names.releaseProject(service),
      description: `Releases a ${service} image to one environment`,
      environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.SMALL },
      timeout: Duration.minutes(60),
      environmentVariables: { REPOSITORY_NAME: { value: this.repository.repositoryName } },
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        env: { shell: 'bash' },
        // Written to a file and run as its own process, so the script's `exit` ends the script, not CodeBuild's shell.
        phases: { build: { commands: [releaseScriptFile(RELEASE_SCRIPT), 'bash release-image.sh'] } },
      }),
    });
    this.grantRelease(stack, service);

    const tagVariable = new codepipeline.Variable({
      variableName: pipelineParts.tagVariable,
      description: 'Tag of the pushed image: the full commit SHA',
      defaultValue: 'none',
    });
    const image = new codepipeline.Artifact('image');
    const release = (env: EnvironmentName) =>
      new actions.CodeBuildAction({
        actionName: 'Release',
        project: this.releaseProject,
        input: image,
        environmentVariables: {
          IMAGE_TAG: { value: tagVariable.reference() },
          PARAMETER_NAME: { value: names.imageTagParameter(env, service) },
          STACK_NAME: { value: names.serviceStack(env, service) },
          CLUSTER_NAME: { value: names.cluster(env) },
          SERVICE_NAME: { value: names.ecsService(service) },
        },
      });

    this.pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: names.pipeline(service),
      pipelineType: codepipeline.PipelineType.V2,
      // One release at a time, in push order: a newer push never overtakes an older one half-way.
      executionMode: codepipeline.ExecutionMode.QUEUED,
      artifactBucket: this.artifactBucket,
      restartExecutionOnUpdate: false,
      variables: [tagVariable],
      stages: [
        {
          stageName: 'Source',
          actions: [new actions.EcrSourceAction({ actionName: pipelineParts.sourceAction, repository: this.repository, output: image })],
        },
        { stageName: pipelineParts.releaseStage('development'), actions: [release('development')] },
        {
          stageName: pipelineParts.approvalStage,
          actions: [
            new actions.ManualApprovalAction({
              actionName: pipelineParts.approvalAction,
              additionalInformation: `Promote ${service} image ${tagVariable.reference()} from development to production`,
            }),
          ],
        },
        { stageName: pipelineParts.releaseStage('production'), actions: [release('production')] },
      ],
    });

    // CodePipeline's built-in ECR trigger follows the single tag `latest`, which immutable SHA tags never
    // reuse: drop it and the role it starts the pipeline with, so the push trigger is the only way in.
    const source = this.pipeline.node.findChild('Source').node.findChild(pipelineParts.sourceAction);
    for (const child of source.node.children) {
      if (child instanceof events.Rule) source.node.tryRemoveChild(child.node.id);
    }
    this.pipeline.node.tryRemoveChild('EventsRole');

    this.trigger = new PushTrigger(this, 'Trigger', {
      name: names.releaseTrigger(service),
      logGroupName: names.releaseTriggerLogGroup(service),
      repository: this.repository,
      pipeline: this.pipeline,
      tagVariable,
      sourceActionName: pipelineParts.sourceAction,
    });
  }

  /** Exactly what the release script calls, on this service's resources only. */
  private grantRelease(stack: Stack, service: ServiceName): void {
    const allow = (statement: iam.PolicyStatement) => this.releaseProject.addToRolePolicy(statement);
    const parameterArns = environmentNames.map((env) => this.tagParameters[env].parameterArn);
    const stackArns = environmentNames.map((env) =>
      stack.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: `${names.serviceStack(env, service)}/*` }),
    );
    const qualifier = DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    allow(
      new iam.PolicyStatement({ actions: ['ecr:DescribeImages'], resources: [this.repository.repositoryArn] }),
    );
    allow(
      new iam.PolicyStatement({
        actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:PutParameter'],
        resources: parameterArns,
      }),
    );
    // CloudFormation resolves the stack's SSM-typed parameters, including CDK's bootstrap version, as the caller.
    allow(
      new iam.PolicyStatement({
        actions: ['ssm:GetParameters'],
        resources: [stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: `cdk-bootstrap/${qualifier}/version` })],
      }),
    );
    allow(
      new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks', 'cloudformation:UpdateStack'], resources: stackArns }),
    );
    // The check that ECS did not roll the release back.
    allow(
      new iam.PolicyStatement({
        actions: ['ecs:DescribeServices'],
        resources: environmentNames.map((env) =>
          stack.formatArn({ service: 'ecs', resource: 'service', resourceName: `${names.cluster(env)}/${names.ecsService(service)}` }),
        ),
      }),
    );
    allow(new iam.PolicyStatement({ actions: ['ecs:DescribeTaskDefinition'], resources: ['*'] }));
    // The update runs as the stack's existing service role, CDK's CloudFormation execution role.
    allow(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [
          stack.formatArn({
            service: 'iam',
            region: '',
            resource: 'role',
            resourceName: `cdk-${qualifier}-cfn-exec-role-${stack.account}-${stack.region}`,
          }),
        ],
        conditions: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
      }),
    );
  }
}
