// A zip of three overlapping exports in different shapes is one analysis: one report per member,
// the overlap counted as duplicates, and the planted findings.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { ShapeFixture } from '../fixtures/generator/shape-files.ts';
import { GENERATED_FIXTURES, analyzeFiles, openApp, readExpectedFindings, readFindingRows, toRow } from './app-page.ts';

const SHAPES_DIR = resolve(GENERATED_FIXTURES, 'shapes');
const ZIP_FILE = 'three-overlapping-exports.zip';

function zipFixture(): ShapeFixture {
  const shapes = JSON.parse(readFileSync(resolve(SHAPES_DIR, 'shapes.json'), 'utf8')) as ShapeFixture[];
  const fixture = shapes.find((shape) => shape.files.includes(ZIP_FILE));
  if (fixture === undefined) {
    throw new Error(`shapes.json lists no shape with ${ZIP_FILE}; rerun npx tsx test/fixtures/generate-fixtures.ts.`);
  }
  return fixture;
}

function parseCount(text: string): number {
  return Number(text.replaceAll(',', ''));
}

test('dropping a zip of three overlapping exports', async ({ page }) => {
  const fixture = zipFixture();
  await openApp(page);
  await analyzeFiles(page, resolve(SHAPES_DIR, ZIP_FILE));

  const memberNames = fixture.reports.map((report) => report.name);
  const reports = page.locator('mailsweep-file-reports');
  await expect(reports.locator('.file-name')).toHaveText([...memberNames].sort(new Intl.Collator('en', { numeric: true }).compare));
  // Rows of the compact table are the files without notices, errors or skipped records.
  await expect(reports.locator('tr[data-file]')).toHaveCount(memberNames.length);
  await expect(reports.locator('article')).toHaveCount(0);

  const fact = (file: string, name: string) => reports.locator(`[data-file="${file}"] [data-fact="${name}"]`);
  const perMember = await Promise.all(
    memberNames.map(async (name) => ({
      recordsRead: parseCount(await fact(name, 'recordsRead').innerText()),
      duplicatesRemoved: parseCount(await fact(name, 'duplicatesRemoved').innerText()),
    })),
  );
  expect(perMember.reduce((sum, member) => sum + member.recordsRead, 0)).toBe(fixture.recordsRead);
  expect(perMember.reduce((sum, member) => sum + member.duplicatesRemoved, 0)).toBe(fixture.duplicatesRemoved);
  // The middle export overlaps the first one, so it has duplicates of its own.
  expect(perMember[1]?.duplicatesRemoved).toBeGreaterThan(0);

  const totals = page.locator('mailsweep-totals');
  const total = (label: string) => totals.locator('div.total', { has: page.locator('dt', { hasText: label }) }).locator('dd.value');
  expect(parseCount(await total('Records read').innerText())).toBe(fixture.recordsRead);
  expect(parseCount(await total('Duplicates removed').innerText())).toBe(fixture.duplicatesRemoved);

  expect(await readFindingRows(page)).toEqual(readExpectedFindings('expected-findings.json').map(toRow));
});
