import { validateWorkflow } from '@action-validator/core';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { planToGithubOutput } from './format';
import { realWorkspaceRoot } from './test-workspace';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  strategy?: { matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  container?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflowsDir = join(realWorkspaceRoot, '.github/workflows');
const files = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
const source = (file: string) => readFileSync(join(workflowsDir, file), 'utf8');
const workflow = (file: string) => parse(source(file)) as Workflow;
const ci = workflow('ci.yml');
const deliver = workflow('deliver.yml');

/**
 * The permissions each job needs, and why. A job asking for more (or less) fails the test: any
 * change here is a deliberate, reviewed one.
 */
const minimalPermissions: Record<string, Record<string, Record<string, string>>> = {
  'ci.yml': {
    affected: { contents: 'read' }, // checkout; nx-set-shas uses git merge-base on pull requests
    images: { contents: 'read' }, // the same, on a runner with Docker
  },
  'deliver.yml': {
    plan: { contents: 'read' }, // checkout with the deployed/* tags
    infra: { contents: 'read', 'id-token': 'write' }, // checkout; OIDC to AWS for cdk deploy
    ship: { contents: 'read', 'id-token': 'write' }, // checkout; OIDC to AWS to push to ECR
    record: { actions: 'read', contents: 'write' }, // read job results; move deployed/* tags
  },
};

describe('GitHub workflows', () => {
  it('are the two expected ones', () => {
    expect(files.sort()).toEqual(['ci.yml', 'deliver.yml']);
  });

  it.each(files)('%s passes the workflow schema validator', (file) => {
    expect(validateWorkflow(source(file)).errors).toEqual([]);
  });

  it.each(files)('%s pins every action to a full commit SHA, with its version in a comment', (file) => {
    const uses = source(file)
      .split('\n')
      .filter((line) => /^\s*(-\s+)?uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    }
  });

  it.each(files)('%s grants nothing by default and each job exactly the permissions it needs', (file) => {
    const { permissions, jobs } = workflow(file);
    expect(permissions).toEqual({});
    expect(Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, job.permissions]))).toEqual(
      minimalPermissions[file],
    );
  });

  it.each(files)('%s gives write tokens only where needed: OIDC to AWS steps, tags to a job without actions', (file) => {
    for (const job of Object.values(workflow(file).jobs)) {
      const actions = job.steps.flatMap((step) => (step.uses ? [step.uses.split('@')[0]] : []));
      expect(job.permissions?.['id-token'] === 'write').toBe(
        actions.includes('aws-actions/configure-aws-credentials'),
      );
      if (job.permissions?.['contents'] === 'write') {
        expect(actions).toEqual([]);
      }
    }
  });

  it.each(files)('%s only refers to steps and jobs that exist', (file) => {
    const { jobs } = workflow(file);
    for (const [id, job] of Object.entries(jobs)) {
      const text = JSON.stringify(job);
      const needs = [job.needs ?? []].flat();
      for (const [, needed] of text.matchAll(/needs\.([\w-]+)\./g)) {
        expect({ job: id, needs: needed, declared: needs.includes(needed!) }).toMatchObject({ declared: true });
      }
      const stepIds = job.steps.map((step) => step.id);
      for (const [, stepId] of text.matchAll(/steps\.([\w-]+)\./g)) {
        expect({ job: id, step: stepId, exists: stepIds.includes(stepId) }).toMatchObject({ exists: true });
      }
    }
  });

  it.each(files)('%s runs every Node job on the version pinned in .nvmrc', (file) => {
    const pinned = readFileSync(join(realWorkspaceRoot, '.nvmrc'), 'utf8').trim();
    for (const [id, job] of Object.entries(workflow(file).jobs)) {
      const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
      const usesNode = job.steps.some((step) => /\b(npm|npx|node)\b/.test(step.run ?? ''));
      if (job.container) expect({ job: id, container: job.container }).toEqual({ job: id, container: `node:${pinned}-bookworm` });
      else if (usesNode) expect({ job: id, with: setupNode?.with }).toMatchObject({ job: id, with: { 'node-version-file': '.nvmrc' } });
    }
  });

  it('checks pull requests against their base with full history and nx-set-shas, Chromium and nginx from apt', () => {
    const steps = ci.jobs['affected']!.steps;
    expect(ci.on).toHaveProperty('pull_request');
    expect(steps.find((step) => step.uses?.startsWith('actions/checkout@'))?.with).toMatchObject({ 'fetch-depth': 0 });
    const order = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step.uses ?? step.run ?? ''));
    expect(order(/nrwl\/nx-set-shas@/)).toBeGreaterThan(order(/npm ci/));
    expect(order(/apt-get install .*chromium.*nginx/)).toBeGreaterThanOrEqual(0);
    const affected = order(/nx affected -t lint typecheck test build synth/);
    expect(affected).toBeGreaterThan(order(/nrwl\/nx-set-shas@/));
    expect(order(/nx affected -t e2e/)).toBeGreaterThan(affected);
  });

  it('builds and runs the affected services\' images on pull requests, on a runner with Docker', () => {
    const images = ci.jobs['images']!;
    expect(images.container).toBeUndefined();
    const order = (pattern: RegExp) => images.steps.findIndex((step) => pattern.test(step.uses ?? step.run ?? ''));
    expect(order(/npm ci/)).toBeGreaterThanOrEqual(0);
    expect(order(/nrwl\/nx-set-shas@/)).toBeGreaterThan(order(/npm ci/));
    expect(order(/CHROMIUM_PATH=/)).toBeGreaterThan(order(/npm ci/));
    expect(order(/nx affected -t e2e-containers/)).toBeGreaterThan(order(/nrwl\/nx-set-shas@/));
  });

  it('feeds the planner output to the delivery matrix', () => {
    const { plan, ship, infra } = deliver.jobs as Record<string, Job>;
    expect(deliver.on).toEqual({ push: { branches: ['main'] } });
    const planStep = plan!.steps.find((step) => step.id === 'plan')!;
    expect(planStep.run).toContain('npm run deploy-plan --');
    expect(planStep.run).toContain('--github-output');
    expect(planStep.run).toMatch(/--base-for "\$service=/);
    expect(plan!.steps.find((step) => step.uses?.startsWith('actions/checkout@'))?.with).toMatchObject({
      'fetch-depth': 0,
    });

    // The outputs the job exports are exactly the ones the planner writes.
    const written = planToGithubOutput({ base: '', head: '', services: [], infra: { affected: false, reasons: [] } })
      .trim()
      .split('\n')
      .map((line) => line.split('=')[0]);
    for (const name of written) {
      expect(plan!.outputs?.[name!]).toBe(`\${{ steps.plan.outputs.${name} }}`);
    }

    expect(ship!.strategy?.matrix).toEqual({ service: '${{ fromJSON(needs.plan.outputs.services) }}' });
    expect(ship!.if).toContain("needs.plan.outputs.services != '[]'");
    expect(infra!.if).toBe("needs.plan.outputs.infra == 'true'");
    const build = ship!.steps.find((step) => step.uses?.startsWith('docker/build-push-action@'))!;
    expect(build.with).toMatchObject({
      file: 'apps/${{ matrix.service }}/Dockerfile',
      push: true,
      'cache-from': expect.stringContaining('type=gha'),
      'cache-to': expect.stringContaining('type=gha'),
    });
    expect(build.with?.['tags']).toMatch(/:\$\{\{ github\.sha \}\}$/);
    expect(ship!.steps.some((step) => step.uses?.startsWith('docker/setup-buildx-action@'))).toBe(true);
  });

  it('never delivers one service, or the infrastructure, twice at once', () => {
    expect(deliver.jobs['ship']!.concurrency).toEqual({
      group: 'ship-${{ matrix.service }}',
      'cancel-in-progress': false,
    });
    expect(deliver.jobs['infra']!.concurrency).toEqual({ group: 'deploy-infra', 'cancel-in-progress': false });
  });

  it('authenticates to AWS with roles from repository variables, never with stored keys', () => {
    const text = source('deliver.yml');
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|secrets\./);
    for (const job of Object.values(deliver.jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))) {
        expect(step.with?.['role-to-assume']).toMatch(/^\$\{\{ vars\.AWS_\w+_ROLE_ARN \}\}$/);
      }
    }
  });
});
