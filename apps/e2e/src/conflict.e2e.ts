import { TodoPage } from './support/todo-page';
import { expect, test } from './support/fixtures';

test('two browsers changing the same todo never silently lose a change', async ({ browser, baseURL, todos, api }) => {
  const todo = await api.createTodo({ title: 'shared' });
  await todos.open();
  const otherContext = await browser.newContext({ baseURL });
  const other = new TodoPage(await otherContext.newPage());
  await other.open();

  // The first browser renames it; the second still shows the old version and toggles it.
  const edit = await todos.startEditing('shared');
  await edit.fill('renamed in the first browser');
  await edit.press('Enter');
  await todos.saved();
  // click, not check: the conflict may have put the box back before Playwright looks.
  await other.toggle('shared').click();

  // The second browser is told, and shows the server's current version; nothing was overwritten.
  await expect(other.alerts).toContainText('“renamed in the first browser” was changed somewhere else, so your change was not saved.');
  await expect(other.items.locator('label')).toHaveText(['renamed in the first browser']);
  await expect(other.toggle('renamed in the first browser')).not.toBeChecked();
  expect(await api.getTodo(todo.id)).toMatchObject({ title: 'renamed in the first browser', completed: false, version: 2 });

  // Now working on the current version, its change goes through.
  await other.toggle('renamed in the first browser').check();
  await other.saved();
  expect(await api.getTodo(todo.id)).toMatchObject({ title: 'renamed in the first browser', completed: true, version: 3 });

  // And the first browser, now behind, meets the same protection.
  const again = await todos.startEditing('renamed in the first browser');
  await again.fill('stale edit');
  await again.press('Enter');
  await expect(todos.alerts).toContainText('was changed somewhere else');
  await expect(todos.items.locator('label')).toHaveText(['renamed in the first browser']);
  await expect(todos.toggle('renamed in the first browser')).toBeChecked();
  expect(await api.getTodo(todo.id)).toMatchObject({ title: 'renamed in the first browser', completed: true, version: 3 });
  await otherContext.close();
});

test('a todo deleted in another browser goes away with a message when changed here', async ({ todos, api }) => {
  const todo = await api.createTodo({ title: 'deleted elsewhere' });
  await todos.open();
  await api.deleteTodo(todo.id);
  await todos.toggle('deleted elsewhere').click();
  await expect(todos.alerts).toContainText('“deleted elsewhere” was deleted somewhere else.');
  await expect(todos.items).toHaveCount(0);
});
