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

  const reports = page.locator('mailsweep-file-reports article');
  await expect(reports.locator('h3')).toHaveText(fixture.reports.map((report) => report.name));

  const fact = (report: number, label: string) =>
    reports.nth(report).locator('dl > div', { has: page.locator('dt', { hasText: label }) }).locator('dd');
  const perMember = await Promise.all(
    fixture.reports.map(async (_report, index) => ({
      recordsRead: parseCount(await fact(index, 'Records read').innerText()),
      duplicatesRemoved: parseCount(await fact(index, 'Duplicates removed').innerText()),
      skipped: parseCount(await fact(index, 'Skipped').innerText()),
    })),
  );
  expect(perMember.reduce((sum, member) => sum + member.recordsRead, 0)).toBe(fixture.recordsRead);
  expect(perMember.reduce((sum, member) => sum + member.duplicatesRemoved, 0)).toBe(fixture.duplicatesRemoved);
  expect(perMember.map((member) => member.skipped)).toEqual([0, 0, 0]);
  // The middle export overlaps the first one, so it has duplicates of its own.
  expect(perMember[1]?.duplicatesRemoved).toBeGreaterThan(0);

  const totals = page.locator('mailsweep-totals');
  const total = (label: string) => totals.locator('div.total', { has: page.locator('dt', { hasText: label }) }).locator('dd.value');
  expect(parseCount(await total('Records read').innerText())).toBe(fixture.recordsRead);
  expect(parseCount(await total('Duplicates removed').innerText())).toBe(fixture.duplicatesRemoved);

  expect(await readFindingRows(page)).toEqual(readExpectedFindings('expected-findings.json').map(toRow));
});
