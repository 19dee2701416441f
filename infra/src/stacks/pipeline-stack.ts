import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ServicePipeline } from '../constructs/service-pipeline';
import type { ServiceName } from '@todo/service-registry';

export interface PipelineStackProps extends StackProps {
  readonly service: ServiceName;
  readonly imagesKept: number;
}

/** One service's repository and pipeline; deployed before that service's stacks, which read its image tags. */
export class PipelineStack extends Stack {
  public readonly delivery: ServicePipeline;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    this.delivery = new ServicePipeline(this, 'Delivery', { service: props.service, imagesKept: props.imagesKept });
    new CfnOutput(this, 'RepositoryUri', { value: this.delivery.repository.repositoryUri });
    new CfnOutput(this, 'PipelineName', { value: this.delivery.pipeline.pipelineName });
  }
}
