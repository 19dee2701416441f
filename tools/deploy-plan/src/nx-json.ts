import { fileAt } from './git';

/** Nx's workspace configuration: an input of every task's hash. */
export const nxJsonFile = 'nx.json';

/**
 * nx.json without what only decides hashing, caching and `nx affected`'s default base (which files
 * are a task's inputs, whether its result is cached): changing that changes no build output, and
 * the files it makes inputs are read from the hash plan at head anyway. Everything else (plugins
 * and their options, target defaults' options and dependencies) can change a build, and counts.
 */
function buildConfiguration(content: string | undefined): string {
  if (content === undefined) return '';
  const configuration = JSON.parse(content) as Record<string, unknown> & { targetDefaults?: Record<string, Record<string, unknown>> };
  for (const notBuilding of ['$schema', 'namedInputs', 'defaultBase']) delete configuration[notBuilding];
  for (const defaults of Object.values(configuration.targetDefaults ?? {})) {
    delete defaults['inputs'];
    delete defaults['cache'];
  }
  return JSON.stringify(configuration);
}

/** Whether nx.json's build configuration (not its hashing) differs between two commits. */
export function nxBuildConfigurationChanged(root: string, from: string, head: string): boolean {
  return buildConfiguration(fileAt(root, from, nxJsonFile)) !== buildConfiguration(fileAt(root, head, nxJsonFile));
}
