// The timeline: one heat-strip row per application as the core counts them, and a chart of the
// chosen application with the threshold line. Also the near misses, listed when the settings request them.
import { expect, test } from '@playwright/test';
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';

import { analyzeSources } from '../../src/core/analysis/analyze-sources.ts';
import { ESCU_SETTINGS } from '../../src/core/detect/detection-settings.ts';
import { PLANTED_PURVIEW_CSV, analyzeFiles, openApp, waitForAppState } from './app-page.ts';

test('heat strip and chart follow the core timeline', async ({ page }) => {
  const source = await openAsBlob(PLANTED_PURVIEW_CSV);
  const { session } = await analyzeSources([{ name: basename(PLANTED_PURVIEW_CSV), source }], ESCU_SETTINGS);
  const timeline = session.timeline(ESCU_SETTINGS);
  expect(timeline.apps.length).toBeGreaterThan(1);

  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);

  const view = page.locator('mailsweep-timeline');
  const rows = view.locator('.strip button[data-app]');
  await expect(rows).toHaveCount(Math.min(timeline.apps.length, 12));
  for (const [index, app] of timeline.apps.slice(0, 12).entries()) {
    await expect(rows.nth(index)).toHaveAttribute('data-app', app.clientAppId);
    await expect(rows.nth(index)).toHaveAttribute('aria-label', new RegExp(`at most ${app.maxMailboxes} distinct mailboxes`));
  }

  // The busiest application is charted first; another one is charted when picked.
  const busiest = timeline.apps[0]?.clientAppId ?? '';
  const second = timeline.apps[1]?.clientAppId ?? '';
  await expect(view.locator('[data-chart]')).toHaveAttribute('data-chart', busiest);
  await expect(view.locator('[data-threshold]')).toHaveText('threshold: more than 5');

  // The planted ids are made up: the chart's title shows the id with the unknown-application tag.
  const heading = view.locator('#chart-heading');
  await expect(heading.locator('.mono')).toHaveText(busiest);
  await expect(heading.locator('[data-unknown-app] [aria-hidden="true"]')).toHaveText('unknown app');
  const busiestBinsOver = timeline.apps[0]?.mailboxes.filter((mailboxes) => mailboxes > 5).length;
  expect(busiestBinsOver).toBe(1);
  await expect(view.locator('#chart-description')).toContainText('1 bin over the threshold of 5.');
  await rows.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(view.locator('[data-chart]')).toHaveAttribute('data-chart', second);
  await expect(rows.nth(1)).toHaveAttribute('aria-pressed', 'true');
});

test('near misses are listed on request', async ({ page }) => {
  const settings = { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds], includeNearMisses: true };
  const source = await openAsBlob(PLANTED_PURVIEW_CSV);
  const { result } = await analyzeSources([{ name: basename(PLANTED_PURVIEW_CSV), source }], settings);
  const nearMisses = result.nearMisses ?? [];
  expect(nearMisses.length).toBeGreaterThan(0);

  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await page.locator('mailsweep-app details#detection-settings > summary').click();
  await page.getByRole('checkbox', { name: /^Also show near misses/ }).check();
  await waitForAppState(page, 'done');

  const table = page.locator('mailsweep-findings-table[data-near-misses]');
  await expect(table.locator('caption')).toContainText(`${nearMisses.length} near ${nearMisses.length === 1 ? 'miss' : 'misses'}`);
  await expect(table.locator('td[data-column="uniqueMailboxes"]')).toHaveText(nearMisses.map((finding) => String(finding.uniqueMailboxes)));
  await expect(page.locator('mailsweep-departures [data-departures]')).toContainText('Near misses listed');
});
