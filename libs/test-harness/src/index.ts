export { startEmbeddedDynamoDb, localDynamoDbClient, type EmbeddedDynamoDb, type EmbeddedDynamoDbOptions } from './embedded-dynamodb';
export { startLoopbackDnsServer, type LoopbackDnsServer, type LoopbackDnsServerOptions } from './loopback-dns-server';
export { findFreePort } from './free-port';
export { startChild, waitForHttp, type RunningChild, type ChildExit } from './child-process';
export { renderNginxConfig, startNginx, nginxTemplateVariables, type NginxOptions, type RunningNginx } from './nginx-server';
export { startBackendProcess, type BackendProcess, type BackendProcessOptions } from './backend-process';
export { chromiumExecutablePath, chromiumArgs } from './chromium';
