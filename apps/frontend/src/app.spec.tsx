import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './app';
import { TodoActions } from './state/todo-actions';
import { TodoStore } from './state/todo-store';
import { FakeTodoApi } from './testing/fake-todo-api';

async function renderApp(api: FakeTodoApi) {
  const store = new TodoStore();
  const actions = new TodoActions(api, store);
  const view = render(<App store={store} actions={actions} />);
  await act(() => actions.load());
  return { ...view, store, actions, user: userEvent.setup() };
}

const rows = () => screen.queryAllByRole('listitem').filter((item) => item.closest('.todo-list'));
const rowTitles = () => rows().map((row) => row.querySelector('label')?.textContent);
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('App', () => {
  it('keeps the list and footer in the page but hidden while there are no todos, and focuses the new-todo field', async () => {
    const { container, user } = await renderApp(new FakeTodoApi());
    const main = container.querySelector('.main');
    const footer = container.querySelector('.footer');
    expect(main).toBeInTheDocument();
    expect(main).not.toBeVisible();
    expect(footer).toBeInTheDocument();
    expect(footer).not.toBeVisible();
    expect(screen.getByRole('textbox', { name: 'New todo' })).toHaveFocus();

    await user.type(screen.getByRole('textbox', { name: 'New todo' }), 'first{Enter}');
    expect(main).toBeVisible();
    expect(footer).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Delete first' }));
    expect(main).not.toBeVisible();
    expect(footer).not.toBeVisible();
  });

  it('keeps clear completed in the footer, hidden until a todo is completed and again once none is', async () => {
    const api = new FakeTodoApi();
    api.seed('only');
    const { container, user } = await renderApp(api);
    const clear = container.querySelector('.clear-completed');
    expect(clear).toBeInTheDocument();
    expect(clear).not.toBeVisible();
    expect(screen.queryByRole('button', { name: 'Clear completed' })).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: 'only' }));
    expect(clear).toBeVisible();
    await user.click(screen.getByRole('checkbox', { name: 'only' }));
    expect(clear).not.toBeVisible();
  });

  it('adds a trimmed todo on Enter, ignores blank input and clears the field', async () => {
    const api = new FakeTodoApi();
    const { user } = await renderApp(api);
    const input = screen.getByRole('textbox', { name: 'New todo' });

    await user.type(input, '   {Enter}');
    expect(api.calls).not.toContain('POST /api/todos');

    await user.type(input, '  buy milk  {Enter}');
    expect(input).toHaveValue('');
    expect(rowTitles()).toEqual(['buy milk']);
    await settle();
    expect(api.list().map((todo) => todo.title)).toEqual(['buy milk']);
    expect(screen.getByText('item', { exact: false }).closest('.todo-count')).toHaveTextContent('1 item left');
  });

  it('undoes a toggle the server did not get and says so, until dismissed', async () => {
    const api = new FakeTodoApi();
    api.seed('walk the dog');
    const { user } = await renderApp(api);

    api.failNext('updateTodo');
    await user.click(screen.getByRole('checkbox', { name: 'walk the dog' }));
    await settle();

    expect(screen.getByRole('checkbox', { name: 'walk the dog' })).not.toBeChecked();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not save “walk the dog”: the todo service could not be reached. The change was undone.');

    await user.click(within(alert).getByRole('button', { name: 'Dismiss message' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the server version and a message when the todo changed elsewhere', async () => {
    const api = new FakeTodoApi();
    const [todo] = api.seed('draft');
    const { user } = await renderApp(api);
    api.changeElsewhere(todo!.id, { title: 'changed in another tab' });

    await user.click(screen.getByRole('checkbox', { name: 'draft' }));
    await settle();

    expect(rowTitles()).toEqual(['changed in another tab']);
    expect(screen.getByRole('checkbox', { name: 'changed in another tab' })).not.toBeChecked();
    expect(screen.getByRole('alert')).toHaveTextContent('was changed somewhere else');
    expect(api.list()[0]).toMatchObject({ title: 'changed in another tab', completed: false });
  });

  it('sends quick successive changes of one todo in order, each with the version before it', async () => {
    const api = new FakeTodoApi();
    api.seed('flip me');
    const { user } = await renderApp(api);
    const box = () => screen.getByRole('checkbox', { name: 'flip me' });

    api.hold();
    await user.click(box());
    await user.click(box());
    await user.click(box());
    expect(box()).toBeChecked();
    api.resume();
    await settle();

    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.list()[0]).toMatchObject({ completed: true, version: 4 });
  });

  it('edits on double-click: Escape cancels, Enter saves trimmed, empty deletes', async () => {
    const api = new FakeTodoApi();
    api.seed('first', 'second');
    const { user } = await renderApp(api);

    await user.dblClick(screen.getByText('first'));
    const edit = screen.getByRole('textbox', { name: 'Edit first' });
    expect(edit).toHaveFocus();
    await user.clear(edit);
    await user.type(edit, 'ignored{Escape}');
    expect(rowTitles()).toEqual(['first', 'second']);

    await user.dblClick(screen.getByText('first'));
    await user.clear(screen.getByRole('textbox', { name: 'Edit first' }));
    await user.type(screen.getByRole('textbox', { name: 'Edit first' }), '  renamed  {Enter}');
    await settle();
    expect(api.list().map((todo) => todo.title)).toEqual(['renamed', 'second']);

    await user.dblClick(screen.getByText('second'));
    await user.clear(screen.getByRole('textbox', { name: 'Edit second' }));
    await user.keyboard('{Enter}');
    await settle();
    expect(rowTitles()).toEqual(['renamed']);
    expect(api.list().map((todo) => todo.title)).toEqual(['renamed']);
  });

  it('keeps a new edit open when the frame that hands focus back to the last one comes after it began', async () => {
    const api = new FakeTodoApi();
    api.seed('first', 'second');
    const { user } = await renderApp(api);
    // The machine decides when a frame comes; here it comes late, after the next double-click.
    const frames: FrameRequestCallback[] = [];
    const requestFrame = jest.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
    try {
      await user.dblClick(screen.getByText('first'));
      await user.type(screen.getByRole('textbox', { name: 'Edit first' }), '!{Enter}');
      await user.dblClick(screen.getByText('second'));
      expect(frames.length).toBeGreaterThan(0);
      act(() => frames.splice(0).forEach((callback) => callback(performance.now())));

      expect(screen.getByRole('textbox', { name: 'Edit second' })).toHaveFocus();
    } finally {
      requestFrame.mockRestore();
    }
  });

  it('can be used from the keyboard alone: edit button, save on Enter, focus back on the row', async () => {
    const api = new FakeTodoApi();
    api.seed('keyboard');
    const { user } = await renderApp(api);

    screen.getByRole('button', { name: 'Edit keyboard' }).focus();
    await user.keyboard('{Enter}');
    await user.keyboard('{Control>}a{/Control}typed{Enter}');
    await settle();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit typed' })).toHaveFocus());
    expect(api.list()[0]?.title).toBe('typed');
  });

  it('uses the bulk routes for toggle-all and clear completed', async () => {
    const api = new FakeTodoApi();
    api.seed('a', 'b', 'c');
    const { user, container } = await renderApp(api);
    api.calls.length = 0;

    await user.click(screen.getByLabelText('Mark all as complete'));
    await settle();
    expect(screen.getByLabelText('Mark all as complete')).toBeChecked();
    expect(container.querySelector('.todo-count')).toHaveTextContent('0 items left');

    await user.click(screen.getByRole('button', { name: 'Clear completed' }));
    await settle();
    expect(rows()).toHaveLength(0);
    expect(api.calls.filter((call) => !call.startsWith('GET'))).toEqual(['PATCH /api/todos', 'DELETE /api/todos?completed=true']);
  });

  it('brings the todos back when clear completed fails', async () => {
    const api = new FakeTodoApi();
    const [done] = api.seed('done', 'open');
    api.changeElsewhere(done!.id, { completed: true });
    const { user } = await renderApp(api);

    api.failNext('deleteCompleted');
    await user.click(screen.getByRole('button', { name: 'Clear completed' }));
    await settle();
    expect(rowTitles()).toEqual(['done', 'open']);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not clear the completed todos');
  });

  /** The app over 150 todos, loading, with its first page shown and the rest held until `api.resume()`. */
  async function showFirstPageOf150(onStart: () => void = () => undefined) {
    const api = new FakeTodoApi();
    api.seed(...Array.from({ length: 150 }, (_, i) => `todo ${i + 1}`));
    const store = new TodoStore();
    const actions = new TodoActions(api, store);
    render(<App store={store} actions={actions} />);
    onStart();
    api.hold();
    let loading!: Promise<void>;
    act(() => {
      loading = actions.load();
    });
    await act(async () => api.release());
    await waitFor(() => expect(rows()).toHaveLength(100));
    return { api, loading };
  }

  it('shows a loading state, then the first page before the rest arrives', async () => {
    const { api, loading } = await showFirstPageOf150(() => expect(screen.getByRole('status')).toHaveTextContent('Loading your todos'));
    expect(screen.getByRole('status')).toHaveTextContent('Loading more todos');
    api.resume();
    await act(() => loading);
    expect(rows()).toHaveLength(150);
  });

  it('keeps the row, and the open edit, of a todo made while the list loads when later pages are shown before it', async () => {
    const { api, loading } = await showFirstPageOf150();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'New todo' }), 'mine{Enter}');
    const row = rows().at(-1);
    await user.dblClick(screen.getByText('mine'));
    await user.type(screen.getByRole('textbox', { name: 'Edit mine' }), ' and more');

    api.resume();
    await act(() => loading);
    expect(rows()).toHaveLength(151);
    expect(rows().at(-1)).toBe(row);
    expect(screen.getByRole('textbox', { name: 'Edit mine' })).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Edit mine' })).toHaveValue('mine and more');
  });

  it('never brings back a todo that a bulk change deleted while later pages were still loading', async () => {
    /** Its first listing sees the list as it was and sends its fourth page only when told; later listings are current. */
    class SlowFirstListing extends FakeTodoApi {
      private listings = 0;
      releaseFourthPage!: () => void;
      private readonly fourthPage = new Promise<void>((resolve) => (this.releaseFourthPage = resolve));
      override async *pages(query: { limit?: number } = {}) {
        if (this.listings++ > 0) return yield* super.pages(query);
        const seen = this.list();
        for (let start = 0; start < seen.length; start += 100) {
          if (start === 300) await this.fourthPage;
          yield { items: seen.slice(start, start + 100), nextCursor: start + 100 < seen.length ? String(start + 100) : null };
        }
      }
    }
    const api = new SlowFirstListing();
    api.seed(...Array.from({ length: 400 }, (_, i) => `todo ${i + 1}`));
    // On the third page, which the loader holds until as many rows have come as are on screen.
    api.changeElsewhere(250, { completed: true });
    const store = new TodoStore();
    const actions = new TodoActions(api, store);
    const loading = actions.load();
    await waitFor(() => expect(store.getState().order).toHaveLength(200));

    actions.clearCompleted();
    await waitFor(() => expect(store.getState().order).toHaveLength(399));
    api.releaseFourthPage();
    await loading;

    expect(store.getState().status).toBe('ready');
    expect(store.getState().order).toHaveLength(399);
    expect(store.getState().keyById[250]).toBeUndefined();
  });

  it('asks for the next page before showing the one that arrived', async () => {
    const api = new FakeTodoApi();
    api.seed(...Array.from({ length: 250 }, (_, i) => `todo ${i + 1}`));
    const store = new TodoStore();
    const actions = new TodoActions(api, store);
    const pagesAskedWhenShown: number[] = [];
    let shown = 0;
    store.subscribe(() => {
      const rowsNow = store.getState().order.length;
      if (rowsNow === shown) return;
      shown = rowsNow;
      pagesAskedWhenShown.push(api.calls.filter((call) => call.startsWith('GET /api/todos?')).length);
    });
    await actions.load();
    expect(pagesAskedWhenShown).toEqual([2, 3, 3]);
  });

  it('after the first page, shows rows once as many have arrived as are on screen, and keeps those it held when a page fails', async () => {
    const api = new FakeTodoApi();
    api.seed(...Array.from({ length: 1000 }, (_, i) => `todo ${i + 1}`));
    const store = new TodoStore();
    const actions = new TodoActions(api, store);
    const shownCounts: number[] = [];
    store.subscribe(() => {
      const rowsNow = store.getState().order.length;
      if (rowsNow !== shownCounts.at(-1)) shownCounts.push(rowsNow);
    });
    await actions.load();
    expect(shownCounts).toEqual([0, 100, 200, 400, 800, 1000]);

    const failing = new FakeTodoApi();
    failing.seed(...Array.from({ length: 1000 }, (_, i) => `todo ${i + 1}`));
    const failingStore = new TodoStore();
    // Page 3 is already asked for when page 2 shows: the failure hits page 4, while page 3 is held.
    failingStore.subscribe(() => {
      if (failingStore.getState().order.length === 200) failing.failNext('pages');
    });
    await new TodoActions(failing, failingStore).load();
    expect(failingStore.getState().order).toHaveLength(300);
    expect(failingStore.getState().status).toBe('failed');
  });
});
