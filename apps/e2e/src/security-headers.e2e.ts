import type { Response } from '@playwright/test';
import { expect, test } from './support/fixtures';

function expectSecurityHeaders(response: Response | null) {
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

test('nginx sends the security headers and cache rules with the page, its assets and the API', async ({ page }) => {
  const assets: Response[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/assets/')) assets.push(response);
  });
  const api = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/todos');
  const document = await page.goto('/');
  expectSecurityHeaders(document);
  expect(document?.headers()['cache-control']).toBe('no-store');

  expectSecurityHeaders(await api);
  await page.waitForLoadState('load');
  expect(assets.map((asset) => new URL(asset.url()).pathname)).toEqual(expect.arrayContaining([expect.stringMatching(/\.js$/), expect.stringMatching(/\.css$/)]));
  for (const asset of assets) {
    expectSecurityHeaders(asset);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  }
});

test('the app runs under the strict Content-Security-Policy without a single violation', async ({ page, todos }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  await todos.open();
  await todos.add('styled and scripted from the site only');
  await todos.toggle('styled and scripted from the site only').check();
  await todos.startEditing('styled and scripted from the site only');
  await page.keyboard.press('Escape');
  await todos.filter('Completed').click();
  await todos.saved();
  expect(violations).toEqual([]);
});

test('another page cannot frame the site', async ({ page, baseURL }) => {
  // setContent returns once the page has loaded, its frame included: Chromium shows its error page there.
  await page.setContent(`<iframe title="framed" src="${baseURL}/"></iframe>`);
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  expect(frame?.url()).toMatch(/^chrome-error:/);
  await expect(page.frameLocator('iframe').locator('.todoapp')).toHaveCount(0);
});
