import type { Route } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Ways the answer to a create that was stored never reaches the browser. */
const losses: Array<[string, (route: Route) => Promise<void>]> = [
  ['the connection is reset', (route) => route.abort('connectionreset')],
  [
    'the proxy answers 502 instead',
    (route) =>
      route.fulfill({
        status: 502,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'urn:todo:problem:bad-gateway', title: 'Bad Gateway', status: 502 }),
      }),
  ],
];

for (const [how, loseAnswer] of losses) {
  test(`a create whose answer is lost (${how}) ends with the todo stored once and shown once`, async ({ page, todos, api }) => {
    await todos.open();
    const keys: string[] = [];
    await page.route('**/api/todos', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.fallback();
      keys.push(request.headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      // The first create goes through nginx to the backend and is stored; only its answer is lost.
      const answer = await route.fetch();
      expect(answer.status()).toBe(201);
      await loseAnswer(route);
    });

    await todos.add('written once');
    await expect(todos.items.locator('label')).toHaveText(['written once']);
    await expect(todos.alerts).toHaveCount(0);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect((await api.listTodos()).items).toMatchObject([{ title: 'written once' }]);

    await todos.reload();
    await expect(todos.items.locator('label')).toHaveText(['written once']);
  });
}
