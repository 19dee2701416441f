import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

const deliver = parse(readFileSync(resolve(__dirname, '../../../.github/workflows/deliver.yml'), 'utf8')) as {
  jobs: Record<string, { steps: Step[] }>;
};

describe('delivery builds each image from what Nx built', () => {
  const steps = deliver.jobs['ship']?.steps ?? [];
  const index = (matches: (step: Step) => boolean) => steps.findIndex(matches);

  it('runs `nx run <service>:build` after npm ci and before the image build, from the same Dockerfile', () => {
    const install = index((step) => step.run === 'npm ci');
    const build = index((step) => step.run?.includes('nx run "${{ matrix.service }}:build"') ?? false);
    const image = index((step) => step.uses?.startsWith('docker/build-push-action@') ?? false);
    expect(install).toBeGreaterThanOrEqual(0);
    expect(build).toBeGreaterThan(install);
    expect(image).toBeGreaterThan(build);
    expect(steps[image]?.with).toMatchObject({ context: '.', file: 'apps/${{ matrix.service }}/Dockerfile' });
  });

  it('installs and builds before it takes the AWS credentials, so no package code runs with them', () => {
    const credentials = index((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@') ?? false);
    const build = index((step) => step.run?.includes('nx run "${{ matrix.service }}:build"') ?? false);
    expect(credentials).toBeGreaterThan(build);
  });
});
