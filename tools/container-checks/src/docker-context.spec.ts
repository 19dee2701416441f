import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { contextFiles } from './docker-context';

describe('contextFiles', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-context-'));
    execFileSync('git', ['init', '--quiet'], { cwd: root });
    for (const file of ['package.json', 'README.md', 'apps/a/src/main.ts', 'apps/a/src/main.spec.ts', 'apps/b/x.ts', 'libs/l/dist/out.js', 'libs/l/index.ts']) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), '');
    }
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("keeps what the last matching pattern allows, folders included, as Docker's .dockerignore does", () => {
    const ignore = '# comment\n*\n!package.json\n!apps/a\n!libs\n**/dist\n**/*.spec.ts\n';
    expect(contextFiles(root, ignore).sort()).toEqual(['apps/a/src/main.ts', 'libs/l/index.ts', 'package.json']);
  });
});
