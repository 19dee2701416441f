/**
 * What an error body must never show: stack frames, file paths, framework error codes, SDK or store
 * internals (table attribute and index names, DynamoDB exception names).
 */
export const INTERNALS = /\bat \S+ \(|\.[jt]s:\d+|node_modules|\/dist\/|\/src\/|ValidationException|ConditionalCheckFailed|ResourceNotFound|DynamoDB|\bAWS\b|TodoId|ListKey|CreatedKey|ByCreation|TypeError|ReferenceError|SyntaxError|FST_[A-Z_]+|\bajv\b/i;
