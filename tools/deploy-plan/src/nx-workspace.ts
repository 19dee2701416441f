import type { ProjectGraph } from '@nx/devkit';

/** The Nx workspace as the planner sees it: its projects and how a changed file affects them. */
export interface NxWorkspace {
  /** Absolute path of the workspace root (where nx.json is). */
  root: string;
  /** Deployable services: projects with a `container` target, sorted by name. */
  services: string[];
  /** Infrastructure projects: those tagged `type:infra`. */
  infraProjects: string[];
  /**
   * For each file changed between `base` and `head`, the projects that change affects (the
   * projects owning it, those that depend on them, and those whose inputs name the file).
   */
  projectsAffectedByEachFile(
    files: readonly string[],
    base: string,
    head: string,
  ): Promise<Map<string, ReadonlySet<string>>>;
}

/**
 * Reads the project graph once. Affected projects come from the same functions
 * `nx show projects --affected` uses (`calculateFileChanges` + `filterAffected`), called once per
 * changed file so each service gets the files that caused it: the CLI would need one process
 * per file for that.
 */
export async function loadNxWorkspace(): Promise<NxWorkspace> {
  // A one-shot command must not start (or leave behind) the Nx daemon.
  process.env['NX_DAEMON'] = 'false';
  const devkit = await import('@nx/devkit');
  const { filterAffected } = await import('nx/src/project-graph/affected/affected-project-graph');
  const { calculateFileChanges } = await import('nx/src/project-graph/file-utils');
  const { readNxJson } = await import('nx/src/config/nx-json');

  const graph: ProjectGraph = await keepStdoutClean(() =>
    devkit.createProjectGraphAsync({ exitOnError: false }),
  );
  const nxJson = readNxJson(devkit.workspaceRoot);
  const nodes = Object.values(graph.nodes);

  return {
    root: devkit.workspaceRoot,
    services: nodes
      .filter((node) => node.data.targets?.['container'])
      .map((node) => node.name)
      .sort(),
    infraProjects: nodes
      .filter((node) => node.data.tags?.includes('type:infra'))
      .map((node) => node.name)
      .sort(),
    async projectsAffectedByEachFile(files, base, head) {
      const affected = new Map<string, ReadonlySet<string>>();
      await keepStdoutClean(async () => {
        // Files ignored by .gitignore/.nxignore are dropped here: they affect nothing.
        for (const change of calculateFileChanges([...files], { base, head })) {
          const affectedGraph = await filterAffected(graph, [change], nxJson);
          affected.set(change.file, new Set(Object.keys(affectedGraph.nodes)));
        }
      });
      return affected;
    },
  };
}

/**
 * Nx prints its warnings on stdout; while it works they go to stderr instead, so `--json`
 * output stays parseable.
 */
async function keepStdoutClean<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof write;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
  }
}
