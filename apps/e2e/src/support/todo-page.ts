import { expect, type Locator, type Page } from '@playwright/test';

/** The TodoMVC page, driven through TodoMVC's own class names and the controls' accessible names. */
export class TodoPage {
  readonly newTodo: Locator;
  readonly items: Locator;
  readonly toggleAll: Locator;
  readonly count: Locator;
  readonly clearCompleted: Locator;
  readonly main: Locator;
  readonly footer: Locator;
  readonly alerts: Locator;

  /**
   * @param origin where the site is, when not at the test's `baseURL` (e.g. a second stack).
   * @default '' (the `baseURL`)
   */
  constructor(
    readonly page: Page,
    private readonly origin = '',
  ) {
    this.newTodo = page.getByRole('textbox', { name: 'New todo' });
    this.items = page.locator('.todo-list li');
    this.toggleAll = page.getByLabel('Mark all as complete');
    this.count = page.locator('.todo-count');
    this.clearCompleted = page.getByRole('button', { name: 'Clear completed' });
    this.main = page.locator('.main');
    this.footer = page.locator('.footer');
    this.alerts = page.getByRole('alert');
  }

  /** Opens the site (optionally at a filter, e.g. `#/active`) and waits for the list to load. */
  async open(hash = ''): Promise<void> {
    await this.page.goto(`${this.origin}/${hash}`);
    await this.loaded();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.loaded();
  }

  async loaded(): Promise<void> {
    await expect(this.page.locator('.loading, .loading-more')).toHaveCount(0, { timeout: 20_000 });
  }

  /** Adds todos through the new-todo field and waits until the server has them all. */
  async add(...titles: string[]): Promise<void> {
    for (const title of titles) {
      await this.newTodo.fill(title);
      await this.newTodo.press('Enter');
    }
    await this.saved();
  }

  /** Waits until no change is on its way to the server. */
  async saved(): Promise<void> {
    await expect(this.page.locator('.todo-list li[aria-busy="true"]')).toHaveCount(0);
  }

  item(title: string): Locator {
    return this.items.filter({ has: this.page.locator('label', { hasText: new RegExp(`^${escape(title)}$`) }) });
  }

  toggle(title: string): Locator {
    return this.page.getByRole('checkbox', { name: title, exact: true });
  }

  async startEditing(title: string): Promise<Locator> {
    await this.item(title).locator('label').dblclick();
    return this.item(title).locator('.edit');
  }

  filter(name: 'All' | 'Active' | 'Completed'): Locator {
    return this.page.locator('.filters').getByRole('link', { name, exact: true });
  }

  titles(): Promise<string[]> {
    return this.items.locator('label').allTextContents();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
