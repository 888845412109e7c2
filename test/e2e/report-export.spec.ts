// The report exports: the HTML report opens with the browser offline and shows every finding, and
// the JSON exports carry the file's SHA-256, the settings and the findings.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { PLANTED_PURVIEW_CSV, analyzeFiles, isoUtc, openApp, readExpectedFindings } from './app-page.ts';

const expectedFindings = readExpectedFindings('expected-findings.json');
const plantedSha256 = createHash('sha256').update(readFileSync(PLANTED_PURVIEW_CSV)).digest('hex');

async function exportFrom(page: Page, buttonName: string): Promise<{ name: string; path: string }> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName }).click();
  const download = await downloadPromise;
  return { name: download.suggestedFilename(), path: await download.path() };
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
});

test('HTML report opens offline with the findings', async ({ page, context }, testInfo) => {
  const download = await exportFrom(page, 'Export HTML report');
  expect(download.name).toMatch(/^mailsweep-report-\d{8}T\d{6}Z\.html$/);
  const reportPath = testInfo.outputPath('report.html');
  copyFileSync(download.path, reportPath);

  await context.setOffline(true);
  const reportPage = await context.newPage();
  const requests: string[] = [];
  reportPage.on('request', (request) => requests.push(request.url()));
  await reportPage.goto(pathToFileURL(reportPath).href);

  const articles = reportPage.locator('#findings article.finding');
  await expect(articles).toHaveCount(expectedFindings.length);
  for (const [index, finding] of expectedFindings.entries()) {
    await expect(articles.nth(index).locator('h3')).toContainText(finding.clientAppId);
    await expect(articles.nth(index).locator('h3')).toContainText(isoUtc(finding.binStart));
  }
  await expect(reportPage.locator('#drill-downs article')).toHaveCount(expectedFindings.length);
  await expect(reportPage.locator('body')).toContainText(plantedSha256);

  // The report needs nothing beyond its own file.
  expect(requests).toEqual([pathToFileURL(reportPath).href]);
});

test('JSON report carries hash, settings and findings', async ({ page }) => {
  const download = await exportFrom(page, 'Export JSON report');
  expect(download.name).toMatch(/^mailsweep-report-\d{8}T\d{6}Z\.json$/);
  const report = JSON.parse(readFileSync(download.path, 'utf8')) as {
    provenance: { generator: { version: string }; detection: { isEscuDefault: boolean; settings: { threshold: number } }; inputs: { name: string; sha256: string | null }[] };
    findings: { clientAppId: string; binStart: number; uniqueMailboxes: number }[];
  };

  const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  expect(report.provenance.generator.version).toBe(packageVersion);
  expect(report.provenance.detection.isEscuDefault).toBe(true);
  expect(report.provenance.detection.settings.threshold).toBe(5);
  expect(report.provenance.inputs).toEqual([{ name: 'planted.purview.csv', sizeBytes: readFileSync(PLANTED_PURVIEW_CSV).length, sha256: plantedSha256 }]);
  expect(report.findings.map(({ clientAppId, binStart, uniqueMailboxes }) => ({ clientAppId, binStart, uniqueMailboxes }))).toEqual(
    expectedFindings.map(({ clientAppId, binStart, uniqueMailboxes }) => ({ clientAppId, binStart, uniqueMailboxes })),
  );
});

test('notable events JSON has one event per finding', async ({ page }) => {
  const download = await exportFrom(page, 'Export notable events JSON');
  expect(download.name).toMatch(/^mailsweep-notable-events-\d{8}T\d{6}Z\.json$/);
  const notable = JSON.parse(readFileSync(download.path, 'utf8')) as {
    notable_events: { ClientAppId: string; risk_score: number }[];
    risk_events: unknown[];
  };

  expect(notable.notable_events.map((event) => event.ClientAppId)).toEqual(expectedFindings.map((finding) => finding.clientAppId));
  expect(notable.notable_events.every((event) => event.risk_score === 42)).toBe(true);
  expect(notable.risk_events).toHaveLength(expectedFindings.reduce((total, finding) => total + finding.users.length, 0));
});
