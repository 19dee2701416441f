import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { workspaceRoot } from '@todo/test-harness';
import type { BuiltFile, FrontendBuildResult } from '../results';

const distFolder = join(workspaceRoot, 'apps/frontend/dist');

/**
 * The files index.html loads by itself: module scripts, module preloads and stylesheets, as
 * paths relative to the site root. Anything else is loaded on demand.
 */
export function initialAssets(html: string): string[] {
  const found = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const rel = /\brel=["']?([^"'\s>]+)/i.exec(tag)?.[1]?.toLowerCase();
    if (!isScript && rel !== 'modulepreload' && rel !== 'stylesheet') continue;
    const url = new RegExp(`\\b${isScript ? 'src' : 'href'}=["']?([^"'\\s>]+)`, 'i').exec(tag)?.[1];
    if (url && !/^[a-z]+:|^\/\//i.test(url)) found.add(url.replace(/^\.?\//, ''));
  }
  return [...found];
}

/** Section 4a: sizes of the production build's JavaScript and CSS, raw and gzipped (zlib level 6). */
export function measureFrontendBuild(): FrontendBuildResult {
  let html: string;
  try {
    html = readFileSync(join(distFolder, 'index.html'), 'utf8');
  } catch {
    throw new Error(`${distFolder}/index.html is missing: run \`npx nx run frontend:build\` first`);
  }
  const initial = new Set(initialAssets(html));
  const files: BuiltFile[] = readdirSync(distFolder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(m?js|css)$/.test(file))
    .sort()
    .map((file) => {
      const content = readFileSync(join(distFolder, file));
      return {
        file,
        kind: file.endsWith('.css') ? 'css' : 'js',
        initial: initial.has(file),
        rawBytes: statSync(join(distFolder, file)).size,
        gzipBytes: gzipSync(content, { level: 6 }).length,
      };
    });
  const sum = (kind: 'js' | 'css', size: 'rawBytes' | 'gzipBytes', onlyInitial = false) =>
    files.filter((file) => file.kind === kind && (!onlyInitial || file.initial)).reduce((total, file) => total + file[size], 0);
  return {
    files,
    initialJsGzipBytes: sum('js', 'gzipBytes', true),
    jsRawBytes: sum('js', 'rawBytes'),
    jsGzipBytes: sum('js', 'gzipBytes'),
    cssRawBytes: sum('css', 'rawBytes'),
    cssGzipBytes: sum('css', 'gzipBytes'),
  };
}
