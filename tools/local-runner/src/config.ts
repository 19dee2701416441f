import { resolve } from 'node:path';

export interface LocalConfig {
  /** Folder the embedded store persists to. @default '<repo>/.data' */
  dataDir: string;
  /** @default 8000 */
  dynamoDbPort: number;
  /** @default 10000, the port the backend has in AWS too */
  backendPort: number;
  /** @default 4200 */
  frontendPort: number;
  /** @default 'todo-local' */
  tableName: string;
  /** Run the frontend dev server too. @default true */
  frontend: boolean;
}

export const repoRoot = resolve(__dirname, '../../..');

/** Reads the runner's settings from the environment; a bad value stops the runner with one clear line. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  return {
    dataDir: resolve(repoRoot, env['DATA_DIR'] ?? '.data'),
    dynamoDbPort: port(env, 'DYNAMODB_PORT', 8000),
    backendPort: port(env, 'BACKEND_PORT', 10000),
    frontendPort: port(env, 'FRONTEND_PORT', 4200),
    tableName: env['TODOTABLE_NAME'] || 'todo-local',
    frontend: env['FRONTEND'] !== 'off',
  };
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number from 0 to 65535, got "${raw}"`);
  }
  return value;
}
