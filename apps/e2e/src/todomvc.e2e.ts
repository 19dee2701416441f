import { expect, test } from './support/fixtures';

// The TodoMVC app specification, with the server as the store: every change survives a reload.

test.describe('TodoMVC', () => {
  test('with no todos, keeps the list and footer in the page but hidden, and focuses the new-todo field', async ({ todos, saveScreenshot }) => {
    await todos.open();
    await expect(todos.newTodo).toBeFocused();
    await expect(todos.newTodo).toHaveAttribute('placeholder', 'What needs to be done?');
    // TodoMVC's current spec checks "not visible", which needs the elements to exist.
    await expect(todos.main).toHaveCount(1);
    await expect(todos.main).toBeHidden();
    await expect(todos.footer).toHaveCount(1);
    await expect(todos.footer).toBeHidden();
    await saveScreenshot('empty');
  });

  test('adds todos on Enter, trimmed, in order; ignores blank input; clears the field', async ({ todos, api, saveScreenshot }) => {
    await todos.open();
    await todos.add('  buy milk  ', 'walk the dog');
    await expect(todos.newTodo).toHaveValue('');
    await todos.newTodo.fill('   ');
    await todos.newTodo.press('Enter');

    await expect(todos.items.locator('label')).toHaveText(['buy milk', 'walk the dog']);
    await expect(todos.main).toBeVisible();
    await expect(todos.footer).toBeVisible();
    expect((await api.listTodos()).items.map((todo) => todo.title)).toEqual(['buy milk', 'walk the dog']);

    await todos.reload();
    await expect(todos.items.locator('label')).toHaveText(['buy milk', 'walk the dog']);
    await todos.add('book tickets');
    await saveScreenshot('with-items');
  });

  test('loads the stored todos in creation order', async ({ todos, api }) => {
    for (const title of ['first', 'second', 'third']) await api.createTodo({ title });
    await todos.open();
    await expect(todos.items.locator('label')).toHaveText(['first', 'second', 'third']);
  });

  test('toggles one todo, counts what is left with the right plural, and keeps it after a reload', async ({ todos, page }) => {
    await todos.open();
    await todos.add('one', 'two');
    await expect(todos.count).toHaveText('2 items left');
    await expect(todos.count.locator('strong')).toHaveText('2');

    await todos.toggle('one').check();
    await todos.saved();
    await expect(todos.item('one')).toHaveClass(/completed/);
    await expect(todos.count).toHaveText('1 item left');

    await todos.reload();
    await expect(todos.toggle('one')).toBeChecked();
    await expect(todos.item('one')).toHaveClass(/completed/);
    await expect(todos.toggle('two')).not.toBeChecked();

    await todos.toggle('one').uncheck();
    await todos.saved();
    await page.reload();
    await expect(todos.toggle('one')).not.toBeChecked();
    await expect(todos.count).toHaveText('2 items left');
  });

  test('toggle-all marks every todo with one bulk request and follows the items', async ({ todos, page }) => {
    await todos.open();
    await todos.add('a', 'b', 'c');
    const writes: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET' && request.url().includes('/api/')) writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });

    await todos.toggleAll.check();
    await expect(todos.page.locator('.todo-list li.completed')).toHaveCount(3);
    await expect(todos.count).toHaveText('0 items left');
    await todos.saved();
    expect(writes).toEqual(['PATCH /api/todos']);

    await todos.toggle('b').uncheck();
    await expect(todos.toggleAll).not.toBeChecked();
    await todos.toggle('b').check();
    await expect(todos.toggleAll).toBeChecked();
    await todos.saved();

    await todos.toggleAll.uncheck();
    await expect(todos.page.locator('.todo-list li.completed')).toHaveCount(0);
    await todos.saved();
    await todos.reload();
    await expect(todos.page.locator('.todo-list li.completed')).toHaveCount(0);
    await expect(todos.toggleAll).not.toBeChecked();
  });

  test('edits a title on double-click: Enter and blur save trimmed, Escape cancels, empty deletes', async ({ todos, api, saveScreenshot, page }) => {
    await todos.open();
    await todos.add('first', 'second', 'third');

    let edit = await todos.startEditing('first');
    await expect(todos.item('first')).toHaveClass(/editing/);
    await expect(edit).toBeFocused();
    await expect(edit).toHaveValue('first');
    await expect(todos.item('first').locator('.toggle')).toBeHidden();
    await expect(todos.item('first').locator('.destroy')).toBeHidden();
    await edit.fill('  first, renamed  ');
    await saveScreenshot('editing');
    await edit.press('Enter');
    await expect(todos.items.locator('label')).toHaveText(['first, renamed', 'second', 'third']);

    edit = await todos.startEditing('second');
    await edit.fill('second, by blur');
    await page.locator('.header h1').click();
    await expect(todos.items.locator('label')).toHaveText(['first, renamed', 'second, by blur', 'third']);

    edit = await todos.startEditing('third');
    await edit.fill('never saved');
    await edit.press('Escape');
    await expect(todos.items.locator('label')).toHaveText(['first, renamed', 'second, by blur', 'third']);
    await expect(todos.page.locator('.todo-list li.editing')).toHaveCount(0);

    edit = await todos.startEditing('third');
    await edit.fill('   ');
    await edit.press('Enter');
    await expect(todos.items.locator('label')).toHaveText(['first, renamed', 'second, by blur']);
    await todos.saved();

    expect((await api.listTodos()).items.map((todo) => todo.title)).toEqual(['first, renamed', 'second, by blur']);
    await todos.reload();
    await expect(todos.items.locator('label')).toHaveText(['first, renamed', 'second, by blur']);
  });

  test('deletes a todo with its delete button', async ({ todos, api }) => {
    await todos.open();
    await todos.add('keep', 'remove');
    await todos.item('remove').hover();
    await todos.item('remove').getByRole('button', { name: 'Delete remove' }).click();
    await expect(todos.items.locator('label')).toHaveText(['keep']);
    await expect(todos.count).toHaveText('1 item left');
    await todos.saved();
    await expect.poll(async () => (await api.listTodos()).items.map((todo) => todo.title)).toEqual(['keep']);
  });

  test('clears completed todos with one bulk request; the button shows only when something is completed', async ({ todos, page, api }) => {
    await todos.open();
    await todos.add('done 1', 'open', 'done 2');
    const clearButton = page.locator('.footer .clear-completed');
    await expect(clearButton).toHaveCount(1);
    await expect(clearButton).toBeHidden();
    await todos.toggle('done 1').check();
    await expect(clearButton).toBeVisible();
    await todos.toggle('done 2').check();
    await todos.saved();

    const bulk = page.waitForRequest((request) => request.method() === 'DELETE' && request.url().endsWith('/api/todos?completed=true'));
    await todos.clearCompleted.click();
    await bulk;
    await expect(todos.items.locator('label')).toHaveText(['open']);
    await expect(clearButton).toHaveCount(1);
    await expect(clearButton).toBeHidden();
    await todos.saved();
    expect((await api.listTodos()).items.map((todo) => todo.title)).toEqual(['open']);
  });

  test('filters with links to #/, #/active and #/completed, marks the current one, and keeps it on reload', async ({ todos, page }) => {
    await todos.open();
    await todos.add('active one', 'done one');
    await todos.toggle('done one').check();
    await todos.saved();

    await todos.filter('Active').click();
    await expect(page).toHaveURL(/#\/active$/);
    await expect(todos.items.locator('label')).toHaveText(['active one']);
    await expect(todos.filter('Active')).toHaveClass('selected');
    await expect(todos.filter('All')).not.toHaveClass('selected');

    await todos.filter('Completed').click();
    await expect(page).toHaveURL(/#\/completed$/);
    await expect(todos.items.locator('label')).toHaveText(['done one']);

    await todos.reload();
    await expect(todos.filter('Completed')).toHaveClass('selected');
    await expect(todos.items.locator('label')).toHaveText(['done one']);

    await page.goBack();
    await expect(page).toHaveURL(/#\/active$/);
    await expect(todos.items.locator('label')).toHaveText(['active one']);

    await todos.filter('All').click();
    await expect(page).toHaveURL(/#\/$/);
    await expect(todos.items.locator('label')).toHaveText(['active one', 'done one']);
    await expect(todos.filter('All')).toHaveAttribute('href', '#/');
    await expect(todos.filter('Active')).toHaveAttribute('href', '#/active');
    await expect(todos.filter('Completed')).toHaveAttribute('href', '#/completed');
  });
});
