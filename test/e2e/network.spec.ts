// The page must not reach any host: the only request is for the page itself, plus blob: URLs that
// the page makes from memory (the inlined worker and the CSV download).
import { expect, test } from '@playwright/test';

import { PLANTED_PURVIEW_CSV, analyzeFiles, openApp, waitForAppState } from './app-page.ts';

test('only the page itself is requested', async ({ page, context, baseURL }) => {
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  const policyViolations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) {
      policyViolations.push(message.text());
    }
  });

  await openApp(page);
  await page.getByRole('button', { name: 'Try a sample' }).click();
  await waitForAppState(page, 'done');
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await downloadPromise;

  const pageUrl = new URL('/', baseURL).href;
  expect(requested).toContain(pageUrl);
  expect(requested.filter((url) => url !== pageUrl && !url.startsWith('blob:'))).toEqual([]);
  expect(policyViolations).toEqual([]);
});
