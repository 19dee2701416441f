import type { ProjectGraph, ProjectGraphProjectNode } from '@nx/devkit';

/**
 * The only module that reaches into Nx's internal modules (those `@nx/devkit` does not export).
 * `nx-internals.spec.ts` pins what the planner relies on, so an Nx upgrade that changes them fails
 * that test instead of planning wrongly.
 */
export interface NxInternals {
  /** The files a task's hash reads, from Nx's hash plan: the task alone, not the tasks it depends on. */
  taskInputFiles(project: string, target: string): string[];
  /** Each project's files with what each file imports (project names and `npm:` nodes), from the project graph's file map. */
  projectFileImports(): Map<string, Array<{ file: string; imports: string[] }>>;
  /** A target's input patterns: its own, and those it takes from the projects it depends on (`^production`). */
  targetInputPatterns(project: ProjectGraphProjectNode, target: string): { own: string[]; fromDependencies: string[] };
  /** Whether a path (which may no longer exist) matches input patterns of the project rooted at `projectRoot`, as Nx matches them. */
  matchesInputPatterns(projectRoot: string, file: string, patterns: readonly string[]): boolean;
  /** The project whose root holds `file`, as Nx assigns files to projects. */
  projectOwning(file: string): string | undefined;
}

export async function loadNxInternals(graph: ProjectGraph, workspaceRoot: string): Promise<NxInternals> {
  const { readNxJson } = await import('nx/src/config/nx-json');
  const { HashPlanInspector } = await import('nx/src/hasher/hash-plan-inspector');
  const { filterUsingGlobPatterns, getTargetInputs } = await import('nx/src/hasher/task-hasher');
  const { createProjectRootMappings, findProjectForPath } = await import('nx/src/project-graph/utils/find-project-for-path');
  const { readFileMapCache } = await import('nx/src/project-graph/nx-deps-cache');

  const nxJson = readNxJson(workspaceRoot);
  const inspector = new HashPlanInspector(graph, workspaceRoot, nxJson);
  await inspector.init();
  const rootMappings = createProjectRootMappings(graph.nodes);

  return {
    taskInputFiles(project, target) {
      const excludeTaskDependencies = true;
      const plans = inspector.inspectTaskInputs({ project, target }, {}, {}, excludeTaskDependencies);
      const inputs = plans[`${project}:${target}`];
      if (!inputs) throw new Error(`Nx's hash plan has no task ${project}:${target}`);
      return inputs.files;
    },
    projectFileImports() {
      // createProjectGraphAsync has just written the file map; devkit's own file map has no imports.
      const cache = readFileMapCache();
      if (!cache) throw new Error("Nx wrote no file map: the project graph's cache is missing");
      return new Map(
        Object.entries(cache.fileMap.projectFileMap).map(([project, files]) => [
          project,
          files.map(({ file, deps }) => ({
            file,
            // A dependency is a project name, or [target, type], or [source, target, type].
            imports: (deps ?? []).map((dep) => (typeof dep === 'string' ? dep : dep.length === 2 ? dep[0] : dep[1])),
          })),
        ]),
      );
    },
    targetInputPatterns(project, target) {
      const { selfInputs, dependencyInputs } = getTargetInputs(nxJson, project, target);
      return { own: selfInputs, fromDependencies: dependencyInputs };
    },
    matchesInputPatterns(projectRoot, file, patterns) {
      // filterUsingGlobPatterns fills in {projectRoot} only; a workspace-level input is a path from the root.
      const relative = patterns.map((pattern) => pattern.replace('{workspaceRoot}/', ''));
      return filterUsingGlobPatterns(projectRoot, [{ file, hash: '' }], relative).length === 1;
    },
    projectOwning(file) {
      return findProjectForPath(file, rootMappings) ?? undefined;
    },
  };
}
