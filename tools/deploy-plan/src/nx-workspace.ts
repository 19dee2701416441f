import type { ProjectGraph } from '@nx/devkit';
import { loadNxInternals, type NxInternals } from './nx-internals';
import { PlanError } from './plan-error';

/** The target whose output goes into a service's image (and whose inputs decide it). */
export const imageBuildTarget = 'build';
/** The target that packages a service's image: it marks a project as a service, and its own inputs name what the image copies besides the build output. */
export const imageTarget = 'container';
/** The infra project's target whose inputs decide whether it deploys (the CDK app's production inputs). */
export const infraTarget = 'synth';

/**
 * Nx hashes the ignore files because they decide which files on disk are inputs; between two
 * commits the tracked files that changed are listed themselves, so these change nothing shipped.
 */
const ignoreFiles = new Set(['.gitignore', '.nxignore']);

/** What can change one deployable's artifact (a service's image, the CDK app), read from Nx at head. */
export interface DeployableInputs {
  /** Input files that exist at head, each with why it counts. */
  files: ReadonlyMap<string, string>;
  /** Why a file deleted since the base counts, or undefined when it does not. */
  deletedFileReason(file: string): string | undefined;
  /** Names of the external packages its production code resolves to, transitively. */
  packages: ReadonlySet<string>;
}

/** The Nx workspace as the planner sees it. */
export interface NxWorkspace {
  /** Absolute path of the workspace root (where nx.json is). */
  root: string;
  /** Deployable services: projects with a `container` target, sorted by name. */
  services: string[];
  /** Infrastructure projects: those tagged `type:infra`. */
  infraProjects: string[];
  inputsOf(deployable: string): DeployableInputs;
}

/** Reads the project graph, its file map and Nx's hash plan once. */
export async function loadNxWorkspace(): Promise<NxWorkspace> {
  // A one-shot command must not start (or leave behind) the Nx daemon.
  process.env['NX_DAEMON'] = 'false';
  const devkit = await import('@nx/devkit');
  const { graph, internals } = await keepStdoutClean(async () => {
    const projectGraph = await devkit.createProjectGraphAsync({ exitOnError: false });
    return { graph: projectGraph, internals: await loadNxInternals(projectGraph, devkit.workspaceRoot) };
  });
  const nodes = Object.values(graph.nodes);
  const services = nodes.filter((node) => node.data.targets?.[imageTarget]).map((node) => node.name).sort();
  const infraProjects = nodes.filter((node) => node.data.tags?.includes('type:infra')).map((node) => node.name).sort();
  const fileImports = internals.projectFileImports();

  return {
    root: devkit.workspaceRoot,
    services,
    infraProjects,
    inputsOf(deployable) {
      const isService = services.includes(deployable);
      return deployableInputs(graph, internals, fileImports, deployable, isService ? imageBuildTarget : infraTarget, isService);
    },
  };
}

function deployableInputs(
  graph: ProjectGraph,
  internals: NxInternals,
  fileImports: ReturnType<NxInternals['projectFileImports']>,
  name: string,
  target: string,
  packagesAnImage: boolean,
): DeployableInputs {
  const node = graph.nodes[name];
  if (!node?.data.targets?.[target]) {
    throw new PlanError(`${name} has no "${target}" target: the planner reads what ships from that target's inputs.`);
  }
  const buildFiles = internals.taskInputFiles(name, target).filter((file) => !ignoreFiles.has(file));
  const { projects, packages } = productionImports(graph, fileImports, name, new Set(buildFiles));

  const files = new Map<string, string>();
  for (const file of buildFiles) {
    const owner = internals.projectOwning(file);
    if (owner === name) files.set(file, 'production file');
    else if (owner === undefined) files.set(file, 'build input');
    // Other projects' files count only when production code imports them, not when only specs do.
    else if (projects.has(owner)) files.set(file, 'imported by production code');
  }
  if (packagesAnImage) {
    for (const file of internals.taskInputFiles(name, imageTarget)) {
      const owner = internals.projectOwning(file);
      // Other projects' files reach the image only through the build, decided above.
      if ((owner === name || owner === undefined) && !ignoreFiles.has(file) && !files.has(file)) files.set(file, 'image input');
    }
  }

  const build = internals.targetInputPatterns(node, target);
  const image = packagesAnImage ? internals.targetInputPatterns(node, imageTarget).own : [];
  return {
    files,
    packages,
    deletedFileReason(file) {
      const owner = internals.projectOwning(file);
      if (owner === name || owner === undefined) {
        if (internals.matchesInputPatterns(node.data.root, file, build.own)) return owner ? 'production file, deleted' : 'build input, deleted';
        if (internals.matchesInputPatterns(node.data.root, file, image)) return 'image input, deleted';
        return undefined;
      }
      const ownerRoot = graph.nodes[owner]?.data.root;
      return ownerRoot !== undefined && projects.has(owner) && internals.matchesInputPatterns(ownerRoot, file, build.fromDependencies)
        ? 'imported by production code, deleted'
        : undefined;
    },
  };
}

/**
 * The projects that `name`'s production files import, transitively through their production files
 * (from the file map: which file imports which project), and the packages all of them resolve to
 * (from the graph's package-to-package edges). Implicit dependencies count as imports: declaring
 * one says the project uses the other without importing it.
 */
function productionImports(
  graph: ProjectGraph,
  fileImports: ReturnType<NxInternals['projectFileImports']>,
  name: string,
  productionFiles: ReadonlySet<string>,
): { projects: Set<string>; packages: Set<string> } {
  const packageName = (external: string) => graph.externalNodes?.[external]?.data.packageName ?? external;
  // Declarations (`@types/*`) never reach an image: every build strips types. Nx links them to the
  // packages that list them as (optional) peers, which would ship the site for an `@types/node` bump.
  const isTypesOnly = (external: string) => packageName(external).startsWith('@types/');
  const projects = new Set([name]);
  const externalNodes = new Set<string>();
  const pending = [name];
  const reach = (dependency: string) => {
    if (graph.nodes[dependency] && !projects.has(dependency)) {
      projects.add(dependency);
      pending.push(dependency);
    } else if (graph.externalNodes?.[dependency] && !isTypesOnly(dependency)) {
      externalNodes.add(dependency);
    }
  };
  for (let project = pending.pop(); project !== undefined; project = pending.pop()) {
    for (const { file, imports } of fileImports.get(project) ?? []) {
      if (productionFiles.has(file)) imports.forEach(reach);
    }
    for (const dependency of graph.dependencies[project] ?? []) {
      if (dependency.type === 'implicit') reach(dependency.target);
    }
  }
  const packagePending = [...externalNodes];
  for (let external = packagePending.pop(); external !== undefined; external = packagePending.pop()) {
    for (const { target } of graph.dependencies[external] ?? []) {
      if (graph.externalNodes?.[target] && !isTypesOnly(target) && !externalNodes.has(target)) {
        externalNodes.add(target);
        packagePending.push(target);
      }
    }
  }
  return { projects, packages: new Set([...externalNodes].map(packageName)) };
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
