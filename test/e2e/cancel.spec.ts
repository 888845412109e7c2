import { expect, test } from '@playwright/test';

import { PLANTED_PURVIEW_CSV, analyzeFiles, chooseFiles, expectFindingCount, openApp, readExpectedFindings, waitForAppState } from './app-page.ts';
import { useLargeExport } from './large-export.ts';

const largeExportPath = useLargeExport();

test('cancel during a run returns to a usable page', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await openApp(page);
  await chooseFiles(page, largeExportPath());
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
