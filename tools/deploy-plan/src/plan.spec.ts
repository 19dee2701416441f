import { emptyTreeSha } from './git';
import { loadNxWorkspace, type NxWorkspace } from './nx-workspace';
import { planDeployment, type DeployPlan } from './plan';
import { PlanError } from './plan-error';
import { createTestWorkspace, nxEnvironmentFor, type TestWorkspace } from './test-workspace';

const appendLine = (old: string) => `${old}\n`;
const appendComment = (old: string) => `${old}// changed\n`;

/** Changes one package only the backend imports, as a dependency update would. */
function changeFastifyInLockfile(lockfile: string): string {
  const lock = JSON.parse(lockfile);
  lock.packages['node_modules/fastify'].integrity = 'sha512-changedForThePlannerTest==';
  return `${JSON.stringify(lock, null, 2)}\n`;
}

interface Scenario {
  name: string;
  edits: (workspace: TestWorkspace) => Record<string, string | ((old: string) => string)>;
  services: string[];
  infra: boolean;
}

// Each scenario is one commit on top of the previous one, planned from its parent.
const scenarios: Scenario[] = [
  {
    name: 'a frontend-only change ships frontend',
    edits: (w) => ({ [w.firstSourceFile('apps/frontend/src')]: appendComment }),
    services: ['frontend'],
    infra: false,
  },
  {
    name: 'a backend-only change ships backend',
    edits: (w) => ({ [w.firstSourceFile('apps/backend/src')]: appendComment }),
    services: ['backend'],
    infra: false,
  },
  {
    name: 'a contract change ships both',
    edits: () => ({ 'libs/contract/src/index.ts': appendComment }),
    services: ['backend', 'frontend'],
    infra: false,
  },
  {
    name: "the backend's Dockerfile ships backend",
    edits: () => ({ 'apps/backend/Dockerfile': appendLine }),
    services: ['backend'],
    infra: false,
  },
  {
    name: "the frontend's nginx template ships frontend",
    edits: () => ({ 'apps/frontend/nginx/nginx.conf.template': appendLine }),
    services: ['frontend'],
    infra: false,
  },
  {
    name: 'README, docs and workflows ship nothing',
    edits: () => ({
      'README.md': appendLine,
      'docs/delivery.md': appendLine,
      '.github/workflows/deliver.yml': (old) => `${old}# changed\n`,
    }),
    services: [],
    infra: false,
  },
  {
    name: 'a lockfile change to a package only the backend uses ships backend only',
    edits: () => ({ 'package-lock.json': changeFastifyInLockfile }),
    services: ['backend'],
    infra: false,
  },
  {
    name: 'nx.json ships both and affects infra',
    edits: () => ({ 'nx.json': appendLine }),
    services: ['backend', 'frontend'],
    infra: true,
  },
  {
    name: 'an infra-only change ships no service and affects infra',
    edits: (w) => ({ [w.firstSourceFile('infra')]: appendComment }),
    services: [],
    infra: true,
  },
];

describe('planDeployment on a copy of the workspace', () => {
  const originalCwd = process.cwd();
  const originalEnv = { ...process.env };
  let workspace: TestWorkspace;
  let nx: NxWorkspace;
  const commits: string[] = [];
  const reasons: string[][] = [];

  // The project graph is read once (it is the slow part) and shared by all scenarios.
  const plan = (base: string, head: string, baseFor = new Map<string, string>()): Promise<DeployPlan> =>
    planDeployment({ base, head, baseFor }, async () => nx);

  beforeAll(async () => {
    workspace = createTestWorkspace();
    commits.push(workspace.git('rev-parse', 'HEAD'));
    for (const scenario of scenarios) {
      const edits = scenario.edits(workspace);
      reasons.push(Object.keys(edits).sort());
      commits.push(workspace.commit(scenario.name, edits));
    }
    // Nx reads its workspace root from the environment or the working directory when loaded.
    Object.assign(process.env, nxEnvironmentFor(workspace.root));
    process.chdir(workspace.root);
    nx = await loadNxWorkspace();
  }, 120_000);

  afterAll(() => {
    process.chdir(originalCwd);
    process.env = originalEnv;
    workspace.remove();
  });

  it.each(scenarios.map((scenario, index) => [scenario.name, scenario, index] as const))(
    '%s',
    async (_name, scenario, index) => {
      const result = await plan(commits[index]!, commits[index + 1]!);
      expect(result.services.map(({ name }) => name)).toEqual(scenario.services);
      for (const service of result.services) {
        expect(service.reasons).toEqual(reasons[index]);
      }
      expect(result.infra).toEqual({ affected: scenario.infra, reasons: scenario.infra ? reasons[index] : [] });
    },
  );

  it("ships a service again from its own older base, with the files since that base", async () => {
    const backendChange = scenarios.findIndex(({ name }) => name.startsWith('a backend-only'));
    const lastDeployedBackend = commits[backendChange]!;
    const head = commits.at(-1)!;
    const result = await plan(commits.at(-2)!, head, new Map([['backend', lastDeployedBackend]]));
    expect(result.services).toEqual([
      {
        name: 'backend',
        base: lastDeployedBackend,
        reasons: [
          'apps/backend/Dockerfile',
          workspace.firstSourceFile('apps/backend/src'),
          'libs/contract/src/index.ts',
          'nx.json',
          'package-lock.json',
        ].sort(),
      },
    ]);
    expect(result.infra.affected).toBe(true);
  });

  it('ships everything of a service never deployed before (the empty tree as its base)', async () => {
    const result = await plan(commits.at(-2)!, commits.at(-1)!, new Map([['frontend', emptyTreeSha]]));
    expect(result.services.map(({ name, base }) => ({ name, base }))).toEqual([{ name: 'frontend', base: emptyTreeSha }]);
    const reasons = result.services[0]!.reasons;
    expect(reasons).toEqual(expect.arrayContaining(['apps/frontend/Dockerfile', 'libs/contract/src/index.ts', 'nx.json']));
    expect(reasons.filter((file) => file.startsWith('apps/backend/'))).toEqual([]);
  });

  it('rejects a --base-for service that does not exist', async () => {
    const planning = plan(commits[0]!, commits[1]!, new Map([['database', commits[0]!]]));
    await expect(planning).rejects.toThrow(PlanError);
    await expect(planning).rejects.toThrow('--base-for: unknown service "database"; services are: backend, frontend.');
  });
});
