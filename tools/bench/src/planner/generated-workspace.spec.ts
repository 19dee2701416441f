import { changedFiles, generatedWorkspaceFiles } from './generated-workspace';

describe('generatedWorkspaceFiles', () => {
  it('chains the libraries under two services and adds an infra project', () => {
    const files = generatedWorkspaceFiles(3, '{"plugins":[]}\n');
    expect(files['nx.json']).toBe('{"plugins":[]}\n');
    expect(files['libs/lib-0/src/index.ts']).toBe('export const value = 1;\n');
    expect(files['libs/lib-2/src/index.ts']).toContain("from '@generated/lib-1'");
    expect(files['apps/backend/src/index.ts']).toContain("from '@generated/lib-2'");
    expect(Object.keys(JSON.parse(files['apps/frontend/project.json']!).targets)).toEqual(['build', 'container']);
    expect(Object.keys(JSON.parse(files['infra/project.json']!).targets)).toEqual(['synth']);
    expect(JSON.parse(files['infra/project.json']!).tags).toEqual(['type:infra']);
    expect(JSON.parse(files['tsconfig.base.json']!).compilerOptions.paths['@generated/lib-2']).toEqual(['libs/lib-2/src/index.ts']);
    expect(Object.keys(files).filter((file) => file.endsWith('project.json'))).toHaveLength(6);
  });

  it('makes a workspace of services alone when asked for no library', () => {
    const files = generatedWorkspaceFiles(0, '{}');
    expect(files['apps/backend/src/index.ts']).toBe('export const value = 1;\n');
    expect(changedFiles(0, 'one')).toEqual(['apps/backend/src/index.ts']);
  });

  it('changes one library or every project, always files that exist', () => {
    const files = generatedWorkspaceFiles(5, '{}');
    expect(changedFiles(5, 'one')).toEqual(['libs/lib-0/src/index.ts']);
    expect(changedFiles(5, 'every')).toHaveLength(7);
    for (const file of changedFiles(5, 'every')) expect(files[file]).toBeDefined();
  });
});
