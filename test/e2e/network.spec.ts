// The page must not reach any host: the only request is for the page itself, plus blob: URLs that
// the page makes from memory (the inlined worker and the CSV downloads). The Content-Security-Policy
// blocks any other request, from the page and from the worker, and the page works offline.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { findAnalysisWorkers } from './analysis-worker.ts';
import { DIST_INDEX_URL, PLANTED_PURVIEW_CSV, analyzeFiles, openApp, readExpectedFindings, readFindingRows, toRow, waitForAppState } from './app-page.ts';

/** Collects the messages of Content-Security-Policy violations that the page reports on its console. */
function watchPolicyViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) {
      violations.push(message.text());
    }
  });
  return violations;
}

/** Clicks an export button and waits for its download, which must be made from memory. */
async function exportDownload(page: Page, buttonName: string): Promise<string> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName }).click();
  const download = await downloadPromise;
  expect(download.url()).toMatch(/^blob:/);
  return download.suggestedFilename();
}

async function expectPlantedFindings(page: Page): Promise<void> {
  expect(await readFindingRows(page)).toEqual(readExpectedFindings('expected-findings.json').map(toRow));
}

test('only the page itself is requested', async ({ page, context, baseURL }) => {
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  const policyViolations = watchPolicyViolations(page);

  await openApp(page);
  await page.getByRole('button', { name: 'Try a sample' }).click();
  await waitForAppState(page, 'done');
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await expectPlantedFindings(page);
  expect(await exportDownload(page, 'Export CSV')).toMatch(/^mailsweep-findings-\d{8}T\d{6}Z\.csv$/);
  expect(await exportDownload(page, 'Export data-quality report')).toMatch(/^mailsweep-data-quality-\d{8}T\d{6}Z\.csv$/);

  const pageUrl = new URL('/', baseURL).href;
  expect(requested).toContain(pageUrl);
  expect(requested.filter((url) => url !== pageUrl && !url.startsWith('blob:'))).toEqual([]);
  expect(policyViolations).toEqual([]);
});

test('analysis and exports work offline', async ({ page, context }) => {
  await openApp(page);
  await context.setOffline(true);

  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await expectPlantedFindings(page);
  await exportDownload(page, 'Export CSV');
  await exportDownload(page, 'Export data-quality report');
});

test('page opened offline from disk works', async ({ page, context }) => {
  await context.setOffline(true);
  await openApp(page, DIST_INDEX_URL);

  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await expectPlantedFindings(page);
});

test('policy blocks requests from page and worker', async ({ page, context, baseURL }) => {
  // Chromium reports a request that the policy blocks as started and then failed with "csp".
  const sent: string[] = [];
  const blocked: string[] = [];
  context.on('requestfinished', (request) => sent.push(request.url()));
  context.on('requestfailed', (request) => blocked.push(`${request.failure()?.errorText ?? ''} ${request.url()}`));
  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  const target = new URL('/exfiltrate?user=someone', baseURL).href;

  const fromPage = await page.evaluate(async (url) => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    const fetched = await fetch(url).then(
      () => 'fetched',
      (error: unknown) => (error instanceof Error ? error.name : 'rejected'),
    );
    navigator.sendBeacon(url, 'x');
    const image = new Image();
    const imageLoaded = await new Promise<boolean>((resolve) => {
      image.onload = () => { resolve(true); };
      image.onerror = () => { resolve(false); };
      image.src = url;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { fetched, imageLoaded, violations };
  }, target);

  const [worker] = await findAnalysisWorkers(page);
  const fromWorker = await worker?.evaluate(async (url) =>
    fetch(url).then(
      () => 'fetched',
      (error: unknown) => (error instanceof Error ? error.name : 'rejected'),
    ),
  target);

  expect(fromPage.fetched).toBe('TypeError');
  expect(fromPage.imageLoaded).toBe(false);
  expect(fromPage.violations).toEqual(expect.arrayContaining(['connect-src', 'img-src']));
  expect(fromWorker).toBe('TypeError');
  expect(sent.filter((url) => url.includes('/exfiltrate'))).toEqual([]);
  expect(blocked).toEqual([`csp ${target}`]);
});
