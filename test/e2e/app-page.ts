// Shared steps of the browser tests: where the fixtures are, how to drive the page, and how to read
// the findings table back as data.
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Finding } from '../../src/core/types.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const GENERATED_FIXTURES = resolve(REPO_ROOT, 'test/fixtures/generated');
export const CORPUS = resolve(REPO_ROOT, '../shared/corpus');
export const PLANTED_PURVIEW_CSV = resolve(GENERATED_FIXTURES, 'planted.purview.csv');
export const DIST_INDEX_URL = pathToFileURL(resolve(REPO_ROOT, 'dist/index.html')).href;

export type AppState = 'idle' | 'running' | 'done' | 'error';

/** A findings table row as the page shows it. */
export interface FindingRow {
  time: string;
  clientAppId: string;
  clientInfoString: string;
  srcIps: string[];
  uniqueMailboxes: number;
  users: string[];
  records: number;
  firstEvent: string;
  lastEvent: string;
}

export function readExpectedFindings(fileName: string): Finding[] {
  return JSON.parse(readFileSync(resolve(GENERATED_FIXTURES, fileName), 'utf8')) as Finding[];
}

/** ISO 8601 UTC without milliseconds when they are zero, as the page and the CSV show times. */
export function isoUtc(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function toRow(finding: Finding): FindingRow {
  return {
    time: isoUtc(finding.binStart),
    clientAppId: finding.clientAppId,
    clientInfoString: finding.clientInfoString,
    srcIps: finding.srcIps,
    uniqueMailboxes: finding.uniqueMailboxes,
    users: finding.users,
    records: finding.recordCount,
    firstEvent: isoUtc(finding.firstEventTime),
    lastEvent: isoUtc(finding.lastEventTime),
  };
}

/**
 * Reads the totals above the findings, label to shown value ("Records read" -> "79,253"). The
 * element renders in a shadow root, so its own innerText is empty, but CSS locators reach inside.
 */
export async function readTotals(page: Page): Promise<Record<string, string>> {
  const totals = page.locator('mailsweep-totals div.total');
  const labels = await totals.locator('dt').allInnerTexts();
  const values = await totals.locator('dd.value').allInnerTexts();
  return Object.fromEntries(labels.map((label, index) => [label, values[index] ?? '']));
}

export async function waitForAppState(page: Page, state: AppState, timeout = 30_000): Promise<void> {
  await page.waitForFunction((expected) => document.documentElement.dataset.mailsweepState === expected, state, {
    timeout,
  });
}

/** Opens the page (a path under the test server, or a file:// URL) and waits until it is ready. */
export async function openApp(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await waitForAppState(page, 'idle');
}

/** Hands files to the page's file input, as a user's pick or drop does. */
export async function chooseFiles(page: Page, files: string | string[]): Promise<void> {
  await page.locator('mailsweep-drop-zone input[type="file"]').setInputFiles(files);
}

export async function analyzeFiles(page: Page, files: string | string[]): Promise<void> {
  await chooseFiles(page, files);
  await waitForAppState(page, 'done');
}

/** Expands every collapsed value list in the table, then reads all rows in display order. */
export async function readFindingRows(page: Page): Promise<FindingRow[]> {
  const table = page.locator('mailsweep-findings-table');
  const collapsed = table.locator('mailsweep-value-list button[aria-expanded="false"]');
  while ((await collapsed.count()) > 0) {
    await collapsed.first().click();
  }

  const rows = table.locator('tbody tr');
  const result: FindingRow[] = [];
  for (const row of await rows.all()) {
    const cell = (column: string) => row.locator(`td[data-column="${column}"]`);
    result.push({
      time: await cell('binStart').innerText(),
      clientAppId: await cell('clientAppId').locator('.app-id').innerText(),
      clientInfoString: await cell('clientInfoString').innerText(),
      srcIps: await cell('srcIps').locator('li').allInnerTexts(),
      uniqueMailboxes: Number(await cell('uniqueMailboxes').innerText()),
      users: await cell('users').locator('li').allInnerTexts(),
      records: Number((await cell('recordCount').innerText()).replaceAll(',', '')),
      firstEvent: await cell('firstEventTime').innerText(),
      lastEvent: await cell('lastEventTime').innerText(),
    });
  }
  return result;
}

/** Reads the uniqueMailboxes column without expanding any value list. */
export async function readUniqueMailboxes(page: Page): Promise<number[]> {
  const cells = page.locator('mailsweep-findings-table tbody td[data-column="uniqueMailboxes"]');
  return (await cells.allInnerTexts()).map((text) => Number(text.replaceAll(',', '')));
}

export async function expectFindingCount(page: Page, count: number): Promise<void> {
  await expect(page.locator('mailsweep-findings-table tbody tr')).toHaveCount(count);
}
