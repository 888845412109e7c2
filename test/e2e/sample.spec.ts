import { expect, test } from '@playwright/test';

import { openApp, readExpectedFindings, readFindingRows, toRow, waitForAppState } from './app-page.ts';

test('Try a sample shows its findings', async ({ page }, testInfo) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Try a sample' }).click();
  await waitForAppState(page, 'done');

  const rows = await readFindingRows(page);
  expect(rows.length).toBeGreaterThanOrEqual(1);
  expect(rows).toEqual(readExpectedFindings('sample-expected-findings.json').map(toRow));
  await expect(page.locator('mailsweep-file-reports .file-name')).toHaveText('sample-purview-export.csv');

  // Kept as a test artifact so that the finished page can be looked at.
  await page.screenshot({ path: testInfo.outputPath('sample-result.png'), fullPage: true });
});
