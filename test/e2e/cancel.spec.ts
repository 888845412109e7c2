import { expect, test } from '@playwright/test';

import { PLANTED_PURVIEW_CSV, analyzeFiles, chooseFiles, expectFindingCount, openApp, readExpectedFindings, waitForAppState } from './app-page.ts';
import { writeLargeExport } from './large-export.ts';
import type { LargeExport } from './large-export.ts';

let largeExport: LargeExport | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  largeExport = await writeLargeExport();
});

test.afterAll(() => {
  largeExport?.remove();
});

test('cancel during a run returns to a usable page', async ({ page }) => {
  if (!largeExport) {
    throw new Error('The large export was not generated.');
  }
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await openApp(page);
  await chooseFiles(page, largeExport.path);
  await waitForAppState(page, 'running');

  const progress = page.locator('mailsweep-progress');
  await expect(progress.locator('.rate')).toContainText('MB/s');
  const percentBeforeCancel = Number((await progress.locator('.percent').innerText()).replace('%', ''));
  expect(percentBeforeCancel).toBeLessThan(100);

  await progress.getByRole('button', { name: 'Cancel' }).click();
  await waitForAppState(page, 'idle');

  await expect(progress).toHaveCount(0);
  await expect(page.locator('mailsweep-app .notice')).toHaveText(/The analysis was cancelled\./);
  await expect(page.locator('mailsweep-findings-table')).toHaveCount(0);
  await expect(page.locator('mailsweep-drop-zone input[type="file"]')).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Try a sample' })).toBeEnabled();

  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await expectFindingCount(page, readExpectedFindings('expected-findings.json').length);
  // The worker stopped at a slice boundary and then ran the next analysis. Had it missed the
  // cancel, the client would have terminated it and started a second worker.
  expect(workers).toHaveLength(1);
});
