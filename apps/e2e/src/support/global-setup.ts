import { access } from 'node:fs/promises';
import { startStack, workspacePaths, type Stack } from '@todo/test-harness';
import { publishStackEnv } from './stack-env';

export const E2E_TABLE = 'todo-e2e';

/**
 * Starts the stack the tests drive: dynalite in this process, the built backend bundle as a child
 * process, and the real nginx from the frontend's template serving the built site. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const file of [workspacePaths.backendBundle, `${workspacePaths.frontendDist}/index.html`]) {
    await access(file).catch(() => {
      throw new Error(`${file} is missing: run \`npx nx run e2e:e2e\`, which builds the frontend and backend first`);
    });
  }
  const stack = await startStack({ tableName: E2E_TABLE, nginx: true });
  publishStackEnv({ baseUrl: siteUrl(stack), dynamoDbEndpoint: stack.store.endpoint, tableName: E2E_TABLE });
  return () => stack.stop();
}

/** Where a stack started with `nginx: true` serves the site. */
export function siteUrl(stack: Stack): string {
  if (!stack.nginx) throw new Error('the stack has no nginx: start it with `nginx: true`');
  return stack.nginx.url;
}
