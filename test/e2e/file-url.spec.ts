// The built page must work when dist/index.html is opened straight from disk, with no server.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import {
  DIST_INDEX_URL,
  GENERATED_FIXTURES,
  PLANTED_PURVIEW_CSV,
  analyzeFiles,
  openApp,
  readExpectedFindings,
  readFindingRows,
  toRow,
} from './app-page.ts';
import { expectCoreColumnsFirst } from './csv-export.ts';

test('analysis and export from file://', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await openApp(page, DIST_INDEX_URL);
  expect(page.url()).toMatch(/^file:\/\//);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);

  expect(await readFindingRows(page)).toEqual(readExpectedFindings('expected-findings.json').map(toRow));

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const downloaded = readFileSync(await (await downloadPromise).path(), 'utf8');
  expectCoreColumnsFirst(downloaded, readFileSync(resolve(GENERATED_FIXTURES, 'expected-findings.csv'), 'utf8'));
  expect(pageErrors).toEqual([]);
});
