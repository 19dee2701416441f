import { resolve } from 'node:path';

/** Files the end-to-end tests run, all inside the checkout. */
const repoRoot = resolve(__dirname, '../../../..');

export const paths = {
  repoRoot,
  frontendDist: resolve(repoRoot, 'apps/frontend/dist'),
  nginxTemplate: resolve(repoRoot, 'apps/frontend/nginx/nginx.conf.template'),
  backendBundle: resolve(repoRoot, 'apps/backend/dist/main.js'),
  /** Screenshots of the app's main states; git-ignored, rewritten by every run. */
  screenshots: resolve(__dirname, '../../screenshots'),
};
