import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BulkResultSchema, DeleteTodosQuerySchema, SetAllCompletedSchema } from '@todo/contract';
import { problemResponses } from './schemas';

/** Changes to every todo at once, done by the server page by page. Registered under `/api`. */
const bulkTodoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.patch(
    '/todos',
    {
      schema: {
        summary: 'Mark every todo completed, or every todo not completed',
        body: SetAllCompletedSchema,
        response: { 200: BulkResultSchema, ...problemResponses },
      },
    },
    async (request) => ({ changed: await app.todoRepository.setAllCompleted(request.body.completed) }),
  );

  app.delete(
    '/todos',
    {
      schema: {
        summary: 'Delete every completed todo (the query must say completed=true)',
        querystring: DeleteTodosQuerySchema,
        response: { 200: BulkResultSchema, ...problemResponses },
      },
    },
    async () => ({ changed: await app.todoRepository.deleteCompleted() }),
  );
};

export default bulkTodoRoutes;
