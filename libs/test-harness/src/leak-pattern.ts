/**
 * What an error body must never show: stack frames, file paths, framework error codes, SDK or store
 * internals (table attribute and index names, DynamoDB exception names), raw error text.
 */
export const INTERNALS =
  /\bat \S+ \(|\.[jt]s:\d+|node_modules|\/dist\/|\/src\/|ValidationException|ConditionalCheckFailed|ResourceNotFound|dynamo|\bAWS\b|TodoId|ListKey|CreatedKey|ByCreation|IdempotencyKey|RequestFingerprint|CreatedTodo|TodoStored|ExpiresAt|Error:|TypeError|ReferenceError|SyntaxError|FST_|\bajv\b/i;
