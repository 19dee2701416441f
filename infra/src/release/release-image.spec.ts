import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * The release script runs in CodeBuild against real AWS; here it runs under bash against a stand-in
 * `aws` command that records each call and answers like the CLI, to prove its order of operations.
 */
const SCRIPT = path.join(__dirname, 'release-image.sh');
const SHA = '0123456789abcdef0123456789abcdef01234567';

const FAKE_AWS = `#!/usr/bin/env bash
echo "$*" >> "$AWS_CALLS"
case "$1 $2" in
  "ecr describe-images") exit "\${FAKE_IMAGE_MISSING:-0}" ;;
  "ssm get-parameter") echo "\${FAKE_PREVIOUS_TAG}" ;;
  "cloudformation describe-stacks") printf 'SsmParameterValueImageTag\\tBootstrapVersion\\n' ;;
  "cloudformation update-stack")
    case "\${FAKE_UPDATE:-ok}" in
      no-updates) echo "An error occurred (ValidationError) when calling the UpdateStack operation: No updates are to be performed." >&2; exit 254 ;;
      rejected) echo "An error occurred (AccessDenied)" >&2; exit 254 ;;
    esac ;;
  "cloudformation wait") exit "\${FAKE_WAIT_FAILS:-0}" ;;
  "ecs describe-services") [[ -n "\${FAKE_ECS_FAILS:-}" ]] && { echo "An error occurred (AccessDenied)" >&2; exit 254; }; printf 'arn:aws:ecs:eu-west-1:111111111111:task-definition/development-backend:7\t%s\n' "\${FAKE_ROLLOUT:-COMPLETED}" ;;
  "ecs describe-task-definition") echo "111111111111.dkr.ecr.eu-west-1.amazonaws.com/todo/backend:\${FAKE_RUNNING_TAG:-$IMAGE_TAG}" ;;
esac
`;

let bin: string;
beforeAll(() => {
  bin = mkdtempSync(path.join(tmpdir(), 'todo-release-'));
  writeFileSync(path.join(bin, 'aws'), FAKE_AWS);
  chmodSync(path.join(bin, 'aws'), 0o755);
});
afterAll(() => rmSync(bin, { recursive: true, force: true }));

async function release(env: Record<string, string>): Promise<{ code: number; calls: string[]; output: string }> {
  const calls = path.join(bin, `calls-${Math.random().toString(36).slice(2)}`);
  writeFileSync(calls, '');
  return new Promise((resolve) => {
    execFile(
      'bash',
      [SCRIPT],
      {
        env: {
          PATH: `${bin}:${process.env['PATH']}`,
          AWS_CALLS: calls,
          IMAGE_TAG: SHA,
          REPOSITORY_NAME: 'todo/backend',
          PARAMETER_NAME: '/todo/development/backend/image-tag',
          STACK_NAME: 'todo-development-backend',
          CLUSTER_NAME: 'todo-development',
          SERVICE_NAME: 'backend',
          FAKE_PREVIOUS_TAG: 'bootstrap',
          ...env,
        },
        timeout: 10_000,
      },
      (error, stdout, stderr) => {
        const lines = readFileSync(calls, 'utf8').split('\n').filter(Boolean);
        resolve({ code: error ? Number(error.code) : 0, calls: lines, output: stdout + stderr });
      },
    );
  });
}

const WAIT = 'cloudformation wait stack-update-complete --stack-name todo-development-backend';
const CHECK = [
  "ecs describe-services --cluster todo-development --services backend --query services[0].[taskDefinition, deployments[?status=='PRIMARY'] | [0].rolloutState] --output text",
  'ecs describe-task-definition --task-definition arn:aws:ecs:eu-west-1:111111111111:task-definition/development-backend:7 --query taskDefinition.containerDefinitions[0].image --output text',
];
const PUT_NEW = `ssm put-parameter --name /todo/development/backend/image-tag --value ${SHA} --type String --overwrite`;
const PUT_BACK = 'ssm put-parameter --name /todo/development/backend/image-tag --value bootstrap --type String --overwrite';
const UPDATE =
  'cloudformation update-stack --stack-name todo-development-backend --use-previous-template --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM ' +
  '--parameters ParameterKey=SsmParameterValueImageTag,UsePreviousValue=true ParameterKey=BootstrapVersion,UsePreviousValue=true';

describe('release-image.sh', () => {
  it.each(['latest', SHA.slice(0, 7), SHA.toUpperCase(), `${SHA}0`, 'none'])('refuses the tag %s before calling AWS', async (tag) => {
    const result = await release({ IMAGE_TAG: tag });
    expect(result.code).toBe(1);
    expect(result.output).toContain('is not a full commit SHA');
    expect(result.calls).toEqual([]);
  });

  it('writes nothing when the repository has no image with that tag', async () => {
    const result = await release({ FAKE_IMAGE_MISSING: '254' });
    expect(result.code).not.toBe(0);
    expect(result.calls).toEqual([`ecr describe-images --repository-name todo/backend --image-ids imageTag=${SHA}`]);
  });

  it('records the tag, then updates the service stack in place and waits for it', async () => {
    const result = await release({});
    expect(result.code).toBe(0);
    expect(result.calls).toEqual([
      `ecr describe-images --repository-name todo/backend --image-ids imageTag=${SHA}`,
      'ssm get-parameter --name /todo/development/backend/image-tag --query Parameter.Value --output text',
      PUT_NEW,
      "cloudformation describe-stacks --stack-name todo-development-backend --query Stacks[0].Parameters[].ParameterKey --output text",
      UPDATE,
      WAIT,
      ...CHECK,
    ]);
    expect(result.output).toContain(`todo-development-backend now runs todo/backend:${SHA}`);
  });

  it.each([
    ['runs the previous image', { FAKE_RUNNING_TAG: 'fedcba9876543210fedcba9876543210fedcba98' }],
    ['has not completed its deployment', { FAKE_ROLLOUT: 'FAILED' }],
  ])('fails and puts the previous tag back when the stack updated but ECS %s', async (_, fake) => {
    const result = await release(fake);
    expect(result.code).toBe(1);
    expect(result.calls.slice(-4)).toEqual([WAIT, ...CHECK, PUT_BACK]);
    expect(result.output).toContain('ECS rolled backend back');
    expect(result.output).toContain('restored to bootstrap');
  });

  it('puts the previous tag back when the update fails (ECS rolled back: circuit breaker or alarm), so cdk deploy never redeploys a failed image', async () => {
    const result = await release({ FAKE_WAIT_FAILS: '255' });
    expect(result.code).toBe(1);
    expect(result.calls.slice(-3)).toEqual([UPDATE, WAIT, PUT_BACK]);
    expect(result.output).toContain('restored to bootstrap');
  });

  it('puts the previous tag back when ECS cannot be asked what it runs after the update', async () => {
    const result = await release({ FAKE_ECS_FAILS: '1' });
    expect(result.code).toBe(1);
    expect(result.calls.slice(-3)).toEqual([WAIT, CHECK[0], PUT_BACK]);
    expect(result.output).toContain('restored to bootstrap');
  });

  it('puts the previous tag back when CloudFormation refuses the update', async () => {
    const result = await release({ FAKE_UPDATE: 'rejected' });
    expect(result.code).toBe(1);
    expect(result.calls.slice(-2)).toEqual([UPDATE, PUT_BACK]);
  });

  it('succeeds without waiting when the stack already runs the tag (a retried release)', async () => {
    const result = await release({ FAKE_UPDATE: 'no-updates', FAKE_PREVIOUS_TAG: SHA });
    expect(result.code).toBe(0);
    expect(result.calls.at(-1)).toBe(UPDATE);
    expect(result.output).toContain('already runs');
  });
});
