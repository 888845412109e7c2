// After an analysis, the results are brought into a 1280 x 800 window and their first heading takes
// the focus, unless the user moved the focus elsewhere, such as into the settings, during the run.
import { expect, test } from '@playwright/test';

import { PLANTED_PURVIEW_CSV, analyzeFiles, openApp, readExpectedFindings, waitForAppState } from './app-page.ts';

const expectedFindings = readExpectedFindings('expected-findings.json');

test.use({ viewport: { width: 1280, height: 800 } });

test('results heading is shown after a drop', async ({ page }) => {
  await openApp(page);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await analyzeFiles(page, PLANTED_PURVIEW_CSV);

  const qualityHeading = page.locator('mailsweep-app h2#files-heading');
  await expect(qualityHeading).toBeFocused();
  await expect(qualityHeading).toBeInViewport();
  const findingsHeading = page.locator('mailsweep-app h2#findings-heading');
  await expect(findingsHeading).toHaveText(`${expectedFindings.length} findings`);
  await expect(findingsHeading).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

  // The next Tab reaches the first control of the results.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Export data-quality report' })).toBeFocused();
});

test('sample results are shown too', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Try a sample' }).click();
  await waitForAppState(page, 'done');

  await expect(page.locator('mailsweep-app h2#files-heading')).toBeFocused();
  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText('2 findings');
  await expect(page.locator('mailsweep-app h2#findings-heading')).toBeInViewport();
});

test('focus in the settings stays put', async ({ page }) => {
  await openApp(page);
  await page.locator('mailsweep-app details#detection-settings > summary').click();
  const threshold = page.getByLabel('A finding reads more than this many mailboxes');
  await threshold.focus();
  const scrollBefore = await page.evaluate(() => window.scrollY);

  await analyzeFiles(page, PLANTED_PURVIEW_CSV);

  await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText(`${expectedFindings.length} findings`);
  await expect(threshold).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
});
