// A large export is read in byte ranges, one per core, by the analysis worker and nested range
// workers. The page shows exactly what the core finds when it reads the file whole. The range
// workers stop when the read ends or is cancelled.
import { openAsBlob, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';

import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { analyzeSources } from '../../src/core/analysis/analyze-sources.ts';
import { formatFindingsCsv } from '../../src/core/export/findings-csv.ts';
import { MIN_RANGE_BYTES } from '../../src/core/split/range-plan.ts';
import { chooseFiles, openApp, readTotals, waitForAppState } from './app-page.ts';
import { expectCoreColumnsFirst } from './csv-export.ts';
import { useLargeExport } from './large-export.ts';

const largeExportPath = useLargeExport();

/** Name that range-worker-pool.ts gives each range worker (its RANGE_WORKER_NAME). */
const RANGE_WORKER_NAME = 'mailsweep-range';

/** Number of range workers running in the browser now. */
async function countRangeWorkers(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    return targetInfos.filter((target) => target.type === 'worker' && target.title === RANGE_WORKER_NAME).length;
  } finally {
    await session.detach();
  }
}

/** Waits until `expected` range workers run at once. */
async function waitForRangeWorkers(page: Page, expected: number): Promise<void> {
  await expect.poll(() => countRangeWorkers(page), { timeout: 20_000, intervals: [50] }).toBe(expected);
}

test('large export in ranges shows whole-file findings', async ({ page }) => {
  test.setTimeout(120_000);
  const path = largeExportPath();
  const { result } = await analyzeSources([{ name: basename(path), source: await openAsBlob(path) }]);
  expect(result.findings.length).toBeGreaterThan(0);

  await openApp(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await chooseFiles(page, path);
  await waitForAppState(page, 'running');
  // Range 0 is read in the analysis worker and every other range in a range worker. There is one
  // range per core, as long as each range gets at least MIN_RANGE_BYTES.
  const ranges = Math.min(cores, Math.floor(statSync(path).size / MIN_RANGE_BYTES));
  await waitForRangeWorkers(page, ranges - 1);
  await waitForAppState(page, 'done', 90_000);

  // The CSV export contains every finding, and reading the table row by row takes minutes at this size.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const exported = readFileSync(await (await downloadPromise).path(), 'utf8');
  expectCoreColumnsFirst(exported, formatFindingsCsv(result.findings));
  const { summary } = result;
  const expectedTotals = {
    'Records read': summary.recordsRead,
    'Duplicates removed': summary.duplicatesRemoved,
    Skipped: summary.skippedTotal,
    MailItemsAccessed: summary.mailItemsAccessed,
    'With app ids': summary.withAppIds,
    'Through Graph or EWS': summary.apiAccess,
    Findings: summary.findings,
  };
  expect(await readTotals(page)).toMatchObject(Object.fromEntries(Object.entries(expectedTotals).map(([label, value]) => [label, value.toLocaleString('en-US')])));
  await expect.poll(() => countRangeWorkers(page)).toBe(0);
});

test('cancel stops the range workers', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await chooseFiles(page, largeExportPath());
  await expect.poll(() => countRangeWorkers(page), { timeout: 20_000, intervals: [50] }).toBeGreaterThan(0);

  await page.locator('mailsweep-progress').getByRole('button', { name: 'Cancel' }).click();
  await waitForAppState(page, 'idle');
  await expect.poll(() => countRangeWorkers(page)).toBe(0);
  await expect(page.locator('mailsweep-app .notice')).toHaveText(/The analysis was cancelled\./);
});
