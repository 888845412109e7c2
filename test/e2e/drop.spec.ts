// Files dropped together are analysed as one input, with one report per file.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import {
  GENERATED_FIXTURES,
  PLANTED_PURVIEW_CSV,
  openApp,
  readExpectedFindings,
  readFindingRows,
  toRow,
  waitForAppState,
} from './app-page.ts';

test('dropping two exports at once', async ({ page }) => {
  await openApp(page);
  const files = [
    { name: 'planted.purview.csv', text: readFileSync(PLANTED_PURVIEW_CSV, 'utf8') },
    { name: 'planted.jsonl', text: readFileSync(resolve(GENERATED_FIXTURES, 'planted.jsonl'), 'utf8') },
  ];
  const dataTransfer = await page.evaluateHandle((contents) => {
    const transfer = new DataTransfer();
    for (const { name, text } of contents) {
      transfer.items.add(new File([text], name));
    }
    return transfer;
  }, files);

  const zone = page.locator('mailsweep-drop-zone .zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await expect(zone).toHaveClass(/dragging/);
  await zone.dispatchEvent('drop', { dataTransfer });
  await waitForAppState(page, 'done');

  const reports = page.locator('mailsweep-file-reports article');
  await expect(reports.locator('h3')).toHaveText(['planted.purview.csv', 'planted.jsonl']);
  await expect(reports.nth(1)).toContainText('JSON lines');
  // Both files contain the same planted records, so every record of the second one is a duplicate
  // and the findings are those of one file.
  const fact = (report: number, label: string) =>
    reports.nth(report).locator('dl > div', { has: page.locator('dt', { hasText: label }) }).locator('dd');
  const secondRecordsRead = await fact(1, 'Records read').innerText();
  expect(Number(secondRecordsRead)).toBeGreaterThan(0);
  await expect(fact(1, 'Duplicates removed')).toHaveText(secondRecordsRead);
  expect(await readFindingRows(page)).toEqual(readExpectedFindings('expected-findings.json').map(toRow));
});
