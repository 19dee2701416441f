import { readJson, updateJson, type Tree } from '@nx/devkit';

/** The service registry the infra, `npm start` and this generator read (its schema: infra/src/services/service-registry.ts). */
export const REGISTRY_PATH = 'infra/src/services/registry.json';

/** The fields of a registry entry this generator reads or writes. */
export interface RegistryEntry {
  name: string;
  runtime: 'node' | 'nginx';
  port: number;
  callers: string[];
  publicPath?: string;
  resources: string[];
  sizing: Record<string, Record<string, number>>;
}

interface RegistryFile {
  services: RegistryEntry[];
}

/** Smallest Fargate size, one task in development and two in production: what a new service starts with. */
const starterSizing = {
  development: { cpu: 256, memoryMiB: 512, desiredCount: 1, minCount: 1, maxCount: 2, targetCpuPercent: 70 },
  production: { cpu: 256, memoryMiB: 512, desiredCount: 2, minCount: 2, maxCount: 4, targetCpuPercent: 60 },
};

export function readRegistry(tree: Tree): RegistryEntry[] {
  if (!tree.exists(REGISTRY_PATH)) throw new Error(`${REGISTRY_PATH} is missing: this is not a todo platform workspace`);
  return readJson<RegistryFile>(tree, REGISTRY_PATH).services;
}

export function addRegistryEntry(tree: Tree, entry: Pick<RegistryEntry, 'name' | 'port' | 'callers' | 'publicPath'>): RegistryEntry {
  const added: RegistryEntry = {
    name: entry.name,
    runtime: 'node',
    port: entry.port,
    callers: entry.callers,
    ...(entry.publicPath ? { publicPath: entry.publicPath } : {}),
    resources: [],
    sizing: starterSizing,
  };
  updateJson<RegistryFile>(tree, REGISTRY_PATH, (registry) => ({ ...registry, services: [...registry.services, added] }));
  return added;
}
