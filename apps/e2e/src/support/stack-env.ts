/**
 * How the global setup tells the test workers where the stack runs: through environment variables,
 * which Playwright's workers inherit from the runner after the global setup.
 */
export interface StackEnv {
  /** nginx, serving the site and proxying `/api`. */
  baseUrl: string;
  /** The embedded DynamoDB, for seeding and resetting the store directly. */
  dynamoDbEndpoint: string;
  tableName: string;
}

const names = { baseUrl: 'E2E_BASE_URL', dynamoDbEndpoint: 'E2E_DYNAMODB_ENDPOINT', tableName: 'E2E_TABLE_NAME' } as const;

export function publishStackEnv(stack: StackEnv): void {
  for (const [key, name] of Object.entries(names)) process.env[name] = stack[key as keyof StackEnv];
}

export function stackEnv(): StackEnv {
  const read = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run these tests through playwright.config.ts, whose global setup starts the stack`);
    return value;
  };
  return { baseUrl: read(names.baseUrl), dynamoDbEndpoint: read(names.dynamoDbEndpoint), tableName: read(names.tableName) };
}
