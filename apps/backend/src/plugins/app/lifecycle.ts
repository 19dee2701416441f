import fp from 'fastify-plugin';

/** Process state that routes must see, such as a shutdown in progress. */
export interface Lifecycle {
  /** Set on SIGTERM: `/ready` answers 503 so the proxy stops sending new traffic. */
  draining: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
}

export default fp(
  async (app) => {
    app.decorate('lifecycle', { draining: false });
  },
  { name: 'lifecycle' },
);
