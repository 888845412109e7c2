// The findings table in a 1280 x 800 window. Every row is in the box with no inner vertical scroll,
// and the columns on the right are reached through the scroll bar kept at the window's bottom while
// the Details column stays in view. An application that is not a known Microsoft one gets a one-line tag.
import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';

import { PLANTED_PURVIEW_CSV, analyzeFiles, isoUtc, openApp, readExpectedFindings } from './app-page.ts';

const expectedFindings = readExpectedFindings('expected-findings.json');

test.use({ viewport: { width: 1280, height: 800 } });

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
});

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boundsOf(locator: Locator): Promise<Bounds> {
  const bounds = await locator.boundingBox();
  if (!bounds) {
    throw new Error('The element is not rendered.');
  }
  return bounds;
}

function expectInside(inner: Bounds, outer: Bounds): void {
  expect(inner.x).toBeGreaterThanOrEqual(outer.x - 1);
  expect(inner.y).toBeGreaterThanOrEqual(outer.y - 1);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width + 1);
  expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height + 1);
}

test('table shows every row without inner scroll', async ({ page }) => {
  const table = page.locator('mailsweep-findings-table[data-kept]');
  const box = table.locator('[data-scroll-box]');
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(expectedFindings.length);

  const size = await box.evaluate((element) => ({ scrollHeight: element.scrollHeight, clientHeight: element.clientHeight }));
  expect(size.scrollHeight).toBeLessThanOrEqual(size.clientHeight + 1);

  const boxBounds = await boundsOf(box);
  for (const [index, finding] of expectedFindings.entries()) {
    const row = rows.nth(index);
    const rowBounds = await boundsOf(row);
    expect(rowBounds.y).toBeGreaterThanOrEqual(boxBounds.y);
    expect(rowBounds.y + rowBounds.height).toBeLessThanOrEqual(boxBounds.y + boxBounds.height + 1);
    await expect(row.locator('td[data-column="binStart"]')).toHaveText(isoUtc(finding.binStart));
  }
});

test('unknown application tag stays on one line', async ({ page }) => {
  const rows = page.locator('mailsweep-findings-table[data-kept] tbody tr');
  await expect(rows).toHaveCount(expectedFindings.length);

  for (const [index, finding] of expectedFindings.entries()) {
    const row = rows.nth(index);
    await expect(row.locator('td[data-column="clientAppId"] .app-id')).toHaveText(finding.clientAppId);

    // The planted ids are made up, so each gets the tag, read out in full by screen readers.
    const tag = row.locator('td[data-column="clientAppId"] [data-unknown-app]');
    await expect(tag.locator('[aria-hidden="true"]')).toHaveText('unknown app');
    await expect(tag.locator('.visually-hidden')).toHaveText('not a known Microsoft application');
    await expect(tag).toHaveAttribute('title', /^Not a known Microsoft application/);

    const lineBoxes = await tag.evaluate((element) => element.getClientRects().length);
    expect(lineBoxes).toBe(1);
    const tagBounds = await boundsOf(tag);
    expect(tagBounds.height).toBeLessThan(24);

    // The tag ends above the users list, which sets the row's height, so the tag adds none.
    const usersBounds = await boundsOf(row.locator('td[data-column="users"] mailsweep-value-list'));
    expect(tagBounds.y + tagBounds.height).toBeLessThanOrEqual(usersBounds.y + usersBounds.height);
  }
});

test('rail scrolls the table sideways', async ({ page }) => {
  const table = page.locator('mailsweep-findings-table[data-kept]');
  const box = table.locator('[data-scroll-box]');
  const rail = table.locator('[data-scroll-rail]');
  const firstRow = table.locator('tbody tr').first();
  const [firstFinding] = expectedFindings;
  if (!firstFinding) {
    throw new Error('The planted export has no findings; regenerate the fixtures.');
  }

  // The table is wider than the window, so the rail is shown, and it stays at the window's bottom
  // while the table continues below it.
  const overflow = await box.evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow).toBeGreaterThan(0);
  await expect(rail).toHaveJSProperty('hidden', false);
  await box.scrollIntoViewIfNeeded();
  const viewportHeight = page.viewportSize()?.height ?? 0;
  const boxBounds = await boundsOf(box);
  expect(boxBounds.y + boxBounds.height).toBeGreaterThan(viewportHeight);
  const railBounds = await boundsOf(rail);
  expect(railBounds.y + railBounds.height).toBeLessThanOrEqual(viewportHeight);

  // Scrolling the rail to its end brings the last column into the box, and Details stays at the left.
  await rail.evaluate((element) => {
    element.scrollLeft = element.scrollWidth;
  });
  await expect.poll(() => box.evaluate((element) => element.scrollLeft)).toBeGreaterThanOrEqual(overflow - 1);
  const visibleBox = await boundsOf(box);
  const lastEvent = firstRow.locator('td[data-column="lastEventTime"]');
  await expect(lastEvent).toHaveText(isoUtc(firstFinding.lastEventTime));
  expectInside(await boundsOf(lastEvent), visibleBox);
  expectInside(await boundsOf(firstRow.locator('button[data-details]')), visibleBox);

  // Scrolling the box, as a trackpad or the arrow keys do, moves the rail with it.
  await box.evaluate((element) => {
    element.scrollLeft = 0;
  });
  await expect.poll(() => rail.evaluate((element) => element.scrollLeft)).toBe(0);
  expectInside(await boundsOf(firstRow.locator('td[data-column="binStart"]')), await boundsOf(box));
});
