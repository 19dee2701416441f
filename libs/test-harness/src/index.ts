// Test-only code: started by specs, e2e and resilience suites, benchmarks and the local runner;
// module boundaries keep it out of the services' production code.
export { startEmbeddedDynamoDb, localDynamoDbClient, type EmbeddedDynamoDb, type EmbeddedDynamoDbOptions } from './embedded-dynamodb';
export { startCloudMapDnsServer, type CloudMapDnsServer, type CloudMapDnsServerOptions } from './cloud-map-dns-server';
export { findFreePort } from './free-port';
export { startChild, waitForHttp, waitForOutput, type RunningChild, type ChildExit } from './child-process';
export { renderNginxConfig, startNginx, nginxTemplateVariables, type NginxOptions, type RunningNginx } from './nginx-server';
export { startBackend, localBackendEnv, type BackendProcess, type BackendOptions, type LocalBackendEnvOptions } from './backend-process';
export { startStack, BACKEND_DNS_NAME, type Stack, type StackOptions } from './stack';
export { startSlowProxy, type SlowProxy } from './slow-proxy';
export { dumpTable, writeItems, diffDumps, canonicalJson, type DumpDifference } from './table-items';
export { INTERNALS } from './leak-pattern';
export { percentile, median } from './percentile';
export { workspaceRoot, workspacePaths } from './workspace-paths';
export { copyWorkspaceToScratch } from './scratch-workspace';
export { chromiumExecutablePath, chromiumArgs } from './chromium';
export { containerEngine, engine } from './container-engine';
export { startContainer, startContainerNetwork, type ContainerNetwork, type ContainerOptions, type RunningContainer, type ContainerInspection } from './containers';
export { startContainerSite, type ContainerSite, type ContainerSiteOptions } from './container-site';
