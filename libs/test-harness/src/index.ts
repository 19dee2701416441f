export { startEmbeddedDynamoDb, localDynamoDbClient, type EmbeddedDynamoDb, type EmbeddedDynamoDbOptions } from './embedded-dynamodb';
