import type { Tree } from '@nx/devkit';
import { variablePrefix } from '@todo/service-registry';

export const NGINX_TEMPLATE_PATH = 'apps/frontend/nginx/nginx.conf.template';

/** Public routes go right before the backend's catch-all `/api/` location; nginx picks the longest prefix anyway. */
const API_LOCATION = /^( *)location \/api\/ \{$/m;

/**
 * Routes `publicPath` to the service by its Cloud Map name, resolved per request exactly like the
 * backend's (`resolver ... valid=5s` and a variable in `proxy_pass`), the URI passed unchanged.
 * `${<NAME>_UPSTREAM}` is filled in from the frontend's task definition, which the infra derives from the registry.
 */
export function addPublicRoute(tree: Tree, name: string, publicPath: string): void {
  const template = tree.read(NGINX_TEMPLATE_PATH, 'utf-8');
  const api = template ? API_LOCATION.exec(template) : null;
  if (!template || !api) throw new Error(`${NGINX_TEMPLATE_PATH} has no "location /api/ {" to add ${publicPath} before`);
  const variable = name.replace(/-/g, '_');
  const upstream = `${variablePrefix(name)}_UPSTREAM`;
  const indent = api[1]!;
  const block = [
    `# ${name} (added by @todo/platform:service): the same per-request DNS and errors as /api/.`,
    `location ${publicPath} {`,
    `    set $${variable}_upstream \${${upstream}};`,
    `    proxy_pass http://$${variable}_upstream;`,
    '    proxy_http_version 1.1;',
    '    proxy_set_header Connection "";',
    '    proxy_set_header Host $host;',
    '    proxy_set_header X-Real-IP $remote_addr;',
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '    proxy_set_header X-Forwarded-Proto $forwarded_proto;',
    '    proxy_connect_timeout 3s;',
    '    proxy_read_timeout 60s;',
    '    proxy_next_upstream error timeout;',
    '    proxy_next_upstream_tries 2;',
    '    proxy_hide_header Content-Security-Policy;',
    '    proxy_hide_header X-Content-Type-Options;',
    '    proxy_hide_header Referrer-Policy;',
    '    proxy_hide_header X-Frame-Options;',
    '    error_page 502 503 = @bad_gateway;',
    '    error_page 504 = @gateway_timeout;',
    '    error_page 413 = @payload_too_large;',
    '}',
    '',
  ]
    .map((line) => (line ? indent + line : line))
    .join('\n');
  tree.write(NGINX_TEMPLATE_PATH, template.slice(0, api.index) + block + '\n' + template.slice(api.index));
}
