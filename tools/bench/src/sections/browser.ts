import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, chromiumExecutablePath, median } from '@todo/test-harness';
import type { BenchConfig } from '../config';
import { seedTodos } from '../load/todo-requests';
import { startBenchStack } from '../processes/bench-stack';
import type { Section } from '../results';

const TABLE = 'bench-browser';

const LIST_SELECTOR = 'ul.todo-list';

type PageTimes = { first?: number; all?: number };

/**
 * Runs in the page before its own scripts: notes when the first and the `expected`th todo row are
 * in the DOM, at the animation frame that paints them, in ms since navigation start.
 */
function watchRows([selector, expected]: [string, number]): void {
  const times: PageTimes = {};
  (window as unknown as { benchTimes: PageTimes }).benchTimes = times;
  const observer = new MutationObserver(() => {
    const rows = document.querySelector(selector)?.childElementCount ?? 0;
    if (rows > 0 && times.first === undefined) {
      times.first = -1;
      requestAnimationFrame(() => (times.first = performance.now()));
    }
    if (rows >= expected) {
      observer.disconnect();
      requestAnimationFrame(() => (times.all = performance.now()));
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Where a toggle's time went, in ms: `total` from input arrival (the click event's timestamp) to the
 * end of the frame showing the new state, split into `inputDelay` (to the click listener running),
 * `update` (listener to the row's class changing: React's handler and render) and `frame` (class
 * change to the end of its frame: style, layout, paint).
 */
type ToggleTimes = { total: number; inputDelay: number; update: number; frame: number };

/**
 * Runs in the page: arms a watch on row `index` and leaves, as `window.benchToggle`, a promise of
 * the time from the click event on its checkbox (the event's own timestamp: when the input
 * arrived) to the end of the frame that shows the row's new state (an animation frame after the
 * class changed, then a task, which runs after that frame's paint). It rejects after 10 s.
 */
function armToggleWatch([selector, index]: [string, number]): void {
  const row = document.querySelector(selector)?.children[index] as HTMLElement | undefined;
  const box = row?.querySelector<HTMLInputElement>('input.toggle');
  if (!row || !box) throw new Error(`no row ${index} with a checkbox`);
  const wasCompleted = row.classList.contains('completed');
  (window as unknown as { benchToggle: Promise<ToggleTimes> }).benchToggle = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('the row did not change within 10 s of the click')), 10_000);
    let clickedAt = 0;
    let listenerAt = 0;
    box.addEventListener(
      'click',
      (event) => {
        clickedAt = event.timeStamp;
        listenerAt = performance.now();
      },
      { capture: true, once: true },
    );
    const observer = new MutationObserver(() => {
      if (row.classList.contains('completed') === wasCompleted) return;
      observer.disconnect();
      const changedAt = performance.now();
      requestAnimationFrame(() =>
        setTimeout(() => {
          const end = performance.now();
          resolve({ total: end - clickedAt, inputDelay: listenerAt - clickedAt, update: changedAt - listenerAt, frame: end - changedAt });
        }, 0),
      );
    });
    observer.observe(row, { attributes: true, attributeFilter: ['class'] });
  });
}

/** Runs in the page: resolves when the main thread has had an idle moment (or after 3 s). */
function idle(): Promise<void> {
  return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 3000 }));
}

async function openList(browser: Browser, origin: string, todos: number, measureToggle: boolean) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchRows, [LIST_SELECTOR, todos] as [string, number]);
    await page.goto(origin);
    await page.waitForFunction(() => (window as unknown as { benchTimes: PageTimes }).benchTimes.all !== undefined, undefined, { timeout: 60_000 });
    const times = await page.evaluate(() => (window as unknown as { benchTimes: PageTimes }).benchTimes);
    const rows = await page.locator(`${LIST_SELECTOR} > li`).count();
    if (rows !== todos) throw new Error(`the page shows ${rows} todos, the store holds ${todos}`);
    let toggle: ToggleTimes | undefined;
    if (measureToggle) {
      const index = Math.floor(todos / 2);
      const target = page.locator(`${LIST_SELECTOR} > li`).nth(index).locator('input.toggle');
      await target.scrollIntoViewIfNeeded();
      // A user toggles a settled page: let the last page's rendering and the scroll finish first.
      await page.evaluate(idle);
      const box = await target.boundingBox();
      if (!box) throw new Error(`row ${index} has no checkbox on screen`);
      // Armed before the click, so the class change cannot come first.
      await page.evaluate(armToggleWatch, [LIST_SELECTOR, index] as [string, number]);
      // Raw mouse input, as a user's: Playwright's own click would first run its hit-target checks
      // in the page, between the input and the app's handler, and they would count as the app's time.
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      toggle = await page.evaluate(() => (window as unknown as { benchToggle: Promise<ToggleTimes> }).benchToggle);
    }
    return { first: times.first as number, all: times.all as number, toggle };
  } finally {
    await context.close();
  }
}

/**
 * Section 4, in the browser: the built site through nginx and the backend in headless Chromium, for each list
 * size: time to the first and to every todo on screen, and for the largest, a toggle's repaint.
 */
export async function measureBrowser(config: BenchConfig, log: (line: string) => void): Promise<Section> {
  const stack = await startBenchStack(TABLE, { nginx: true });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumExecutablePath, args: [...chromiumArgs], headless: true });
    const figures: Record<string, number> = {};
    const rows: Array<Record<string, number | number[]>> = [];
    const sizes = [...config.browserTodoCounts].sort((a, b) => a - b);
    for (const [index, todos] of sizes.entries()) {
      await seedTodos(stack.backend.url, todos - (sizes[index - 1] ?? 0));
      const largest = index === sizes.length - 1;
      const runs: Array<Awaited<ReturnType<typeof openList>>> = [];
      for (let run = 0; run < config.browserRuns; run++) runs.push(await openList(browser, (stack.nginx as { url: string }).url, todos, largest));
      const toggles = (part: keyof ToggleTimes) => runs.flatMap((run) => run.toggle?.[part] ?? []);
      const row = { todos, first: median(runs.map((run) => run.first)), all: median(runs.map((run) => run.all)), runs: runs.length };
      const toggle = largest ? { toggle: median(toggles('total')), inputDelay: toggles('inputDelay'), update: toggles('update'), frame: toggles('frame') } : undefined;
      rows.push({ ...row, ...toggle });
      Object.assign(figures, { [`${todos}-first-visible-ms`]: row.first, [`${todos}-all-visible-ms`]: row.all }, toggle && { [`${todos}-toggle-repaint-ms`]: toggle.toggle });
      log(`  ${todos} todos: first ${row.first.toFixed(0)} ms, all ${row.all.toFixed(0)} ms${toggle ? `, toggle ${toggle.toggle.toFixed(1)} ms` : ''}`);
    }
    return {
      title: '4. Frontend in the browser',
      figures,
      tables: [
        {
          columns: [
            ['todos', 'todos', 0], ['first', 'first visible ms', 0], ['all', 'all visible ms', 0], ['toggle', 'toggle repaint ms', 1],
            ['inputDelay', 'toggle runs: input delay ms', 1], ['update', 'update ms', 1], ['frame', 'frame ms', 1], ['runs', 'runs', 0],
          ],
          rows,
        },
      ],
    };
  } finally {
    await browser?.close();
    await stack.stop();
  }
}
