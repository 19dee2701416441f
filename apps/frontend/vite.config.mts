import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Where the dev server runs and where it sends `/api`; the local runner sets these.
const port = Number(process.env['FRONTEND_PORT'] || 4200);
const host = process.env['FRONTEND_HOST'] || '127.0.0.1';
const backendUrl = process.env['BACKEND_URL'] || 'http://127.0.0.1:10000';
// Other services' public paths, longest first, as nginx's generated locations route them (JSON: path → URL).
const publicRoutes: Record<string, string> = JSON.parse(process.env['PUBLIC_ROUTES'] || '{}');
const proxy = {
  ...Object.fromEntries(Object.entries(publicRoutes).map(([path, target]) => [path, { target, xfwd: true }])),
  '/api': { target: backendUrl, xfwd: true },
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  cacheDir: '../../node_modules/.vite/apps/frontend',
  plugins: [react()],
  // Resolves `@todo/contract/client` from tsconfig.base.json's paths, as TypeScript does.
  resolve: { tsconfigPaths: true },
  server: {
    host,
    port,
    strictPort: true,
    proxy,
  },
  preview: { host, port, strictPort: true, proxy },
  // The page reader's worker (src/state/page-reader.worker.ts) as a module, like the page's own code.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every browser this site supports preloads modules natively; the polyfill would be dead weight.
    modulePreload: { polyfill: false },
    // No `data:` URLs: the Content-Security-Policy allows images from the site itself only.
    assetsInlineLimit: 0,
  },
});
