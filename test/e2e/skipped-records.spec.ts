// Records that could not be read: findings from such a file carry a caution, and the data-quality
// report gives the lines where the skipped records start.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

import { analyzeSources } from '../../src/core/analysis/analyze-sources.ts';
import { ESCU_SETTINGS } from '../../src/core/detect/detection-settings.ts';
import { CORPUS, PLANTED_PURVIEW_CSV, analyzeFiles, openApp } from './app-page.ts';

/** Writes the planted Purview export cut off in the middle of its last record, as an interrupted copy leaves it. */
function writeCutExport(path: string): void {
  const text = readFileSync(PLANTED_PURVIEW_CSV, 'utf8');
  const lastRecordStart = text.lastIndexOf('\r\n', text.length - 3) + 2;
  const cutAt = lastRecordStart + Math.floor((text.length - lastRecordStart) / 2);
  writeFileSync(path, text.slice(0, cutAt));
}

test('findings of a cut export carry a caution', async ({ page }, testInfo) => {
  const cutPath = testInfo.outputPath('planted-cut.purview.csv');
  writeCutExport(cutPath);
  const { result } = await analyzeSources([{ name: basename(cutPath), source: new Blob([readFileSync(cutPath)]) }], ESCU_SETTINGS);
  expect(result.summary.skippedTotal).toBe(1);
  expect(result.findings.length).toBeGreaterThan(0);

  await openApp(page);
  await analyzeFiles(page, cutPath);

  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${result.findings.length} findings`);
  await expect(page.locator('mailsweep-investigation [data-skipped-caution]')).toHaveText(
    '1 record could not be read, so the findings may be incomplete. See the data-quality report above.',
  );
  const skippedLine = result.summary.files[0]?.skipped[0]?.firstLines[0];
  await expect(page.locator('mailsweep-file-reports [data-file]')).toContainText(`Truncated record: 1 record at line ${String(skippedLine)}.`);
});

test('intact export has no caution', async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);

  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(/^\d+ findings$/);
  await expect(page.locator('mailsweep-investigation [data-skipped-caution]')).toHaveCount(0);
});

test('records sharing a line name it once', async ({ page }) => {
  // The Graph runHuntingQuery response is one JSON document with two result rows, neither an audit
  // record, and both are reported at line 1, where the document starts.
  const response = resolve(CORPUS, 'samples/graph-runhuntingquery_docs-response.json');

  await openApp(page);
  await analyzeFiles(page, response);

  await expect(page.locator('mailsweep-file-reports [data-file]')).toContainText('Not an audit record: 2 records, first seen at line 1.');
  await expect(page.locator('mailsweep-empty-result')).toContainText('2 records were skipped, as the data-quality report above explains.');
});
