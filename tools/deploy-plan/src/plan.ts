import { changedFiles, mergeBase, resolveCommit, type ChangedFile } from './git';
import { lockfile, lockfileChanges } from './lockfile';
import { nxBuildConfigurationChanged, nxJsonFile } from './nx-json';
import type { DeployableInputs, NxWorkspace } from './nx-workspace';
import { PlanError } from './plan-error';

/** One service to ship. */
export interface ServicePlan {
  /** Service name (its Nx project, folder, image and ECR repository). */
  name: string;
  /** The commit this service's changes were measured from (its `--base-for`, else `--base`). */
  base: string;
  /** Each changed input that makes it ship, and why it counts, in `git diff` order. */
  reasons: string[];
}

/** Which services must ship between two commits, and why. */
export interface DeployPlan {
  /** Full SHA of `--base`. */
  base: string;
  /** Full SHA of `--head`. */
  head: string;
  /** Services whose image could change, sorted by name. */
  services: ServicePlan[];
  /** Whether a `type:infra` project's production inputs changed (measured from `--base`), and which. */
  infra: { affected: boolean; reasons: string[] };
}

/** Refs as given on the command line. */
export interface PlanRequest {
  base: string;
  head: string;
  baseFor: ReadonlyMap<string, string>;
}

export async function planDeployment(
  request: PlanRequest,
  loadWorkspace: () => Promise<NxWorkspace>,
): Promise<DeployPlan> {
  // Refs are checked before the (slower) project graph is read, so mistakes fail fast.
  const cwd = process.cwd();
  const head = resolveCommit(cwd, request.head, '--head');
  const base = resolveCommit(cwd, request.base, '--base');
  const baseFor = new Map(
    [...request.baseFor].map(([service, ref]) => [
      service,
      resolveCommit(cwd, ref, `--base-for ${service}`),
    ]),
  );

  const workspace = await loadWorkspace();
  const unknown = [...baseFor.keys()].filter((name) => !workspace.services.includes(name));
  if (unknown.length > 0) {
    throw new PlanError(
      `--base-for: unknown service ${unknown.map((name) => `"${name}"`).join(', ')}; ` +
        `services are: ${workspace.services.join(', ') || '(none)'}.`,
    );
  }

  // Each distinct base is diffed once, however many services share it.
  const changes = new Map<string, Changes>();
  const changesFrom = (from: string) => {
    let measured = changes.get(from);
    if (!measured) {
      measured = measureChanges(workspace.root, from, head);
      changes.set(from, measured);
    }
    return measured;
  };

  const services: ServicePlan[] = [];
  for (const name of workspace.services) {
    const serviceBase = baseFor.get(name) ?? base;
    const reasons = shippingReasons(workspace.inputsOf(name), changesFrom(serviceBase));
    if (reasons.length > 0) {
      services.push({ name, base: serviceBase, reasons });
    }
  }
  const infraReasons = workspace.infraProjects.flatMap((name) => shippingReasons(workspace.inputsOf(name), changesFrom(base)));
  return {
    base,
    head,
    services,
    infra: { affected: infraReasons.length > 0, reasons: infraReasons },
  };
}

interface Changes {
  files: ChangedFile[];
  /** Locked package changes, read only when the lockfile changed. */
  packages: Map<string, string>;
  /** Whether nx.json changed more than what Nx hashes (see nx-json.ts). */
  nxBuildConfiguration: boolean;
}

function measureChanges(root: string, base: string, head: string): Changes {
  const from = mergeBase(root, base, head);
  const files = changedFiles(root, from, head);
  const packages = files.some(({ file }) => file === lockfile) ? lockfileChanges(root, from, head) : new Map<string, string>();
  const nxBuildConfiguration = files.some(({ file }) => file === nxJsonFile) && nxBuildConfigurationChanged(root, from, head);
  return { files, packages, nxBuildConfiguration };
}

/**
 * The rule: a deployable ships when one of its inputs changed: a production input of its build
 * (or, for a service, an input its image copies), a file deleted since the base that was one, or
 * the locked version of a package its production code resolves to. nx.json, an input of every
 * task, counts only when more than its hashing changed.
 */
export function shippingReasons(inputs: DeployableInputs, changes: Changes): string[] {
  const reasons: string[] = [];
  for (const { file, deleted } of changes.files) {
    if (file === lockfile) {
      for (const [name, change] of changes.packages) {
        if (inputs.packages.has(name)) reasons.push(`${lockfile}: ${change}`);
      }
      continue;
    }
    if (file === nxJsonFile && !changes.nxBuildConfiguration) continue;
    const why = deleted ? inputs.deletedFileReason(file) : inputs.files.get(file);
    if (why) reasons.push(`${file} (${why})`);
  }
  return reasons;
}
