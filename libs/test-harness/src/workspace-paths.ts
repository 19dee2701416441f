import { resolve } from 'node:path';

/** The checkout this library sits in. */
export const workspaceRoot = resolve(__dirname, '../../..');

/** What the suites and tools run, all built inside the checkout (`nx run backend:build`, `frontend:build`). */
export const workspacePaths = {
  /** The production bundle, as the backend's image runs it. */
  backendBundle: resolve(workspaceRoot, 'apps/backend/dist/main.js'),
  /** The backend's entry point in source, run through tsx. */
  backendSource: resolve(workspaceRoot, 'apps/backend/src/main.ts'),
  /** The production nginx config template and the built site it serves. */
  nginxTemplate: resolve(workspaceRoot, 'apps/frontend/nginx/nginx.conf.template'),
  frontendDist: resolve(workspaceRoot, 'apps/frontend/dist'),
} as const;
