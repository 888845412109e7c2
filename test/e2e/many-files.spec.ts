// Drops of many small per-user files, as a Hawk collection makes. The clean files share a collapsed
// table, files with something to report get cards, and the findings stay within two screen heights.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { GENERATED_FIXTURES, analyzeFiles, openApp, readExpectedFindings, readFindingRows, toRow } from './app-page.ts';

const FILE_COUNT = 40;
const WINDOW = { width: 1280, height: 900 };
const BROKEN_FILE = 'user-17.jsonl';

/** Line of the broken file that contains the JSON line cut short, counted from 1. */
const BROKEN_LINE = 3;

const plantedLines = readFileSync(resolve(GENERATED_FIXTURES, 'planted.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

let scratchDirectory = '';

function fileName(part: number): string {
  return `user-${part + 1}.jsonl`;
}

/**
 * Deals the planted lines to FILE_COUNT parts in turn, so that every part contains reads with app
 * ids and has nothing to report.
 */
function dealLines(): string[][] {
  return Array.from({ length: FILE_COUNT }, (_unused, part) => plantedLines.filter((_line, index) => index % FILE_COUNT === part));
}

/**
 * Cuts the planted lines into FILE_COUNT runs of 9 or 10 lines in file order. Several runs then
 * hold MailItemsAccessed reads by Outlook only, without app ids, which the reader warns about.
 */
function cutLines(): string[][] {
  return Array.from({ length: FILE_COUNT }, (_unused, part) =>
    plantedLines.slice(Math.floor((part * plantedLines.length) / FILE_COUNT), Math.floor(((part + 1) * plantedLines.length) / FILE_COUNT)),
  );
}

/**
 * Writes the parts as user-1.jsonl to user-40.jsonl. BROKEN_FILE also gets a copy of its first record
 * cut short, which the reader must skip. The copy adds no record, so the findings stay those of the
 * planted file.
 */
function writeParts(folder: string, parts: string[][]): string[] {
  mkdirSync(folder);
  return parts.map((lines, part) => {
    const partLines = [...lines];
    if (fileName(part) === BROKEN_FILE) {
      const first = partLines[0] ?? '';
      partLines.splice(BROKEN_LINE - 1, 0, first.slice(0, Math.floor(first.length / 2)));
    }

    const path = join(folder, fileName(part));
    writeFileSync(path, `${partLines.join('\n')}\n`);
    return path;
  });
}

/** True when the lines hold MailItemsAccessed records but none with both AppId and ClientAppId. */
function lacksAppIds(lines: string[]): boolean {
  const reads = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((record) => record.Operation === 'MailItemsAccessed');
  return reads.length > 0 && !reads.some((record) => Boolean(record.AppId) && Boolean(record.ClientAppId));
}

function parseCount(text: string): number {
  return Number(text.replaceAll(',', ''));
}

async function expectFindingsWithinTwoScreens(page: Page): Promise<void> {
  const findingsHeading = page.locator('mailsweep-app h2#findings-heading');
  await expect(findingsHeading).toHaveText(/^\d+ findings?$/);
  const box = await findingsHeading.boundingBox();
  expect(box).not.toBeNull();
  expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(2 * WINDOW.height);
}

test.beforeAll(() => {
  scratchDirectory = mkdtempSync(join(tmpdir(), 'mailsweep-many-'));
});

test.afterAll(() => {
  rmSync(scratchDirectory, { recursive: true, force: true });
});

test.describe('one broken file among clean ones', () => {
  let paths: string[] = [];

  test.beforeAll(() => {
    paths = writeParts(join(scratchDirectory, 'dealt'), dealLines());
  });

  test.beforeEach(async ({ page }) => {
    await page.setViewportSize(WINDOW);
    await openApp(page);
    await analyzeFiles(page, paths);
  });

  test('findings heading within two screens', async ({ page }, testInfo) => {
    // Kept as a test artifact so that the page of a large drop can be looked at.
    await page.screenshot({ path: testInfo.outputPath('many-clean-files.png'), fullPage: true });
    await expectFindingsWithinTwoScreens(page);
  });

  test('broken file gets a full card', async ({ page }) => {
    const reports = page.locator('mailsweep-file-reports');
    await expect(reports.locator('.overview')).toHaveText(`1 of ${FILE_COUNT} files has warnings. ${FILE_COUNT - 1} files read cleanly.`);

    const cards = reports.locator('article');
    await expect(cards).toHaveCount(1);
    await expect(cards).toHaveAttribute('data-file', BROKEN_FILE);
    await expect(cards.locator('h3')).toHaveText(BROKEN_FILE);
    await expect(cards).toBeVisible();
    await expect(cards.locator('[data-fact="skipped"]')).toHaveText('1');

    const skipped = cards.locator('ul.skipped li');
    await expect(skipped).toHaveCount(1);
    await expect(skipped).toContainText(`Invalid JSON: 1 record at line ${BROKEN_LINE}.`);
  });

  test('clean files fill the collapsed table', async ({ page }) => {
    const reports = page.locator('mailsweep-file-reports');
    const details = reports.locator('details.clean');
    const rows = details.locator('tbody tr[data-file]');
    const cleanNames = Array.from({ length: FILE_COUNT }, (_unused, part) => fileName(part)).filter((name) => name !== BROKEN_FILE);

    await expect(details.locator('summary')).toHaveText(`${FILE_COUNT - 1} files read cleanly`);
    await expect(details).not.toHaveAttribute('open');
    await expect(rows.first()).toBeHidden();

    // Rows are ordered by name with numbers compared as numbers: user-2 before user-10.
    await expect(rows.locator('th.file-name')).toHaveText(cleanNames);

    await details.locator('summary').click();
    await expect(details).toHaveAttribute('open');
    await expect(rows.first()).toBeVisible();
    await expect(rows.first().locator('[data-fact="format"]')).toHaveText('JSON lines');
    await expect(rows.first().locator('[data-fact="encoding"]')).toHaveText('UTF-8');
    await expect(rows.first().locator('.time-range')).toHaveText(/^2024-03-14T[\d:]+Z to 2024-03-14T[\d:]+Z$/);

    // Every planted line is read once across the files, and the cut copy is skipped, not read.
    const recordCounts = (await reports.locator('[data-fact="recordsRead"]').allInnerTexts()).map(parseCount);
    expect(recordCounts).toHaveLength(FILE_COUNT);
    expect(recordCounts.reduce((sum, count) => sum + count, 0)).toBe(plantedLines.length);

    const duplicateCounts = (await reports.locator('[data-fact="duplicatesRemoved"]').allInnerTexts()).map(parseCount);
    const totalDuplicates = page.locator('mailsweep-totals div.total', { has: page.locator('dt', { hasText: 'Duplicates removed' }) }).locator('dd.value');
    expect(duplicateCounts.reduce((sum, count) => sum + count, 0)).toBe(parseCount(await totalDuplicates.innerText()));
  });

  test('findings match the planted export', async ({ page }) => {
    expect(await readFindingRows(page)).toEqual(readExpectedFindings('expected-findings.json').map(toRow));
  });

  test('times and headers stay on one line', async ({ page }) => {
    const table = page.locator('mailsweep-findings-table');
    const timeParts = table.locator('tbody tr').first().locator('td[data-column="binStart"] span');
    await expect(timeParts).toHaveCount(2);
    const dateTop = (await timeParts.nth(0).boundingBox())?.y;
    const timeOfDayTop = (await timeParts.nth(1).boundingBox())?.y;
    expect(dateTop).toBeDefined();
    expect(timeOfDayTop).toBe(dateTop);

    const label = table.locator('th[data-column="uniqueMailboxes"] button > span').first();
    await expect(label).toHaveText('unique_mailboxes');
    const labelHeight = (await label.boundingBox())?.height ?? Number.POSITIVE_INFINITY;
    const lineHeight = await label.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
    expect(labelHeight).toBeLessThan(1.5 * lineHeight);
  });
});

test.describe('many files with warnings', () => {
  let paths: string[] = [];
  let filesWithoutAppIds = 0;

  test.beforeAll(() => {
    const parts = cutLines();
    filesWithoutAppIds = parts.filter(lacksAppIds).length;
    paths = writeParts(join(scratchDirectory, 'cut'), parts);
  });

  test.beforeEach(async ({ page }) => {
    await page.setViewportSize(WINDOW);
    await openApp(page);
    await analyzeFiles(page, paths);
  });

  test('cards collapse under their kinds', async ({ page }, testInfo) => {
    await page.screenshot({ path: testInfo.outputPath('many-warned-files.png'), fullPage: true });
    expect(filesWithoutAppIds).toBeGreaterThan(5);
    const warned = filesWithoutAppIds + 1;

    const reports = page.locator('mailsweep-file-reports');
    await expect(reports.locator('.overview')).toHaveText(`${warned} of ${FILE_COUNT} files have warnings. ${FILE_COUNT - warned} files read cleanly.`);

    const details = reports.locator('details.cards');
    await expect(details.locator('summary')).toHaveText(
      `${warned} files with warnings: Detection fields missing (${filesWithoutAppIds}), Invalid JSON (1)`,
    );
    await expect(details).not.toHaveAttribute('open');
    await expect(details.locator('article')).toHaveCount(warned);
    await expect(details.locator(`article[data-file="${BROKEN_FILE}"] ul.skipped li`)).toContainText(`Invalid JSON: 1 record at line ${BROKEN_LINE}.`);

    await details.locator('summary').click();
    await expect(details.locator('article').first()).toBeVisible();
    await expect(details.locator('article li.notice[data-code="missing-fields"]')).toHaveCount(filesWithoutAppIds);
  });

  test('findings still within two screens', async ({ page }) => {
    await expectFindingsWithinTwoScreens(page);
    expect(await readFindingRows(page)).toEqual(readExpectedFindings('expected-findings.json').map(toRow));
  });
});
