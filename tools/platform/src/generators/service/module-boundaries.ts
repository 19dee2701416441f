import type { Tree } from '@nx/devkit';

export const ESLINT_CONFIG_PATH = 'eslint.config.mjs';

/** The shared scope's constraint in @nx/enforce-module-boundaries: every service scope is listed just before it. */
const SHARED_CONSTRAINT = "{ sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },";

/** Lets `scope:<name>` code import its own scope and shared libs only, like every other service's scope. */
export function addScopeConstraint(tree: Tree, name: string): void {
  const lines = (tree.read(ESLINT_CONFIG_PATH, 'utf-8') ?? '').split('\n');
  const shared = lines.findIndex((line) => line.trim() === SHARED_CONSTRAINT);
  if (shared < 0) throw new Error(`${ESLINT_CONFIG_PATH} has no scope:shared module boundary to add scope:${name} next to`);
  const indent = /^\s*/.exec(lines[shared]!)![0];
  lines.splice(shared, 0, `${indent}{ sourceTag: 'scope:${name}', onlyDependOnLibsWithTags: ['scope:${name}', 'scope:shared'] },`);
  tree.write(ESLINT_CONFIG_PATH, lines.join('\n'));
}
