import fp from 'fastify-plugin';
import type { BackendConfig } from '../../config';

declare module 'fastify' {
  interface FastifyInstance {
    /** The settings this instance was built with. */
    config: BackendConfig;
  }
}

/** Makes the settings available to every plugin and route as `app.config`. */
export default fp<{ config: BackendConfig }>(
  async (app, { config }) => {
    app.decorate('config', config);
  },
  { name: 'config' },
);
