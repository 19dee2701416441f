import fp from 'fastify-plugin';
import { createTodoRepository, type TodoRepository } from '../../repository/todo-repository';

declare module 'fastify' {
  interface FastifyInstance {
    todoRepository: TodoRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('todoRepository', createTodoRepository({ client: app.dynamoDb, tableName: app.config.tableName }));
  },
  { name: 'todo-repository', dependencies: ['config', 'dynamodb'] },
);
