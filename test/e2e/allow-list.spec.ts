// The allow-list editor: an entry suppresses exactly its findings and shows what it suppressed, the
// list renders as a Splunk macro, survives a reload, and an invalid import is rejected by name.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';

import { PLANTED_PURVIEW_CSV, analyzeFiles, openApp, readExpectedFindings, waitForAppState } from './app-page.ts';
import { PROVENANCE_COLUMNS, parseCsv } from './csv-export.ts';

const expectedFindings = readExpectedFindings('expected-findings.json');

/** The planted app with the most records, suppressed in these tests. */
const allowedApp = expectedFindings.reduce((best, finding) => (finding.recordCount > best.recordCount ? finding : best)).clientAppId;
const allowedFindings = expectedFindings.filter((finding) => finding.clientAppId === allowedApp);
const keptFindings = expectedFindings.filter((finding) => finding.clientAppId !== allowedApp);

async function openAllowList(page: Page): Promise<void> {
  const details = page.locator('mailsweep-app details#allow-list');
  if ((await details.getAttribute('open')) === null) {
    await details.locator(':scope > summary').click();
  }
}

test('entry suppresses its findings and counts them', async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await openAllowList(page);

  const editor = page.locator('mailsweep-allow-list-editor');
  await editor.getByLabel('Field').selectOption('ClientAppId');
  await editor.getByLabel('Value').fill(allowedApp.toUpperCase());
  await editor.getByLabel('Note (why it is allowed)').fill('Archiving connector, change 4711');
  await editor.getByRole('button', { name: 'Add entry' }).click();
  await waitForAppState(page, 'done');

  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${keptFindings.length} findings`);
  const keptIds = page.locator('mailsweep-findings-table[data-kept] td[data-column="clientAppId"] .app-id');
  await expect(keptIds).toHaveText(keptFindings.map((finding) => finding.clientAppId));
  const suppressedRecords = allowedFindings.reduce((total, finding) => total + finding.recordCount, 0);
  await expect(page.locator('mailsweep-investigation [data-suppressed] summary')).toContainText(
    `${allowedFindings.length} ${allowedFindings.length === 1 ? 'finding' : 'findings'} (${suppressedRecords} records)`,
  );
  await expect(editor.locator('tr[data-entry="1"] [data-count="findings"]')).toHaveText(String(allowedFindings.length));
  await expect(editor.locator('tr[data-entry="1"] [data-count="records"]')).toHaveText(String(suppressedRecords));
  await expect(editor.locator('pre[data-filter="splunk"]')).toContainText(allowedApp.toLowerCase());
  await expect(page.locator('mailsweep-departures [data-escu]')).toBeVisible();

  // The list is kept for the next visit and applied to the next analysis.
  await page.reload();
  await waitForAppState(page, 'idle');
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${keptFindings.length} findings`);

  // Removing the entry brings the findings back.
  await openAllowList(page);
  await editor.getByRole('button', { name: /^Remove entry 1/ }).click();
  await waitForAppState(page, 'done');
  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${expectedFindings.length} findings`);
});

test('export and import round-trip the list', async ({ page }, testInfo) => {
  await openApp(page);
  await openAllowList(page);
  const editor = page.locator('mailsweep-allow-list-editor');
  await editor.getByLabel('Field').selectOption('ClientIPAddress');
  await editor.getByLabel('Value').fill('192.0.2.77/24');
  await editor.getByLabel('Note (why it is allowed)').fill('Backup appliance subnet');
  await editor.getByRole('button', { name: 'Add entry' }).click();
  await expect(editor.locator('tr[data-entry="1"] .value')).toHaveText('192.0.2.0/24');

  const downloadPromise = page.waitForEvent('download');
  await editor.getByRole('button', { name: 'Export allow-list JSON' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^mailsweep-allow-list-\d{8}T\d{6}Z\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as unknown;
  expect(exported).toEqual({
    format: 'mailsweep-allow-list',
    version: 1,
    entries: [{ field: 'ClientIPAddress', value: '192.0.2.0/24', note: 'Backup appliance subnet' }],
  });

  const invalidPath = testInfo.outputPath('bad-allow-list.json');
  writeFileSync(invalidPath, JSON.stringify({ entries: [{ field: 'ClientIPAddress', value: '10.0.0.300', note: 'typo' }] }));
  const chooserPromise = page.waitForEvent('filechooser');
  await editor.getByRole('button', { name: 'Import allow-list JSON' }).click();
  await (await chooserPromise).setFiles(invalidPath);
  await expect(editor.locator('.errors')).toContainText('bad-allow-list.json: Entry 1, field "value"');
  await expect(editor.locator('tr[data-entry]')).toHaveCount(1);
});

test('the open editor keeps one file input on the page', async ({ page }) => {
  await openApp(page);
  await openAllowList(page);

  // Scripts start an analysis through `input[type=file]`, so a second one would break them.
  await expect(page.locator('input[type=file]')).toHaveCount(1);
});

test('export stays when every finding is suppressed', async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await openAllowList(page);

  // A glob that matches everything is rejected, so each planted application gets its own entry.
  const editor = page.locator('mailsweep-allow-list-editor');
  const appIds = [...new Set(expectedFindings.map((finding) => finding.clientAppId))];
  for (const appId of appIds) {
    await editor.getByLabel('Field').selectOption('ClientAppId');
    await editor.getByLabel('Value').fill(appId);
    await editor.getByLabel('Note (why it is allowed)').fill('Known archiving connector');
    await editor.getByRole('button', { name: 'Add entry' }).click();
    await waitForAppState(page, 'done');
  }

  await expect(editor.locator('tr[data-entry]')).toHaveCount(appIds.length);
  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText('0 findings');
  await waitForAppState(page, 'done');
  await expect(page.locator('mailsweep-investigation [data-all-suppressed]')).toContainText('saves the header only');
  await expect(page.locator('mailsweep-investigation [data-suppressed] summary')).toContainText(`${expectedFindings.length} findings`);

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloadPromise;
  const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
  expect(rows).toHaveLength(1);
  expect(rows[0]?.slice(0, 6)).toEqual(['_time', 'ClientAppId', 'ClientInfoString', 'src_ip', 'unique_mailboxes', 'user']);
  expect(rows[0]?.slice(-PROVENANCE_COLUMNS.length)).toEqual(PROVENANCE_COLUMNS);
});
