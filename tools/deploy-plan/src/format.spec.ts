import { planToGithubOutput, planToJson, planToTable } from './format';
import type { DeployPlan } from './plan';

const base = 'a'.repeat(40);
const head = 'b'.repeat(40);
const plan: DeployPlan = {
  base,
  head,
  services: [
    { name: 'backend', base: 'c'.repeat(40), reasons: ['apps/backend/src/main.ts (production file)'] },
    { name: 'frontend', base, reasons: Array.from({ length: 12 }, (_, i) => `apps/frontend/src/f${i}.tsx`) },
  ],
  infra: { affected: true, reasons: ['infra/src/app.ts'] },
};

describe('plan formats', () => {
  it('prints exactly base, head, services (name, reasons) and infra as JSON', () => {
    expect(JSON.parse(planToJson(plan))).toEqual({
      base,
      head,
      services: [
        { name: 'backend', reasons: ['apps/backend/src/main.ts (production file)'] },
        { name: 'frontend', reasons: plan.services[1]!.reasons },
      ],
      infra: { affected: true, reasons: ['infra/src/app.ts'] },
    });
  });

  it('writes a services array for a matrix and an infra boolean for $GITHUB_OUTPUT', () => {
    expect(planToGithubOutput(plan)).toBe('services=["backend","frontend"]\ninfra=true\n');
    expect(planToGithubOutput({ ...plan, services: [], infra: { affected: false, reasons: [] } })).toBe(
      'services=[]\ninfra=false\n',
    );
  });

  it('shows a table with the files behind each service, a per-service base, and infra', () => {
    const table = planToTable(plan);
    expect(table).toContain('Deploy plan aaaaaaaaaaaa..bbbbbbbbbbbb');
    expect(table).toMatch(/^backend {3}\(since its last deploy, cccccccccccc\)$/m);
    expect(table).toMatch(/^ {10}apps\/backend\/src\/main\.ts \(production file\)$/m);
    expect(table).toMatch(/^frontend {2}apps\/frontend\/src\/f0\.tsx$/m);
    expect(table).toContain('... and 2 more');
    expect(table).not.toContain('f11.tsx');
    expect(table).toContain('infra: deploys for infra/src/app.ts');
  });

  it('says when nothing ships', () => {
    expect(planToTable({ ...plan, services: [], infra: { affected: false, reasons: [] } })).toBe(
      'Deploy plan aaaaaaaaaaaa..bbbbbbbbbbbb\nNo service to ship.\ninfra: unchanged',
    );
  });
});
