/**
 * The deployable services: the Nx projects with a `container` target, as the deploy planner and the
 * workflows find them, so a service added by the generator needs no change here.
 */
export async function discoverServices(): Promise<string[]> {
  // A one-shot command must not start (or leave behind) the Nx daemon.
  process.env['NX_DAEMON'] = 'false';
  const { createProjectGraphAsync } = await import('@nx/devkit');
  const graph = await createProjectGraphAsync({ exitOnError: false });
  return Object.values(graph.nodes)
    .filter((node) => node.data.targets?.['container'])
    .map((node) => node.name)
    .sort();
}
