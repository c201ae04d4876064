// The popover page as the adapter serves it: the app:// handler's path rules and its
// Content-Security-Policy header, in real Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { CONTENT_SECURITY_POLICY, POPOVER_URL, serveAppRequest } from '../../src/main/electron/app-protocol-handler';
import { buildRenderer, launchChromium, ORIGIN, RENDERER_DIST as ROOT, serveRenderer } from './popover-harness';

const fetchFile = async (url: string): Promise<Response> => {
  try {
    return new Response(readFileSync(fileURLToPath(url)));
  } catch {
    return new Response('', { status: 404 });
  }
};

let browser: Browser;
before(async () => {
  await buildRenderer();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test('the handler serves the popover with its CSP and refuses other hosts, escapes and missing files', async () => {
  const page = await serveAppRequest(POPOVER_URL, ROOT, fetchFile);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal((await serveAppRequest('app://elsewhere/index.html', ROOT, fetchFile)).status, 404);
  assert.equal((await serveAppRequest('app://rolekeeper/..%2f..%2fpackage.json', ROOT, fetchFile)).status, 403);
  assert.equal((await serveAppRequest('app://rolekeeper/no-such-file.js', ROOT, fetchFile)).status, 404);
  assert.equal((await serveAppRequest('app://rolekeeper/%E0%A4%A', ROOT, fetchFile)).status, 400);
});

test('in Chromium the served page loads and the CSP header blocks injected inline script', async () => {
  const context = await browser.newContext();
  await serveRenderer(context);
  const page = await context.newPage();
  const response = await page.goto(`${ORIGIN}/index.html`);
  assert.equal(response?.headers()['content-security-policy'], CONTENT_SECURITY_POLICY);
  const result = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { injected: (window as unknown as { __injected?: boolean }).__injected === true, violations, pageLoaded: document.querySelector('#title') !== null };
  });
  assert.equal(result.injected, false);
  assert.ok(result.violations.some((directive) => directive.startsWith('script-src')), JSON.stringify(result.violations));
  assert.equal(result.pageLoaded, true);
  await context.close();
});
