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

  // Both files read cleanly, so both are rows of the compact table, ordered by name.
  const reports = page.locator('mailsweep-file-reports');
  await expect(reports.locator('.file-name')).toHaveText(['planted.jsonl', 'planted.purview.csv']);
  await expect(reports.locator('tr[data-file]')).toHaveCount(2);
  await expect(reports.locator('[data-file="planted.jsonl"] [data-fact="format"]')).toHaveText('JSON lines');
  // Both files contain the same planted records, so every record of the second one is a duplicate
  // and the findings are those of one file.
  const fact = (file: string, name: string) => reports.locator(`[data-file="${file}"] [data-fact="${name}"]`);
  const secondRecordsRead = await fact('planted.jsonl', 'recordsRead').innerText();
  expect(Number(secondRecordsRead)).toBeGreaterThan(0);
  await expect(fact('planted.jsonl', 'duplicatesRemoved')).toHaveText(secondRecordsRead);
  expect(await readFindingRows(page)).toEqual(readExpectedFindings('expected-findings.json').map(toRow));
});
