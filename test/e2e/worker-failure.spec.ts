// When the analysis worker fails or stops, the pending analysis ends with an error on the page and
// the next analysis runs in a new worker.
import { expect, test } from '@playwright/test';
import type { Page, Worker } from '@playwright/test';

import { PLANTED_PURVIEW_CSV, analyzeFiles, chooseFiles, expectFindingCount, openApp, readExpectedFindings, waitForAppState } from './app-page.ts';
import { useLargeExport } from './large-export.ts';

const largeExportPath = useLargeExport();

/** Starts analysing the large export and returns the worker once the read is under way. */
async function startLongAnalysis(page: Page): Promise<Worker> {
  const workerPromise = page.waitForEvent('worker');
  await chooseFiles(page, largeExportPath());
  const worker = await workerPromise;
  await waitForAppState(page, 'running');
  await expect(page.locator('mailsweep-progress .rate')).toContainText('MB/s');
  return worker;
}

async function expectRecoveryWithNewWorker(page: Page): Promise<void> {
  await expect(page.locator('mailsweep-drop-zone input[type="file"]')).toBeEnabled();
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await expectFindingCount(page, readExpectedFindings('expected-findings.json').length);
}

test('worker that stops mid-run is reported', async ({ page }) => {
  await openApp(page);
  const worker = await startLongAnalysis(page);

  // close() ends the worker without an error event, so the evaluation itself never resolves.
  worker.evaluate(() => { self.close(); }).catch(() => undefined);
  await waitForAppState(page, 'error');

  await expect(page.getByRole('alert')).toHaveText(/The analysis worker stopped unexpectedly\./);
  await expect(page.locator('mailsweep-progress')).toHaveCount(0);
  await expectRecoveryWithNewWorker(page);
});

test('uncaught error in the worker is reported', async ({ page }) => {
  await openApp(page);
  const worker = await startLongAnalysis(page);

  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('planted worker failure');
    }, 0);
  });
  await waitForAppState(page, 'error');

  await expect(page.getByRole('alert')).toHaveText(/The analysis worker failed: .*planted worker failure/);
  await expectRecoveryWithNewWorker(page);
});
