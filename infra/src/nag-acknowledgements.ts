import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import type { IConstruct } from 'constructs';
import type { ServicePipeline } from './constructs/service-pipeline';
import type { ReleasedFargateService } from './constructs/released-fargate-service';
import type { PublicLoadBalancer } from './stacks/public-load-balancer';
import type { TodoStacks } from './todo-app';
import { environmentNames, names } from '@todo/service-registry';

/** Accepts cdk-nag AwsSolutions findings on `scope` and below, with the reason they are accepted. */
function accept(scope: IConstruct, findings: string[], reason: string): void {
  Validations.of(scope).acknowledge(...findings.map((finding) => ({ id: `AwsSolutions::AwsSolutions-${finding}`, reason })));
}

function logicalId(element: IConstruct): string {
  const cfn = element.node.defaultChild as CfnElement;
  return Stack.of(cfn).resolve(cfn.logicalId) as string;
}

function acceptService({ service }: ReleasedFargateService): void {
  accept(
    service.taskDefinition,
    ['ECS2'],
    'The variables are non-secret settings (port, table name, upstream address); the service has no secrets.',
  );
  accept(
    service.taskDefinition.obtainExecutionRole(),
    ['IAM5[Resource::*]'],
    'ecr:GetAuthorizationToken has no resource-level permissions; image pulls are scoped to the repository.',
  );
}

function acceptLoadBalancer({ loadBalancer, securityGroup }: PublicLoadBalancer): void {
  accept(securityGroup, ['EC23'], 'The public load balancer admits HTTP(S) from the internet by design; nothing else is open.');
  accept(
    loadBalancer,
    ['ELB2'],
    'Access logs would need a log bucket per environment; Container Insights and nginx logs cover the traffic. Enable when an audit needs them.',
  );
}

function acceptPipeline(delivery: ServicePipeline): void {
  const stack = Stack.of(delivery);
  const bucket = `<${logicalId(delivery.artifactBucket)}.Arn>/*`;
  const s3Objects = ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*'];
  accept(
    delivery,
    [...s3Objects.map((action) => `IAM5[${action}]`), `IAM5[Resource::${bucket}]`],
    "CodePipeline's generated grants on its own artifact bucket: objects have generated keys, so the grant covers the bucket's objects only.",
  );
  accept(delivery.artifactBucket, ['S1'], 'Artifacts are transient (expire after 30 days) and read only by the pipeline roles; no access-log bucket to keep.');
  accept(
    delivery.releaseProject,
    ['CB4'],
    'The release project builds nothing: it only calls AWS APIs; its artifacts are S3-encrypted. A customer key would cost without protecting more.',
  );
  const project = logicalId(delivery.releaseProject);
  const serviceStacks = environmentNames.map(
    (env) => `IAM5[Resource::arn:<AWS::Partition>:cloudformation:${stack.region}:${stack.account}:stack/${names.serviceStack(env, delivery.service)}/*]`,
  );
  accept(
    delivery.releaseProject,
    [
      ...serviceStacks,
      `IAM5[Resource::arn:<AWS::Partition>:codebuild:${stack.region}:${stack.account}:report-group/<${project}>-*]`,
      `IAM5[Resource::arn:<AWS::Partition>:logs:${stack.region}:${stack.account}:log-group:/aws/codebuild/<${project}>:*]`,
    ],
    'Named stacks (the suffix is the stack id CloudFormation assigns), and CodeBuild\'s own log group and report groups of this project.',
  );
  accept(
    delivery.releaseProject,
    ['IAM5[Resource::*]'],
    'ecs:DescribeTaskDefinition has no resource-level permissions; the release reads the task definition its service runs.',
  );
  const provider = stack.node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
  if (provider) {
    accept(
      provider,
      ['IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'],
      "CDK's AwsCustomResource provider, run once per parameter at creation: the managed policy only lets it write its own logs.",
    );
  }
  accept(
    delivery.trigger.stateMachine,
    ['IAM5[Resource::*]'],
    'X-Ray tracing and CloudWatch Logs delivery for the state machine have no resource-level permissions.',
  );
}

/** Every cdk-nag finding this app accepts, each with its reason; anything else fails the synth. */
export function acknowledgeNagFindings(stacks: TodoStacks): void {
  for (const { services } of Object.values(stacks.environments)) {
    for (const stack of Object.values(services)) {
      acceptService(stack.service);
      if (stack.loadBalancer) {
        acceptLoadBalancer(stack.loadBalancer);
        accept(
          stack.service.service,
          ['IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers]'],
          "The role ECS's canary deployment moves the site rule's weights with: AWS's policy for exactly that, kept current by AWS.",
        );
      }
    }
  }
  for (const pipeline of Object.values(stacks.pipelines)) acceptPipeline(pipeline.delivery);
}
