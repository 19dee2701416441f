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
    const lifecycle: Lifecycle = { draining: false };
    app.decorate('lifecycle', lifecycle);
    // While draining, each response closes its keep-alive connection: otherwise a connection
    // busy at close time stays open until its keep-alive timeout and holds the shutdown up.
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (lifecycle.draining) reply.header('connection', 'close');
      done(null, payload);
    });
  },
  { name: 'lifecycle' },
);
