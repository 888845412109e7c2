import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { CORPUS, PLANTED_PURVIEW_CSV, analyzeFiles, openApp } from './app-page.ts';

/** The real en-AU Search-UnifiedAuditLog export: no Workload or app ids, and ResultCount 226,494 for one row. */
const AU_LOCALE_CSV = resolve(CORPUS, 'samples/search-unifiedauditlog_export-csv_au-locale_fixture.csv');

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, [PLANTED_PURVIEW_CSV, AU_LOCALE_CSV]);
});

test('data-quality report comes before the findings', async ({ page }) => {
  const qualityHeading = page.locator('mailsweep-app h2#files-heading');
  const findingsHeading = page.locator('mailsweep-app h2#findings-heading');
  await expect(qualityHeading).toHaveText('Data quality');
  await expect(findingsHeading).toBeVisible();

  const qualityTop = (await qualityHeading.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
  const findingsTop = (await findingsHeading.boundingBox())?.y ?? Number.NEGATIVE_INFINITY;
  expect(qualityTop).toBeLessThan(findingsTop);
});

test('notices of the incomplete export are shown as warnings', async ({ page }) => {
  const auReport = page.locator('mailsweep-file-reports article[data-file="search-unifiedauditlog_export-csv_au-locale_fixture.csv"]');
  const notices = auReport.locator('li.notice');

  await expect(notices).toHaveCount(2);
  await expect(notices.nth(0)).toHaveAttribute('data-code', 'missing-fields');
  await expect(notices.nth(1)).toHaveAttribute('data-code', 'result-count-exceeds-rows');
  await expect(notices.nth(1)).toHaveClass(/warning/);
  await expect(notices.nth(1)).toContainText('226,494 results');
  await expect(auReport.locator('.time-range')).toHaveText('2025-12-03T07:31:34Z to 2025-12-03T07:31:34Z');

  // The planted export reads cleanly, so it is a row of the compact table, not a card.
  const plantedReport = page.locator('mailsweep-file-reports tr[data-file="planted.purview.csv"]');
  await expect(plantedReport.locator('.time-range')).toHaveText(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z to \d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
});

test('data-quality export downloads one row per file', async ({ page }) => {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export data-quality report' }).click();
  const download = await downloadPromise;

  expect(download.suggestedFilename()).toMatch(/^mailsweep-data-quality-\d{8}T\d{6}Z\.csv$/);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('file,size_bytes,format,encoding,records_read,mail_items_accessed,duplicates_removed,')).toBe(true);
  expect(text).toContain('\r\nplanted.purview.csv,');
  expect(text).toContain('\r\nsearch-unifiedauditlog_export-csv_au-locale_fixture.csv,');
  expect(text).toContain('result-count-exceeds-rows: search-unifiedauditlog_export-csv_au-locale_fixture.csv holds 1 row');
});
