import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import {
  GENERATED_FIXTURES,
  PLANTED_PURVIEW_CSV,
  REPO_ROOT,
  analyzeFiles,
  openApp,
  readExpectedFindings,
  readFindingRows,
  readUniqueMailboxes,
  toRow,
} from './app-page.ts';
import { PROVENANCE_COLUMNS, expectCoreColumnsFirst } from './csv-export.ts';

const expectedFindings = readExpectedFindings('expected-findings.json');

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
});

test('planted export shows the expected findings', async ({ page }) => {
  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${expectedFindings.length} findings`);
  expect(await readFindingRows(page)).toEqual(expectedFindings.map(toRow));
});

test('file report names the detected format', async ({ page }) => {
  const report = page.locator('mailsweep-file-reports [data-file]');
  await expect(report).toHaveCount(1);
  await expect(report.locator('.file-name')).toHaveText('planted.purview.csv');
  await expect(report.locator('[data-fact="format"]')).toHaveText('Purview audit search CSV');
});

test('sorting by unique_mailboxes in both directions', async ({ page }) => {
  const header = page.locator('mailsweep-findings-table th[data-column="uniqueMailboxes"]');
  const headerButton = header.getByRole('button');
  const timeHeader = page.locator('mailsweep-findings-table th[data-column="binStart"]');
  const ascending = [...expectedFindings].sort((left, right) => left.uniqueMailboxes - right.uniqueMailboxes);
  const descending = [...expectedFindings].sort((left, right) => right.uniqueMailboxes - left.uniqueMailboxes);

  await expect(timeHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(header).not.toHaveAttribute('aria-sort');

  await headerButton.click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(timeHeader).not.toHaveAttribute('aria-sort');
  expect(await readUniqueMailboxes(page)).toEqual(ascending.map((finding) => finding.uniqueMailboxes));
  expect(await readFindingRows(page)).toEqual(ascending.map(toRow));

  await headerButton.focus();
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  expect(await readUniqueMailboxes(page)).toEqual(descending.map((finding) => finding.uniqueMailboxes));
  expect(await readFindingRows(page)).toEqual(descending.map(toRow));

  // Reading the rows clicked the "+N more" buttons, which moved the focus away from the header.
  await headerButton.focus();
  await page.keyboard.press('Space');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
});

test('export CSV keeps the Splunk columns and names its inputs', async ({ page }) => {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloadPromise;

  expect(download.suggestedFilename()).toMatch(/^mailsweep-findings-\d{8}T\d{6}Z\.csv$/);
  const downloaded = readFileSync(await download.path(), 'utf8');
  const expected = readFileSync(resolve(GENERATED_FIXTURES, 'expected-findings.csv'), 'utf8');
  const [header, ...added] = expectCoreColumnsFirst(downloaded, expected);
  expect(header).toEqual(['client_app_name', ...PROVENANCE_COLUMNS]);

  const version = (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const digest = createHash('sha256').update(readFileSync(PLANTED_PURVIEW_CSV)).digest('hex');
  expect(added).toHaveLength(expectedFindings.length);
  for (const cells of added) {
    expect(cells.slice(1)).toEqual(['ESCU defaults', version, `${digest}  planted.purview.csv`]);
  }
});
