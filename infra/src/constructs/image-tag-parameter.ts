import { Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { BOOTSTRAP_IMAGE_TAG } from '../naming';

export interface ImageTagParameterProps {
  /** Full SSM parameter name, starting with `/`. */
  readonly parameterName: string;
  readonly description: string;
}

/**
 * The SSM parameter holding the image tag a service runs in one environment.
 *
 * Created once with the bootstrap value if it does not exist, and never written by CloudFormation
 * again: the pipeline owns the value. (A plain `AWS::SSM::Parameter` would put its template value
 * back whenever any of its properties changed, a tag included, and undo the last release.)
 * Deleting the stack leaves the parameter, and with it the record of what runs.
 */
export class ImageTagParameter extends Construct {
  public readonly parameterName: string;
  public readonly parameterArn: string;

  constructor(scope: Construct, id: string, props: ImageTagParameterProps) {
    super(scope, id);
    this.parameterName = props.parameterName;
    this.parameterArn = Stack.of(this).formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: props.parameterName.replace(/^\//, ''),
    });
    new cr.AwsCustomResource(this, 'CreateIfAbsent', {
      onCreate: {
        service: 'SSM',
        action: 'putParameter',
        parameters: {
          Name: props.parameterName,
          Value: BOOTSTRAP_IMAGE_TAG,
          Type: 'String',
          Description: props.description,
          Overwrite: false,
        },
        physicalResourceId: cr.PhysicalResourceId.of(props.parameterName),
        // Already there (a re-created stack): keep the tag it records.
        ignoreErrorCodesMatching: 'ParameterAlreadyExists',
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [this.parameterArn] }),
      installLatestAwsSdk: false,
    });
  }
}
