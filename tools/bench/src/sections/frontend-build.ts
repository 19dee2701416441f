import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { workspacePaths } from '@todo/test-harness';
import type { Section } from '../results';

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

/** Section 4, the build: sizes of the production build's JavaScript and CSS, raw and gzipped (zlib level 6). */
export function measureFrontendBuild(dist = workspacePaths.frontendDist): Section {
  let html: string;
  try {
    html = readFileSync(join(dist, 'index.html'), 'utf8');
  } catch {
    throw new Error(`${dist}/index.html is missing: run \`npx nx run frontend:build\` first`);
  }
  const initial = new Set(initialAssets(html));
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(m?js|css)$/.test(file))
    .sort()
    .map((file) => {
      const content = readFileSync(join(dist, file));
      const kind = file.endsWith('.css') ? 'css' : 'js';
      return { file, kind, initial: initial.has(file) ? 'yes' : 'no', rawKb: content.length / 1024, gzipKb: gzipSync(content, { level: 6 }).length / 1024 };
    });
  const sum = (kind: string, size: 'rawKb' | 'gzipKb', onlyInitial = false) =>
    files.filter((file) => file.kind === kind && (!onlyInitial || file.initial === 'yes')).reduce((total, file) => total + file[size], 0);
  const figures = {
    'initial-js-gzip-kb': sum('js', 'gzipKb', true),
    'js-raw-kb': sum('js', 'rawKb'),
    'js-gzip-kb': sum('js', 'gzipKb'),
    'css-raw-kb': sum('css', 'rawKb'),
    'css-gzip-kb': sum('css', 'gzipKb'),
  };
  return {
    title: '4. Frontend',
    figures,
    tables: [{ columns: [['file', 'file'], ['kind', 'kind'], ['initial', 'initial'], ['rawKb', 'raw KB', 1], ['gzipKb', 'gzip KB', 1]], rows: files }],
  };
}
