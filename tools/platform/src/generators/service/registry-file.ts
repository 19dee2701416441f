import { readJson, updateJson, type Tree } from '@nx/devkit';
import { newServiceEntry, parseServiceRegistry, REGISTRY_PATH, type ServiceEntry } from '@todo/service-registry';

interface RegistryFile {
  services: ServiceEntry[];
}

/** The workspace's registry, validated by the library that owns it. */
export function readRegistry(tree: Tree): readonly ServiceEntry[] {
  if (!tree.exists(REGISTRY_PATH)) throw new Error(`${REGISTRY_PATH} is missing: this is not a todo platform workspace`);
  return parseServiceRegistry(readJson(tree, REGISTRY_PATH));
}

/** Appends the new service's entry; a registry that would not validate is not written. */
export function addRegistryEntry(tree: Tree, entry: Pick<ServiceEntry, 'name' | 'port' | 'callers' | 'publicPath'>): ServiceEntry {
  const added = newServiceEntry(entry);
  updateJson<RegistryFile>(tree, REGISTRY_PATH, (registry) => {
    const updated = { ...registry, services: [...registry.services, added] };
    parseServiceRegistry(updated);
    return updated;
  });
  return added;
}
