import { emptyTreeSha } from './git';
import { loadNxWorkspace, type NxWorkspace } from './nx-workspace';
import { planDeployment, type DeployPlan } from './plan';
import { PlanError } from './plan-error';
import { createTestWorkspace, nxEnvironmentFor, type FileEdit, type TestWorkspace } from './test-workspace';

const appendLine = (old: string) => `${old}\n`;
const appendComment = (old: string) => `${old}// changed\n`;

/** Moves one package to the next patch version in the lockfile, as a dependency update would. */
function bumpInLockfile(name: string): (lockfile: string) => string {
  return (lockfile) => {
    const lock = JSON.parse(lockfile);
    const locked = lock.packages[`node_modules/${name}`];
    locked.version = nextPatch(locked.version);
    locked.integrity = `sha512-bumpedForThePlannerTest${name.replace(/\W/g, '')}==`;
    return `${JSON.stringify(lock, null, 2)}\n`;
  };
}

function nextPatch(version: string): string {
  const [major, minor, patch] = version.split('.');
  return `${major}.${minor}.${Number(patch) + 1}`;
}

function lockedVersion(workspace: TestWorkspace, name: string): string {
  return JSON.parse(workspace.read('package-lock.json')).packages[`node_modules/${name}`].version;
}

interface Scenario {
  name: string;
  edits: (workspace: TestWorkspace) => Record<string, FileEdit>;
  /** Each service that ships, with its exact reasons, read before the commit (files and versions as they were). */
  services: (workspace: TestWorkspace) => Record<string, string[]>;
  /** The infra's reasons; empty when it does not deploy. */
  infra: string[];
}

const contractSource = 'libs/contract/src/todo.schema.ts';

// The change classes of docs/delivery.md, each one commit on top of the previous one, planned from its parent.
const scenarios: Scenario[] = [
  {
    name: 'a spec file of backend, frontend, contract or infra ships nothing',
    edits: (w) => ({
      [w.firstSpecFile('apps/backend/src')]: appendComment,
      [w.firstSpecFile('apps/frontend/src')]: appendComment,
      [w.firstSpecFile('libs/contract/src')]: appendComment,
      [w.firstSpecFile('infra/src')]: appendComment,
    }),
    services: () => ({}),
    infra: [],
  },
  {
    name: 'a README or docs file, anywhere, ships nothing',
    edits: () => ({
      'README.md': appendLine,
      'docs/delivery.md': appendLine,
      'apps/backend/README.md': appendLine,
      'apps/frontend/nginx/README.md': appendLine,
      'infra/README.md': appendLine,
      '.github/workflows/deliver.yml': (old) => `${old}# changed\n`,
    }),
    services: () => ({}),
    infra: [],
  },
  {
    name: 'the test harness library, the e2e and resilience suites and the bench ship nothing',
    edits: (w) => ({
      [w.firstSourceFile('libs/test-harness/src')]: appendComment,
      [w.firstSourceFile('apps/e2e/src')]: appendComment,
      [w.firstSourceFile('apps/resilience/src')]: appendComment,
      [w.firstSourceFile('tools/bench/src')]: appendComment,
      'apps/backend/src/test-support/spawn-backend.ts': appendComment,
    }),
    services: () => ({}),
    infra: [],
  },
  {
    name: 'the root lint config, the jest preset and the test-summary reporters ship nothing',
    edits: () => ({
      'eslint.config.mjs': appendComment,
      'jest.preset.cjs': appendComment,
      'tools/test-summary/jest-reporter.cjs': appendComment,
      'apps/backend/jest.config.cjs': appendComment,
    }),
    services: () => ({}),
    infra: [],
  },
  {
    name: 'a dev-only package bump in the lockfile ships nothing',
    edits: () => ({ 'package-lock.json': bumpInLockfile('@playwright/test') }),
    services: () => ({}),
    infra: [],
  },
  {
    name: 'backend source ships backend',
    edits: (w) => ({ [w.firstSourceFile('apps/backend/src')]: appendComment }),
    services: (w) => ({ backend: [`${w.firstSourceFile('apps/backend/src')} (production file)`] }),
    infra: [],
  },
  {
    name: "the backend's Dockerfile ships backend",
    edits: () => ({ 'apps/backend/Dockerfile': appendLine }),
    services: () => ({ backend: ['apps/backend/Dockerfile (production file)'] }),
    infra: [],
  },
  {
    name: 'frontend source and asset, the nginx template and its Dockerfile ship frontend',
    edits: (w) => ({
      [w.firstSourceFile('apps/frontend/src')]: appendComment,
      'apps/frontend/src/assets/check.svg': appendLine,
      'apps/frontend/nginx/nginx.conf.template': appendLine,
      'apps/frontend/Dockerfile': appendLine,
    }),
    services: (w) => ({
      frontend: [
        'apps/frontend/Dockerfile (production file)',
        'apps/frontend/nginx/nginx.conf.template (production file)',
        `${w.firstSourceFile('apps/frontend/src')} (production file)`,
        'apps/frontend/src/assets/check.svg (production file)',
      ].sort(),
    }),
    infra: [],
  },
  {
    name: 'contract source ships backend and frontend',
    edits: () => ({ [contractSource]: appendComment }),
    services: () => ({
      backend: [`${contractSource} (imported by production code)`],
      frontend: [`${contractSource} (imported by production code)`],
    }),
    infra: [],
  },
  {
    name: 'a runtime package only the backend bundles ships backend',
    edits: () => ({ 'package-lock.json': bumpInLockfile('fastify') }),
    services: (w) => ({ backend: [`package-lock.json: fastify ${lockedVersion(w, 'fastify')} → ${nextPatch(lockedVersion(w, 'fastify'))}`] }),
    infra: [],
  },
  {
    name: 'react ships frontend',
    edits: () => ({ 'package-lock.json': bumpInLockfile('react') }),
    services: (w) => ({ frontend: [`package-lock.json: react ${lockedVersion(w, 'react')} → ${nextPatch(lockedVersion(w, 'react'))}`] }),
    infra: [],
  },
  {
    name: "tsconfig.base.json's compiler options ship both services and deploy infra",
    edits: () => ({
      'tsconfig.base.json': (old) => old.replace('"noFallthroughCasesInSwitch": true', '"noFallthroughCasesInSwitch": false'),
    }),
    services: () => ({ backend: ['tsconfig.base.json (build input)'], frontend: ['tsconfig.base.json (build input)'] }),
    infra: ['tsconfig.base.json (build input)'],
  },
  {
    name: "nx.json's named inputs and caching ship nothing",
    edits: () => ({
      'nx.json': (old) => {
        const nxJson = JSON.parse(old);
        nxJson.namedInputs.production.push('!{projectRoot}/**/*.stories.tsx');
        nxJson.targetDefaults.build.cache = false;
        return `${JSON.stringify(nxJson, null, 2)}\n`;
      },
    }),
    services: () => ({}),
    infra: [],
  },
  {
    name: "nx.json's build configuration ships both services and deploys infra",
    edits: () => ({
      'nx.json': (old) => {
        const nxJson = JSON.parse(old);
        nxJson.targetDefaults.build.dependsOn.push('^typecheck');
        return `${JSON.stringify(nxJson, null, 2)}\n`;
      },
    }),
    services: () => ({ backend: ['nx.json (build input)'], frontend: ['nx.json (build input)'] }),
    infra: ['nx.json (build input)'],
  },
  {
    name: 'infra source deploys infra only',
    edits: () => ({ 'infra/src/naming.ts': appendComment }),
    services: () => ({}),
    infra: ['infra/src/naming.ts (production file)'],
  },
  {
    name: 'a file deleted inside a service ships that service (a deleted spec alone would not)',
    edits: (w) => ({ 'apps/backend/src/lib/limited-concurrency.ts': null, [w.firstSpecFile('apps/backend/src')]: null }),
    services: () => ({ backend: ['apps/backend/src/lib/limited-concurrency.ts (production file, deleted)'] }),
    infra: [],
  },
  {
    name: 'a file renamed inside a service ships that service',
    edits: (w) => ({
      'apps/frontend/src/use-hash-filter.ts': null,
      'apps/frontend/src/hash-filter.ts': w.read('apps/frontend/src/use-hash-filter.ts'),
    }),
    services: () => ({
      frontend: ['apps/frontend/src/hash-filter.ts (production file)', 'apps/frontend/src/use-hash-filter.ts (production file, deleted)'],
    }),
    infra: [],
  },
  {
    name: 'a file deleted from a library that production code imports ships its importers',
    edits: () => ({ 'libs/contract/src/limits.ts': null }),
    services: () => ({
      backend: ['libs/contract/src/limits.ts (imported by production code, deleted)'],
      frontend: ['libs/contract/src/limits.ts (imported by production code, deleted)'],
    }),
    infra: [],
  },
];

describe('planDeployment on a copy of the workspace', () => {
  const originalCwd = process.cwd();
  const originalEnv = { ...process.env };
  let workspace: TestWorkspace;
  let nx: NxWorkspace;
  const commits: string[] = [];
  const expected: Array<Record<string, string[]>> = [];

  // The project graph is read once, at the last commit (it is the slow part), and shared by all scenarios.
  const plan = (base: string, head: string, baseFor = new Map<string, string>()): Promise<DeployPlan> =>
    planDeployment({ base, head, baseFor }, async () => nx);

  beforeAll(async () => {
    workspace = createTestWorkspace();
    commits.push(workspace.git('rev-parse', 'HEAD'));
    for (const scenario of scenarios) {
      expected.push(scenario.services(workspace));
      commits.push(workspace.commit(scenario.name, scenario.edits(workspace)));
    }
    // Nx reads its workspace root from the environment or the working directory when loaded.
    Object.assign(process.env, nxEnvironmentFor(workspace.root));
    process.chdir(workspace.root);
    nx = await loadNxWorkspace();
  }, 180_000);

  afterAll(() => {
    process.chdir(originalCwd);
    process.env = originalEnv;
    workspace.remove();
  });

  it.each(scenarios.map((scenario, index) => [scenario.name, index] as const))('%s', async (_name, index) => {
    const result = await plan(commits[index]!, commits[index + 1]!);
    expect(Object.fromEntries(result.services.map(({ name, reasons }) => [name, reasons]))).toEqual(expected[index]);
    const infra = scenarios[index]!.infra;
    expect(result.infra).toEqual({ affected: infra.length > 0, reasons: infra });
  });

  it('ships a service again from its own older base, with every input changed since that base', async () => {
    const backendChange = scenarios.findIndex(({ name }) => name === 'backend source ships backend');
    const lastDeployedBackend = commits[backendChange]!;
    const result = await plan(commits.at(-2)!, commits.at(-1)!, new Map([['backend', lastDeployedBackend]]));
    expect(result.services.map(({ name, base }) => ({ name, base }))).toEqual([
      { name: 'backend', base: lastDeployedBackend },
      { name: 'frontend', base: commits.at(-2) },
    ]);
    expect(result.services[0]!.reasons).toEqual([
      'apps/backend/Dockerfile (production file)',
      ...expected[backendChange]!['backend']!,
      'apps/backend/src/lib/limited-concurrency.ts (production file, deleted)',
      'libs/contract/src/limits.ts (imported by production code, deleted)',
      `${contractSource} (imported by production code)`,
      'nx.json (build input)',
      expect.stringMatching(/^package-lock\.json: fastify \S+ → \S+$/),
      'tsconfig.base.json (build input)',
    ]);
  });

  it('ships everything of a service never deployed before (the empty tree as its base)', async () => {
    const result = await plan(commits.at(-2)!, commits.at(-1)!, new Map([['frontend', emptyTreeSha]]));
    const frontend = result.services.find(({ name }) => name === 'frontend')!;
    expect(frontend.base).toBe(emptyTreeSha);
    expect(frontend.reasons).toEqual(
      expect.arrayContaining([
        'apps/frontend/Dockerfile (production file)',
        `${contractSource} (imported by production code)`,
        `package-lock.json: react (none) → ${lockedVersion(workspace, 'react')}`,
      ]),
    );
    expect(frontend.reasons.filter((reason) => /^(apps\/backend|libs\/test-harness)\/|\.spec\.tsx? /.test(reason))).toEqual([]);
  });

  it('rejects a --base-for service that does not exist', async () => {
    const planning = plan(commits[0]!, commits[1]!, new Map([['database', commits[0]!]]));
    await expect(planning).rejects.toThrow(PlanError);
    await expect(planning).rejects.toThrow('--base-for: unknown service "database"; services are: backend, frontend.');
  });
});
