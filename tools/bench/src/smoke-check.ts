import { sectionNames, type SectionName } from './cli-args';
import type { BenchResults } from './results';

/**
 * What a smoke run must show to prove the bench works: every section produced figures, and no
 * load run saw a failed request (a 412 from a lost race or a 5xx would mean the load is wrong).
 */
export function smokeProblems(results: BenchResults, ran: readonly SectionName[] = sectionNames): string[] {
  const problems: string[] = [];
  const finite = (label: string, value: number | undefined) => {
    if (value === undefined || !Number.isFinite(value)) problems.push(`${label} was not measured`);
  };
  for (const entry of results.api ?? []) {
    const label = `api ${entry.operation} x${entry.connections}`;
    if (!entry.store.requests || !entry.api.requests) problems.push(`${label} completed no request`);
    if (entry.store.errors || entry.api.errors) problems.push(`${label} had ${entry.store.errors} store and ${entry.api.errors} API errors`);
    finite(`${label} backend CPU`, entry.backendCpuMsPerRequest);
  }
  for (const entry of results.nginx ?? []) {
    const label = `nginx ${entry.operation} x${entry.connections}`;
    if (!entry.direct.requests || !entry.proxied.requests) problems.push(`${label} completed no request`);
    if (entry.direct.errors || entry.proxied.errors) problems.push(`${label} had ${entry.direct.errors} direct and ${entry.proxied.errors} proxied errors`);
  }
  if (ran.includes('api') && !results.api?.length) problems.push('the API section measured nothing');
  if (ran.includes('nginx') && !results.nginx?.length) problems.push('the nginx section measured nothing');
  if (ran.includes('startup')) finite('start-up median', results.startup?.medianMs);
  if (ran.includes('frontend-build')) finite('frontend initial JavaScript', results.frontendBuild?.initialJsGzipBytes);
  for (const entry of results.browser ?? []) finite(`browser ${entry.todos} todos all visible`, entry.allVisibleMs);
  if (ran.includes('browser') && !results.browser?.some((entry) => entry.toggleRepaintMs !== undefined)) problems.push('no toggle repaint was measured');
  if (ran.includes('planner')) finite('planner on this repository', results.planner?.repo.medianMs);
  if (ran.includes('node-versions')) {
    finite('start-up ratio of the Node versions', results.nodeVersions?.ratios.startup);
    finite('create CPU ratio of the Node versions', results.nodeVersions?.ratios.create);
    finite('list CPU ratio of the Node versions', results.nodeVersions?.ratios.list);
  }
  if (ran.includes('generator')) {
    finite('generation time', results.generator?.generateMedianMs);
    finite('synth time with three services', results.generator?.synthThreeServicesMedianMs);
    if (results.generator && results.generator.stacks.three !== results.generator.stacks.two + 3) {
      problems.push(`the third service added ${results.generator.stacks.three - results.generator.stacks.two} stacks, not 3`);
    }
  }
  if (ran.includes('containers')) finite('start:containers to the first 200', results.containers?.startToFirst200MedianMs);
  if (ran.includes('shipping') && !results.shipping?.decisions) problems.push('the shipping replay compared no decision');
  return problems;
}
