/** A todo as the API returns it (the fields the bench uses). */
export interface SeededTodo {
  id: number;
  version: number;
  completed: boolean;
}

/** Creates `count` todos through the API, `parallel` at a time, so they are stored exactly as the backend stores them. */
export async function seedTodos(apiOrigin: string, count: number, parallel = 16): Promise<SeededTodo[]> {
  const created: SeededTodo[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const response = await fetch(`${apiOrigin}/api/todos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Seeded todo ${index + 1}` }),
      });
      const body = (await response.json()) as SeededTodo;
      if (response.status !== 201) throw new Error(`seeding answered ${response.status}: ${JSON.stringify(body)}`);
      created.push({ id: body.id, version: body.version, completed: body.completed });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return created;
}
