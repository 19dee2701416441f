import { expect, test } from './support/fixtures';
import { seedTodos } from './support/store';

const COUNT = 5_000;

// A trace snapshots the whole DOM at every step: with 5,000 rows that alone takes minutes.
test.use({ trace: 'off' });

test('5,000 todos load page by page, count right, and typing stays responsive', async ({ page, todos }) => {
  test.setTimeout(120_000);
  // Seeded straight into the store; every fourth one completed.
  await seedTodos(COUNT, { completed: (index) => index % 4 === 0 });
  const completed = COUNT / 4;

  // Hold the second page until the first is on screen: the first items must not wait for the rest.
  let releaseSecondPage!: () => void;
  const secondPageReleased = new Promise<void>((resolve) => (releaseSecondPage = resolve));
  await page.route(/\/api\/todos\?limit=100&cursor=/, async (route) => {
    await secondPageReleased;
    await route.continue();
  }, { times: 1 });
  await page.goto('/');
  await expect(todos.items).toHaveCount(100);
  await expect(todos.items.first().locator('label')).toHaveText('todo 1');
  await expect(page.getByRole('status')).toContainText('Loading more todos');
  releaseSecondPage();

  await expect(todos.items).toHaveCount(COUNT, { timeout: 60_000 });
  await todos.loaded();
  await expect(todos.items.last().locator('label')).toHaveText(`todo ${COUNT}`);
  await expect(todos.count).toHaveText(`${COUNT - completed} items left`);

  // Find-in-page (Chromium's own search, as Ctrl-F) reaches a row far below the screen and scrolls
  // to it: every row stays in the page, none is left out to save rendering. The match stays
  // selected; the typing below starts from the field, as after closing the find bar.
  const found = await page.evaluate(() => (window as unknown as { find(text: string): boolean }).find('todo 4321'));
  expect(found).toBe(true);
  await expect(todos.items.nth(4320)).toBeInViewport();
  await page.evaluate(() => getSelection()?.removeAllRanges());
  await todos.newTodo.click();

  // The app's own work per keystroke (event handlers and the React render they cause, as the Event
  // Timing API measures it) stays small with every row on the page: typing re-renders the field,
  // not 5,000 rows (which takes hundreds of milliseconds here). Painting is the browser's and varies
  // with the machine, so it is not counted; the median keeps one garbage collection from deciding.
  await page.evaluate(() => {
    const handling: number[] = [];
    (window as unknown as { keyHandling: number[] }).keyHandling = handling;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEventTiming[]) handling.push(entry.processingEnd - entry.processingStart);
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  });
  await todos.newTodo.pressSequentially('typing next to five thousand rows');
  await expect(todos.newTodo).toHaveValue('typing next to five thousand rows');
  const handling = await page.evaluate(() => (window as unknown as { keyHandling: number[] }).keyHandling.sort((a, b) => a - b));
  expect(handling[Math.floor(handling.length / 2)] ?? 0).toBeLessThan(20);
  expect(Math.max(0, ...handling)).toBeLessThan(100);

  await todos.newTodo.press('Enter');
  await todos.saved();
  await expect(todos.count).toHaveText(`${COUNT - completed + 1} items left`);

  await todos.toggle('todo 2').check();
  await todos.saved();
  await expect(todos.count).toHaveText(`${COUNT - completed} items left`);

  await todos.filter('Completed').click();
  await expect(todos.items).toHaveCount(completed + 1);
});
