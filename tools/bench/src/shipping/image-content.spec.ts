import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { differingFiles, imageContent, resolveOutputs, runtimeStageSources } from './image-content';

const dockerfile = `# syntax=docker/dockerfile:1.7
FROM node:24 AS build
COPY package.json package-lock.json ./
COPY libs libs

FROM nginx:1.28 AS runtime
COPY --from=build /workspace/apps/site/dist/ /usr/share/nginx/html/
COPY --chmod=0444 apps/site/nginx/site.conf.template \\
  /etc/nginx/site.conf.template
COPY --chmod=0555 <<'SCRIPT' /usr/local/bin/run
#!/bin/sh
envsubst '\${PORT}' \\
  < in > out
COPY not/an/instruction /here
SCRIPT
ADD apps/site/static /static
`;

describe('runtimeStageSources', () => {
  it("lists what the last stage copies from the context: not another stage's files, not a heredoc's body", () => {
    expect(runtimeStageSources(dockerfile)).toEqual(['apps/site/nginx/site.conf.template', 'apps/site/static']);
  });
});

describe('imageContent', () => {
  let root: string;
  const write = (file: string, content: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bench-image-content-'));
    write('apps/site/Dockerfile', dockerfile);
    write('apps/site/nginx/site.conf.template', 'server {}\n');
    write('apps/site/static/a.txt', 'a\n');
    write('apps/site/dist/index.html', '<html></html>\n');
    write('apps/site/src/main.ts', 'export {};\n');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('holds the build output, the copied files and the Dockerfile, not the sources', () => {
    expect([...imageContent(root, 'apps/site', ['apps/site/dist']).keys()]).toEqual([
      'apps/site/Dockerfile',
      'apps/site/dist/index.html',
      'apps/site/nginx/site.conf.template',
      'apps/site/static/a.txt',
    ]);
  });

  it('changes with a copied file, and only with what the image holds', () => {
    const before = imageContent(root, 'apps/site', ['apps/site/dist']);
    write('apps/site/src/main.ts', 'export const changed = 1;\n');
    expect(differingFiles(before, imageContent(root, 'apps/site', ['apps/site/dist']))).toEqual([]);
    write('apps/site/static/a.txt', 'b\n');
    write('apps/site/dist/new.js', '1;\n');
    expect(differingFiles(before, imageContent(root, 'apps/site', ['apps/site/dist']))).toEqual(['apps/site/dist/new.js', 'apps/site/static/a.txt']);
  });
});

describe('resolveOutputs', () => {
  it("fills in Nx's tokens", () => {
    expect(resolveOutputs(['{options.outputPath}', '{workspaceRoot}/coverage/{projectRoot}', '{projectRoot}/dist'], 'apps/site', { outputPath: 'apps/site/out' })).toEqual([
      'apps/site/out',
      'coverage/apps/site',
      'apps/site/dist',
    ]);
  });
});
