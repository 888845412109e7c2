// A large export is read in byte ranges, one per core, by the analysis worker and nested range
// workers. The page shows exactly what the core finds when it reads the file whole. The range
// workers that read stop when the read ends or is cancelled, and fresh spare ones take their place.
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

/** Target ids of the range workers running in the browser now. */
async function rangeWorkerIds(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    return targetInfos.filter((target) => target.type === 'worker' && target.title === RANGE_WORKER_NAME).map((target) => target.targetId);
  } finally {
    await session.detach();
  }
}

/** Returns the number of spare range workers the idle page keeps: one for each core but the analysis worker's. */
async function spareRangeWorkerCount(page: Page): Promise<number> {
  return (await page.evaluate(() => navigator.hardwareConcurrency)) - 1;
}

/**
 * Returns the number of ranges the page reads `path` in: range 0 in the analysis worker and every
 * other one in a spare range worker, one range per core as long as each gets MIN_RANGE_BYTES.
 */
function rangeCount(spares: number, path: string): number {
  return Math.min(spares + 1, Math.floor(statSync(path).size / MIN_RANGE_BYTES));
}

/**
 * Waits until the page has replaced the range workers in `reading` with fresh spares: only the
 * `unused` of them still run, and the page has its spare count again.
 */
async function expectFreshSpares(page: Page, reading: readonly string[], unused: number): Promise<void> {
  const spares = await spareRangeWorkerCount(page);
  await expect.poll(async () => (await rangeWorkerIds(page)).filter((id) => reading.includes(id)).length).toBe(unused);
  await expect.poll(async () => (await rangeWorkerIds(page)).length).toBe(spares);
}

test('large export in ranges shows whole-file findings', async ({ page }) => {
  test.setTimeout(120_000);
  const path = largeExportPath();
  const { result } = await analyzeSources([{ name: basename(path), source: await openAsBlob(path) }]);
  expect(result.findings.length).toBeGreaterThan(0);

  await openApp(page);
  const spares = await spareRangeWorkerCount(page);
  await expect.poll(async () => (await rangeWorkerIds(page)).length).toBe(spares);
  await chooseFiles(page, path);
  await waitForAppState(page, 'running');
  const ranges = rangeCount(spares, path);
  const reading = await rangeWorkerIds(page);
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
  await expectFreshSpares(page, reading, spares - (ranges - 1));
});

test('cancel stops the range workers', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  const spares = await spareRangeWorkerCount(page);
  await expect.poll(async () => (await rangeWorkerIds(page)).length).toBe(spares);
  const ranges = rangeCount(spares, largeExportPath());
  await chooseFiles(page, largeExportPath());
  await expect(page.locator('mailsweep-progress .rate')).toContainText('MB/s');
  const reading = await rangeWorkerIds(page);

  await page.locator('mailsweep-progress').getByRole('button', { name: 'Cancel' }).click();
  await waitForAppState(page, 'idle');
  await expectFreshSpares(page, reading, spares - (ranges - 1));
  await expect(page.locator('mailsweep-app .notice')).toHaveText(/The analysis was cancelled\./);
});
