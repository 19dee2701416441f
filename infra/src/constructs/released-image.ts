import { CfnCondition, Fn, type IResolvable } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { BOOTSTRAP_IMAGE_TAG } from '../naming';

export interface ReleasedImageProps {
  /** The service's ECR repository (created by its pipeline stack). */
  readonly repositoryName: string;
  /** SSM parameter holding the image tag the pipeline last released to this environment. */
  readonly tagParameterName: string;
}

/**
 * The image a service runs, read at deploy time from the SSM parameter its pipeline writes.
 *
 * No drift: the task definition never names a tag of its own, so `cdk deploy` always puts back the
 * image the pipeline released last. No deadlock: while the parameter still holds the bootstrap value
 * (no image pushed yet), `whileBootstrapping` lets the service run zero tasks instead of failing to pull.
 */
export class ReleasedImage extends Construct {
  public readonly image: ecs.ContainerImage;
  /** The tag, as a deploy-time token. */
  public readonly tag: string;
  /** True while the parameter still holds the bootstrap value. */
  public readonly bootstrapping: CfnCondition;

  constructor(scope: Construct, id: string, props: ReleasedImageProps) {
    super(scope, id);
    this.tag = ssm.StringParameter.valueForStringParameter(this, props.tagParameterName);
    const repository = ecr.Repository.fromRepositoryName(this, 'Repository', props.repositoryName);
    this.image = ecs.ContainerImage.fromEcrRepository(repository, this.tag);
    this.bootstrapping = new CfnCondition(this, 'Bootstrapping', {
      expression: Fn.conditionEquals(this.tag, BOOTSTRAP_IMAGE_TAG),
    });
  }

  /** `duringBootstrap` before the first release, `afterwards` from then on. */
  public whileBootstrapping(duringBootstrap: number, afterwards: number): IResolvable {
    return Fn.conditionIf(this.bootstrapping.logicalId, duringBootstrap, afterwards);
  }
}
