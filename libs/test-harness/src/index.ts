export { startEmbeddedDynamoDb, localDynamoDbClient, type EmbeddedDynamoDb, type EmbeddedDynamoDbOptions } from './embedded-dynamodb';
export { startLoopbackDnsServer, type LoopbackDnsServer, type LoopbackDnsServerOptions } from './loopback-dns-server';
