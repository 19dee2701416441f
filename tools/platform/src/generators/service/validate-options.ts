import { getProjects, type Tree } from '@nx/devkit';
import { SERVICE_NAME_PATTERN, type ServiceEntry } from '@todo/service-registry';
import type { ServiceGeneratorSchema } from './schema';

export interface ServiceOptions {
  name: string;
  port: number;
  callers: string[];
  /** Normalized to end with `/`, e.g. `/api/stats/`. */
  publicPath?: string;
}

/** Names that are not services of their own, or belong to the platform. */
const RESERVED = ['frontend', 'backend', 'infra'];
const DNS_LABEL = new RegExp(SERVICE_NAME_PATTERN);
/** Stricter than the registry's pattern: `/api/` itself is the backend's. */
const PUBLIC_PATH = /^\/api\/([a-z0-9-]+\/)+$/;

/** A bad option; its message is the one line the user sees. */
export class ServiceOptionError extends Error {
  override readonly name = 'ServiceOptionError';
}

/** Checks every option against the workspace before anything is written; throws on the first problem. */
export function validateOptions(tree: Tree, options: ServiceGeneratorSchema, registry: readonly ServiceEntry[]): ServiceOptions {
  const name = String(options.name ?? '').trim();
  if (!DNS_LABEL.test(name)) {
    throw new ServiceOptionError(
      `name "${name}" is not a DNS label: lowercase letters, digits and hyphens, starting with a letter, at most 20 characters`,
    );
  }
  if (RESERVED.includes(name)) throw new ServiceOptionError(`name "${name}" is reserved (${RESERVED.join(', ')})`);
  if (getProjects(tree).has(name) || tree.exists(`apps/${name}`)) throw new ServiceOptionError(`name "${name}" is already a project`);
  if (registry.some((s) => s.name === name)) throw new ServiceOptionError(`name "${name}" is already in the service registry`);

  const port = options.port ?? nextPort(registry);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new ServiceOptionError(`port ${options.port} is not a port from 1024 to 65535`);
  const owner = registry.find((s) => s.port === port);
  if (owner) throw new ServiceOptionError(`port ${port} is taken by ${owner.name}`);

  const callers = (Array.isArray(options.callers) ? options.callers : (options.callers ?? '').split(','))
    .map((caller) => caller.trim())
    .filter((caller) => caller !== '');
  for (const caller of callers) {
    if (!registry.some((s) => s.name === caller)) {
      throw new ServiceOptionError(`caller "${caller}" is not a service (known: ${registry.map((s) => s.name).join(', ')})`);
    }
  }

  let publicPath: string | undefined;
  if (options.publicPath !== undefined) {
    publicPath = options.publicPath.trim().replace(/\/*$/, '/');
    if (!PUBLIC_PATH.test(publicPath)) {
      throw new ServiceOptionError(`public path "${options.publicPath}" must be under /api/, e.g. /api/${name}, in lowercase letters, digits and hyphens`);
    }
    const taken = registry.find((s) => s.publicPath === publicPath);
    if (taken) throw new ServiceOptionError(`public path ${publicPath} is taken by ${taken.name}`);
  }
  return { name, port, callers: [...new Set(callers)], publicPath };
}

/** The port after the highest Node service's: 10001 next to the backend's 10000. */
function nextPort(registry: readonly ServiceEntry[]): number {
  const ports = registry.filter((s) => s.runtime === 'node').map((s) => s.port);
  return ports.length > 0 ? Math.max(...ports) + 1 : 10000;
}
