import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { synthTodoApp, type SynthesizedTodoApp } from '../testing/synth-todo-app';
import { serviceRegistry } from '@todo/service-registry';

let synthesized: SynthesizedTodoApp;
beforeAll(() => {
  synthesized = synthTodoApp();
});
afterAll(() => synthesized.dispose());

type Resource = { Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(serviceRegistry.map((s) => s.name))('the %s pipeline stack', (service) => {
  const template = () => synthesized.template(synthesized.stacks.pipelines[service]!);
  const onlyOf = (type: string): [string, Resource] => {
    const entries = Object.entries(template().findResources(type));
    expect(entries).toHaveLength(1);
    return entries[0] as [string, Resource];
  };
  const pipeline = () => onlyOf('AWS::CodePipeline::Pipeline')[1].Properties;
  const repositoryId = () => onlyOf('AWS::ECR::Repository')[0];
  const policyOf = (roleId: string) =>
    Object.values(template().findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);

  it('owns the todo/<service> repository: scanned on push, immutable tags, bounded, retained', () => {
    const [, repository] = onlyOf('AWS::ECR::Repository');
    expect(repository.Properties).toMatchObject({
      RepositoryName: `todo/${service}`,
      ImageScanningConfiguration: { ScanOnPush: true },
      ImageTagMutability: 'IMMUTABLE',
    });
    const lifecycle = JSON.parse(repository.Properties.LifecyclePolicy.LifecyclePolicyText);
    expect(lifecycle.rules).toEqual([
      expect.objectContaining({
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: synthesized.config.delivery.imagesKept },
        action: { type: 'expire' },
      }),
    ]);
    template().hasResource('AWS::ECR::Repository', { DeletionPolicy: 'Retain' });
  });

  it('creates the image-tag parameters of both environments with the bootstrap value, once, never overwriting', () => {
    template().resourceCountIs('AWS::SSM::Parameter', 0);
    const calls = Object.values(template().findResources('Custom::AWS')).map((r) => r.Properties);
    expect(calls).toHaveLength(2);
    for (const [index, env] of ['development', 'production'].entries()) {
      expect(calls[index]!.Update).toBeUndefined();
      expect(calls[index]!.Delete).toBeUndefined();
      expect(JSON.parse(calls[index]!.Create)).toEqual({
        service: 'SSM',
        action: 'putParameter',
        parameters: {
          Name: `/todo/${env}/${service}/image-tag`,
          Value: 'bootstrap',
          Type: 'String',
          Description: `Image tag of ${service} in ${env}; written by the todo-${service} pipeline only`,
          Overwrite: false,
        },
        physicalResourceId: { id: `/todo/${env}/${service}/image-tag` },
        ignoreErrorCodesMatching: 'ParameterAlreadyExists',
      });
    }
  });

  it('is a V2 pipeline: source, development, approval, production, one release at a time', () => {
    expect(pipeline()).toMatchObject({ Name: `todo-${service}`, PipelineType: 'V2', ExecutionMode: 'QUEUED' });
    expect(pipeline().Variables).toEqual([expect.objectContaining({ Name: 'IMAGE_TAG' })]);
    const stages = pipeline().Stages as { Name: string; Actions: { Name: string; ActionTypeId: { Provider: string } }[] }[];
    expect(stages.map((s) => [s.Name, s.Actions.map((a) => `${a.Name}:${a.ActionTypeId.Provider}`)])).toEqual([
      ['Source', ['Image:ECR']],
      ['Development', ['Release:CodeBuild']],
      ['Approval', ['PromoteToProduction:Manual']],
      ['Production', ['Release:CodeBuild']],
    ]);
    expect(stages[0]!.Actions[0]).toMatchObject({ Configuration: { RepositoryName: { Ref: repositoryId() } } });
  });

  it("releases the pushed tag to each environment's service stack and parameter", () => {
    const stages = pipeline().Stages as { Name: string; Actions: { Configuration: { EnvironmentVariables?: string } }[] }[];
    for (const [stageName, env] of [
      ['Development', 'development'],
      ['Production', 'production'],
    ] as const) {
      const variables = JSON.parse(stages.find((s) => s.Name === stageName)!.Actions[0]!.Configuration.EnvironmentVariables!);
      expect(variables).toEqual([
        { name: 'IMAGE_TAG', type: 'PLAINTEXT', value: '#{variables.IMAGE_TAG}' },
        { name: 'PARAMETER_NAME', type: 'PLAINTEXT', value: `/todo/${env}/${service}/image-tag` },
        { name: 'STACK_NAME', type: 'PLAINTEXT', value: `todo-${env}-${service}` },
        { name: 'CLUSTER_NAME', type: 'PLAINTEXT', value: `todo-${env}` },
        { name: 'SERVICE_NAME', type: 'PLAINTEXT', value: service },
      ]);
    }
    const [, project] = onlyOf('AWS::CodeBuild::Project');
    expect(project.Properties.Name).toBe(`todo-${service}-release`);
    const script = readFileSync(path.join(__dirname, '..', 'release', 'release-image.sh'), 'utf8');
    const commands: string[] = JSON.parse(project.Properties.Source.BuildSpec).phases.build.commands;
    expect(commands).toEqual([expect.stringMatching(/^cat > release-image.sh <<'(\w+)'\n[\s\S]*\n\1$/), 'bash release-image.sh']);
    // Run as CodeBuild runs it, the first command writes the script byte for byte.
    const workdir = mkdtempSync(path.join(tmpdir(), 'todo-buildspec-'));
    try {
      execFileSync('bash', ['-c', commands[0]!], { cwd: workdir });
      expect(readFileSync(path.join(workdir, 'release-image.sh'), 'utf8')).toBe(script);
    } finally {
      rmSync(workdir, { recursive: true, force: true });
    }
  });

  it('starts on every push to its repository, whatever the tag, and on nothing else', () => {
    const [, rule] = onlyOf('AWS::Events::Rule');
    expect(rule.Properties.Name).toBe(`todo-${service}-on-push`);
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.ecr'],
      'detail-type': ['ECR Image Action'],
      detail: { 'action-type': ['PUSH'], result: ['SUCCESS'], 'repository-name': [{ Ref: repositoryId() }] },
    });
    const [machineId, machine] = onlyOf('AWS::StepFunctions::StateMachine');
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { Ref: machineId } })]);
    expect(machine.Properties.StateMachineName).toBe(`todo-${service}-on-push`);
    const definition = JSON.stringify(machine.Properties.DefinitionString);
    expect(definition).toContain('aws-sdk:codepipeline:startPipelineExecution');
    expect(definition).toContain('\\"Variables\\":[{\\"Name\\":\\"IMAGE_TAG\\",\\"Value.$\\":\\"$.detail.image-tag\\"}]');
    expect(definition).toContain(
      '\\"SourceRevisions\\":[{\\"ActionName\\":\\"Image\\",\\"RevisionType\\":\\"IMAGE_DIGEST\\",\\"RevisionValue.$\\":\\"$.detail.image-digest\\"}]',
    );
  });

  it('lets the trigger start this pipeline and no other', () => {
    const [, machine] = onlyOf('AWS::StepFunctions::StateMachine');
    const statements = policyOf(machine.Properties.RoleArn['Fn::GetAtt'][0]);
    const [pipelineId] = onlyOf('AWS::CodePipeline::Pipeline');
    expect(statements.filter((s) => JSON.stringify(s.Action).includes('codepipeline'))).toEqual([
      {
        Effect: 'Allow',
        Action: 'codepipeline:startPipelineExecution',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:codepipeline:eu-west-1:111111111111:`, { Ref: pipelineId }]] },
      },
    ]);
  });

  it('lets the release project touch only this service: its repository, parameters and stacks', () => {
    const [, project] = onlyOf('AWS::CodeBuild::Project');
    const statements = policyOf(project.Properties.ServiceRole['Fn::GetAtt'][0]);
    const byAction = (action: string) => statements.filter((s) => [s.Action].flat().includes(action));
    expect(byAction('ecr:DescribeImages').map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [repositoryId(), 'Arn'] }]);
    expect(byAction('ssm:PutParameter').map((s) => s.Resource)).toEqual([
      ['development', 'production'].map((env) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ssm:eu-west-1:111111111111:parameter/todo/${env}/${service}/image-tag`]],
      })),
    ]);
    expect(JSON.stringify(byAction('cloudformation:UpdateStack').map((s) => s.Resource))).toBe(
      JSON.stringify([
        ['development', 'production'].map((env) => ({
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudformation:eu-west-1:111111111111:stack/todo-${env}-${service}/*`]],
        })),
      ]),
    );
    expect(byAction('iam:PassRole')).toEqual([
      expect.objectContaining({ Condition: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } } }),
    ]);
    // Reads only: that ECS did not roll the release back.
    expect(byAction('ecs:DescribeServices').map((s) => s.Resource)).toEqual([
      ['development', 'production'].map((env) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ecs:eu-west-1:111111111111:service/todo-${env}/${service}`]],
      })),
    ]);
    const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
    expect(actions.filter((a) => a.endsWith(':*') || a === '*')).toEqual([]);
    expect(actions.filter((a) => a.startsWith('ecs:')).sort()).toEqual(['ecs:DescribeServices', 'ecs:DescribeTaskDefinition']);
  });

  it('keeps artifacts in an encrypted, non-public bucket that refuses plain HTTP', () => {
    const [bucketId, bucket] = onlyOf('AWS::S3::Bucket');
    expect(pipeline().ArtifactStore).toEqual({ Type: 'S3', Location: { Ref: bucketId } });
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template().hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});
