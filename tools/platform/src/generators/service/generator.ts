import { formatFiles, generateFiles, joinPathFragments, type Tree } from '@nx/devkit';
import { variablePrefix } from '@todo/service-registry';
import { addScopeConstraint } from './module-boundaries';
import { addPublicRoute } from './nginx-route';
import { addRegistryEntry, readRegistry } from './registry-file';
import type { ServiceGeneratorSchema } from './schema';
import { validateOptions } from './validate-options';

/**
 * `nx g @todo/platform:service <name> [--callers a,b] [--port N] [--public-path /api/<name>]`:
 * the app under `apps/<name>`, its registry entry (from which the infra makes its ECS service, Cloud
 * Map record, callers' ingress and `<NAME>_URL`, repository and pipeline), its module boundary and,
 * with a public path, the site's nginx route. Every option is checked before anything is written.
 */
export async function serviceGenerator(tree: Tree, schema: ServiceGeneratorSchema): Promise<void> {
  const registry = readRegistry(tree);
  const options = validateOptions(tree, schema, registry);
  const root = `apps/${options.name}`;
  // The service's routes live under its public path, which nginx passes through unchanged.
  const apiPrefix = (options.publicPath ?? `/api/${options.name}/`).replace(/\/$/, '');

  generateFiles(tree, joinPathFragments(__dirname, 'files'), root, {
    ...options,
    apiPrefix,
    callers: options.callers,
    publicPath: options.publicPath ?? '',
    variablePrefix: variablePrefix(options.name),
    tmpl: '',
  });
  addRegistryEntry(tree, options);
  addScopeConstraint(tree, options.name);
  if (options.publicPath) addPublicRoute(tree, options.name, options.publicPath);
  await formatFiles(tree);
}

export default serviceGenerator;
