import { FakeTodoApi } from '../testing/fake-todo-api';
import { TodoActions } from './todo-actions';
import { TodoStore } from './todo-store';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TodoActions', () => {
  it('shows a change at once and sends it only once beforeSend let it, for every kind of change', async () => {
    const api = new FakeTodoApi();
    api.seed('a', 'b');
    const store = new TodoStore();
    const waiting: Array<() => void> = [];
    const letThrough = () => waiting.splice(0).forEach((send) => send());
    const actions = new TodoActions(api, store, { beforeSend: () => new Promise<void>((resolve) => waiting.push(resolve)) });
    await actions.load();
    const [first, second] = store.getState().order as [string, string];
    const sent = () => api.calls.filter((call) => !call.startsWith('GET'));

    actions.toggle(first);
    await settle();
    expect(store.getState().entries.get(first)?.view).toMatchObject({ completed: true, saving: true });
    expect(sent()).toEqual([]);
    letThrough();
    await settle();
    expect(sent()).toEqual(['PATCH /api/todos/1']);

    actions.remove(second);
    actions.add('c');
    await settle();
    expect(store.getState().counts).toEqual({ total: 2, completed: 1 });
    expect(sent()).toHaveLength(1);
    letThrough();
    await settle();
    expect(sent().slice(1).sort()).toEqual(['DELETE /api/todos/2', 'POST /api/todos']);

    actions.setAllCompleted(true);
    await settle();
    expect(sent()).toHaveLength(3);
    letThrough();
    await settle();
    expect(sent().at(-1)).toBe('PATCH /api/todos');
  });
});
