// The drill-down of one finding: its mailboxes and records as the core computes them, the
// IsThrottled warning, the app's activity around the bin, keyboard use, and the CSV export.
import { expect, test } from '@playwright/test';
import { openAsBlob, readFileSync } from 'node:fs';
import { basename } from 'node:path';

import { analyzeSources } from '../../src/core/analysis/analyze-sources.ts';
import { ESCU_SETTINGS } from '../../src/core/detect/detection-settings.ts';
import type { DrillDown } from '../../src/core/detect/drill-down.ts';
import { formatDrillDownCsv } from '../../src/core/export/drill-down-csv.ts';
import type { Finding } from '../../src/core/types.ts';
import { PLANTED_PURVIEW_CSV, analyzeFiles, isoUtc, openApp } from './app-page.ts';
import { PROVENANCE_COLUMNS, expectCoreColumnsFirst } from './csv-export.ts';

interface Expected {
  finding: Finding;
  drillDown: DrillDown;
}

/** Runs the core in Node and returns the first finding with a throttled record and its drill-down. */
async function throttledFindingInNode(): Promise<Expected & { index: number }> {
  const source = await openAsBlob(PLANTED_PURVIEW_CSV);
  const { result, session } = await analyzeSources([{ name: basename(PLANTED_PURVIEW_CSV), source }], ESCU_SETTINGS);
  for (const [index, finding] of result.findings.entries()) {
    const drillDown = session.drillDown(finding, ESCU_SETTINGS);
    if (drillDown.throttledRecords > 0) {
      return { index, finding, drillDown };
    }
  }
  throw new Error('The planted export has no finding with an IsThrottled record; regenerate the fixtures.');
}

test('drill-down shows the records of a finding', async ({ page }) => {
  const expected = await throttledFindingInNode();
  const { drillDown } = expected;

  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  const details = page.locator('mailsweep-findings-table button[data-details]').nth(expected.index);
  await details.focus();
  await page.keyboard.press('Enter');

  const panel = page.locator('mailsweep-drill-down');
  await expect(panel.locator('h3')).toBeFocused();
  await expect(panel.locator('h3')).toHaveText(`Records of ${expected.finding.clientAppId}`);
  await expect(panel.locator('[data-fact="records"]')).toHaveText(String(drillDown.records.length));
  await expect(panel.locator('[data-fact="first"]')).toHaveText(isoUtc(drillDown.firstRecordTime));
  await expect(panel.locator('[data-fact="last"]')).toHaveText(isoUtc(drillDown.lastRecordTime));
  await expect(panel.locator('tr[data-mailbox]')).toHaveCount(drillDown.mailboxes.length);

  // The last column is each record's count of message ids.
  const recordsTable = panel.locator('mailsweep-drill-down-records');
  await expect(recordsTable.locator('thead th').last()).toHaveText('Message-id count');
  const firstCount = drillDown.records[0]?.messageIdCount;
  await expect(recordsTable.locator('tbody tr').first().locator('td').last()).toHaveText(firstCount === undefined ? '–' : firstCount.toLocaleString('en-US'));

  // Throttled records are named in a warning and marked in the records table.
  await expect(panel.locator('[data-throttled-warning]')).toContainText(`${drillDown.throttledRecords} record`);
  await expect(panel.locator('[data-throttled-warning]')).toContainText('IsThrottled = True');
  const throttledRows = panel.locator('mailsweep-drill-down-records tr[data-throttled="true"]');
  await expect(throttledRows).toHaveCount(drillDown.throttledRecords);
  const throttledUsers = drillDown.records.filter((record) => record.isThrottled === true).map((record) => record.userId ?? '');
  for (const [index, user] of throttledUsers.entries()) {
    await expect(throttledRows.nth(index)).toContainText(user);
  }

  // The bins around the finding: the finding's own bin is marked and contains all its records.
  const activity = panel.locator('table[data-activity] tbody tr');
  await expect(activity).toHaveCount(drillDown.activity.length);
  const findingBin = panel.locator('table[data-activity] tr[data-in-finding="true"]');
  await expect(findingBin).toHaveCount(1);
  await expect(findingBin.locator('td').nth(1)).toHaveText(String(expected.finding.recordCount));

  const downloadPromise = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export drill-down CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^mailsweep-drill-down-\d{8}T\d{6}Z\.csv$/);
  const added = expectCoreColumnsFirst(readFileSync(await download.path(), 'utf8'), formatDrillDownCsv(drillDown));
  expect(added[0]).toEqual(PROVENANCE_COLUMNS);

  // Closing the panel returns the focus to the finding's Details button.
  await panel.getByRole('button', { name: 'Close details' }).click();
  await expect(panel.locator('h3')).toHaveCount(0);
  await expect(details).toBeFocused();
});

test('application names mark unknown ids', async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);

  // The planted ClientAppIds are made up, so none is a Microsoft application.
  const names = page.locator('mailsweep-findings-table td[data-column="clientAppId"] [data-app-name]');
  await expect(names.first().locator('.visually-hidden')).toHaveText('not a known Microsoft application');
  await expect(page.locator('mailsweep-findings-table [data-unknown-app]')).toHaveCount(await names.count());

  // The records name the Graph AppId the reads went through.
  await page.locator('mailsweep-findings-table button[data-details]').first().click();
  await expect(page.locator('mailsweep-drill-down-records tbody tr').first()).toContainText('Microsoft Graph');
});
