import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

async function expectNoAxeViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((violation) => `${state}: ${violation.id} (${violation.impact}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(found).toEqual([]);
}

test('axe finds no violations: empty, with items, filtered, editing, and with a message', async ({ page, todos, api }) => {
  // Five full axe scans: on a busy two-core machine they alone can take most of the default 30 s.
  test.slow();
  await todos.open();
  await expectNoAxeViolations(page, 'empty');

  await todos.add('read a book', 'write a letter');
  await todos.toggle('read a book').check();
  await todos.saved();
  await expectNoAxeViolations(page, 'with items');

  await todos.filter('Completed').click();
  await expectNoAxeViolations(page, 'filtered');
  await todos.filter('All').click();

  await todos.startEditing('write a letter');
  await expectNoAxeViolations(page, 'editing');
  await page.keyboard.press('Escape');

  const stale = (await api.listTodos()).items.find((todo) => todo.title === 'write a letter');
  if (!stale) throw new Error('the todo is not stored');
  await api.updateTodo(stale.id, { title: 'changed elsewhere' });
  await todos.toggle('write a letter').click();
  await expect(todos.alerts).toHaveCount(1);
  await expectNoAxeViolations(page, 'with a message');
});

test('works with the keyboard alone', async ({ page, todos, api }) => {
  await todos.open();
  await expect(todos.newTodo).toBeFocused();
  for (const title of ['first', 'second']) {
    await page.keyboard.type(title);
    await page.keyboard.press('Enter');
  }
  await todos.saved();

  // Tab order: new todo, toggle all, then each row's toggle, edit and delete buttons, then the footer.
  await page.keyboard.press('Tab');
  await expect(todos.toggleAll).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(todos.toggle('first')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(todos.toggle('first')).toBeChecked();
  await todos.saved();

  await page.keyboard.press('Tab');
  const editButton = page.getByRole('button', { name: 'Edit first' });
  await expect(editButton).toBeFocused();
  await expect(editButton).toHaveCSS('opacity', '1');
  await page.keyboard.press('Enter');
  const edit = page.getByRole('textbox', { name: 'Edit first' });
  await expect(edit).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('first, edited');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Edit first, edited' })).toBeFocused();
  await todos.saved();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Delete first, edited' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(todos.toggle('second')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const deleteSecond = page.getByRole('button', { name: 'Delete second' });
  await expect(deleteSecond).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(todos.items.locator('label')).toHaveText(['first, edited']);
  await expect(todos.newTodo).toBeFocused();
  await todos.saved();

  // Footer: the filters, then clear completed.
  await todos.filter('Active').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/active$/);
  await expect(todos.items).toHaveCount(0);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(todos.clearCompleted).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(todos.main).toBeHidden();
  await expect(todos.footer).toBeHidden();
  await expect.poll(async () => (await api.listTodos()).items).toEqual([]);
});
