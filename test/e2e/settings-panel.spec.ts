// The detection settings panel: a change re-detects from the worker's index, the findings and the
// page name every departure from ESCU, and the settings survive a reload.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';

import { analyzeSources } from '../../src/core/analysis/analyze-sources.ts';
import { ESCU_SETTINGS } from '../../src/core/detect/detection-settings.ts';
import type { DetectionSettings } from '../../src/core/detect/detection-settings.ts';
import type { Finding } from '../../src/core/types.ts';
import { PLANTED_PURVIEW_CSV, analyzeFiles, openApp, readExpectedFindings, readFindingRows, toRow, waitForAppState } from './app-page.ts';

const SETTINGS_STORAGE_KEY = 'mailsweep.detection-settings.v1';

/** Runs the core in Node on the planted export and returns the findings the page must show for these settings. */
async function detectInNode(settings: DetectionSettings): Promise<Finding[]> {
  const source = await openAsBlob(PLANTED_PURVIEW_CSV);
  const { result } = await analyzeSources([{ name: basename(PLANTED_PURVIEW_CSV), source }], settings);
  return result.findings;
}

async function openSettings(page: Page): Promise<void> {
  const details = page.locator('mailsweep-app details#detection-settings');
  if ((await details.getAttribute('open')) === null) {
    await details.locator('summary').click();
  }
}

test('threshold change re-detects and is labelled', async ({ page }) => {
  const escuFindings = readExpectedFindings('expected-findings.json');
  const lowered = { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds], threshold: 3 };
  const loweredFindings = await detectInNode(lowered);
  expect(loweredFindings.length).toBeGreaterThan(escuFindings.length);

  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await expect(page.locator('mailsweep-departures [data-escu]')).toBeVisible();
  await openSettings(page);

  const threshold = page.getByLabel('A finding reads more than this many mailboxes');
  await expect(threshold).toHaveValue('5');
  await threshold.fill('3');
  await threshold.press('Enter');
  await waitForAppState(page, 'done');

  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${loweredFindings.length} findings`);
  expect(await readFindingRows(page)).toEqual(loweredFindings.map(toRow));
  await expect(page.locator('mailsweep-departures [data-departures] li')).toHaveText([
    'Finding when more than 3 mailboxes are read (ESCU: more than 5).',
  ]);
  await expect(page.locator('mailsweep-settings-panel [data-departure="threshold"]')).toHaveText('Changed from ESCU');
  await expect(page.locator('[data-redetect-status]')).toContainText('without reading the files');

  // The settings come back after a reload and apply to the next analysis.
  await page.reload();
  await waitForAppState(page, 'idle');
  await expect(page.getByLabel('A finding reads more than this many mailboxes')).toHaveValue('3');
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${loweredFindings.length} findings`);

  await page.getByRole('button', { name: 'Restore ESCU defaults' }).click();
  await waitForAppState(page, 'done');
  expect(await readFindingRows(page)).toEqual(escuFindings.map(toRow));
  await expect(page.locator('mailsweep-departures [data-escu]')).toBeVisible();
});

test('invalid setting is rejected with its message', async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await openSettings(page);

  const pattern = page.getByLabel(/EWS pattern for ClientInfoString/);
  await pattern.fill('^Client=(WebServices');
  await pattern.press('Enter');

  await expect(pattern).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('mailsweep-settings-panel .error')).toContainText('Invalid regular expression');
  await expect(page.locator('mailsweep-departures [data-escu]')).toBeVisible();
  const stored = await page.evaluate((key) => localStorage.getItem(key), SETTINGS_STORAGE_KEY);
  expect(stored).toBeNull();
});

test('invalid stored settings fall back to ESCU', async ({ page }) => {
  await page.addInitScript((key) => {
    localStorage.setItem(key, '{"spanSeconds": 600, "threshold": "five"');
  }, SETTINGS_STORAGE_KEY);
  await openApp(page);

  await expect(page.locator('mailsweep-app .notice')).toContainText('The saved detection settings are not valid JSON');
  await openSettings(page);
  await expect(page.getByLabel('A finding reads more than this many mailboxes')).toHaveValue('5');
});

test('sliding window and identity are labelled', async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await openSettings(page);

  await page.getByRole('radio', { name: /^Sliding window of the same length/ }).check();
  await waitForAppState(page, 'done');
  await page.getByRole('radio', { name: /^MailboxOwnerUPN/ }).check();
  await waitForAppState(page, 'done');

  const expected = await detectInNode({ ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds], window: 'sliding', identity: 'MailboxOwnerUPN' });
  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${expected.length} ${expected.length === 1 ? 'finding' : 'findings'}`);
  await expect(page.locator('mailsweep-departures [data-departures] li')).toHaveCount(2);
  await expect(page.locator('mailsweep-departures [data-departures]')).toContainText('Sliding 10 minutes window');
  await expect(page.locator('mailsweep-departures [data-departures]')).toContainText('MailboxOwnerUPN');
});

test('invalid field holds back other changes', async ({ page }) => {
  const escuFindings = readExpectedFindings('expected-findings.json');
  const tuned = { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds], threshold: 4, window: 'sliding' as const };
  const tunedFindings = await detectInNode(tuned);
  expect(tunedFindings.length).toBeGreaterThan(escuFindings.length);

  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await openSettings(page);

  const threshold = page.getByLabel('A finding reads more than this many mailboxes');
  await threshold.fill('');
  await threshold.press('Enter');
  await page.getByRole('radio', { name: /^Sliding window of the same length/ }).check();

  // The form names the invalid field and marks the change that waits for it.
  const blocked = page.locator('mailsweep-settings-panel [data-settings-blocked]');
  await expect(blocked).toHaveText('Threshold is invalid, so no change is applied until it is fixed. Not applied yet: Window.');
  await expect(page.locator('mailsweep-settings-panel [data-waiting]')).toHaveText(['Not applied yet']);
  await expect(page.locator('mailsweep-settings-panel [data-waiting="window"]')).toBeVisible();
  await expect(page.locator('mailsweep-departures [data-escu]')).toBeVisible();
  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${escuFindings.length} findings`);

  // Fixing the field applies both changes at once.
  await threshold.fill('4');
  await threshold.press('Enter');
  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${tunedFindings.length} findings`);
  await waitForAppState(page, 'done');
  expect(await readFindingRows(page)).toEqual(tunedFindings.map(toRow));
  await expect(blocked).toHaveText('');
  await expect(page.locator('mailsweep-settings-panel [data-waiting]')).toHaveCount(0);
  await expect(page.locator('mailsweep-departures [data-departures] li')).toHaveCount(2);
});
