import { changedFiles, resolveCommit } from './git';
import type { NxWorkspace } from './nx-workspace';
import { PlanError } from './plan-error';

/** One service to ship. */
export interface ServicePlan {
  /** Service name (its Nx project, folder, image and ECR repository). */
  name: string;
  /** The commit this service's changes were measured from (its `--base-for`, else `--base`). */
  base: string;
  /** Changed files that affect this service, in `git diff` order. */
  reasons: string[];
}

/** Which services must ship between two commits, and why. */
export interface DeployPlan {
  /** Full SHA of `--base`. */
  base: string;
  /** Full SHA of `--head`. */
  head: string;
  /** Affected services, sorted by name. */
  services: ServicePlan[];
  /** Whether a `type:infra` project is affected (measured from `--base`), and by which files. */
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

  // Each distinct base is diffed and analysed once, however many services share it.
  const analyses = new Map<string, Promise<Map<string, ReadonlySet<string>>>>();
  const affectedFrom = (from: string) => {
    let analysis = analyses.get(from);
    if (!analysis) {
      const files = changedFiles(workspace.root, from, head);
      analysis = workspace.projectsAffectedByEachFile(files, from, head);
      analyses.set(from, analysis);
    }
    return analysis;
  };
  const filesAffecting = async (from: string, projects: readonly string[]) =>
    [...(await affectedFrom(from))]
      .filter(([, affected]) => projects.some((project) => affected.has(project)))
      .map(([file]) => file);

  const services: ServicePlan[] = [];
  for (const name of workspace.services) {
    const serviceBase = baseFor.get(name) ?? base;
    const reasons = await filesAffecting(serviceBase, [name]);
    if (reasons.length > 0) {
      services.push({ name, base: serviceBase, reasons });
    }
  }
  const infraReasons = await filesAffecting(base, workspace.infraProjects);
  return {
    base,
    head,
    services,
    infra: { affected: infraReasons.length > 0, reasons: infraReasons },
  };
}
