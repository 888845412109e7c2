// Field values and file names written by an attacker render as inert text, bidi controls show as
// visible markers, and the exports contain no cell that a spreadsheet would run as a formula.
import { expect, test } from '@playwright/test';
import type { Download, Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';

import { BIDI_CONTROLS, HOSTILE_CLIENT_INFO, HOSTILE_USERS, RLO, hostileSweepRecords, toJsonLines } from '../unit/hostile/hostile-records.ts';
import { parseCsvRows, readCsvExport, readFindingsCsv } from '../unit/export/csv-reread.ts';
import { analyzeFiles, openApp, readFindingRows } from './app-page.ts';

/** A file name that displays as `hostile-lsonj.exe` unless its override character is revealed. */
const HOSTILE_FILE_NAME = `hostile-${RLO}exe.jsonl`;

function writeHostileExport(): string {
  const filePath = test.info().outputPath(HOSTILE_FILE_NAME);
  writeFileSync(filePath, toJsonLines(hostileSweepRecords()));
  return filePath;
}

function codeUnitOrder(values: readonly string[]): string[] {
  // The default sort compares UTF-16 code units, as Splunk's values() and the export do.
  return [...values].sort();
}

/** Replaces each bidi control with the marker that the page shows in its place. */
function withMarkers(text: string): string {
  let marked = text;
  for (const control of BIDI_CONTROLS) {
    const codePoint = control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    marked = marked.replaceAll(control, `⟨U+${codePoint}⟩`);
  }
  return marked;
}

async function downloadText(page: Page, buttonName: string): Promise<string> {
  const downloadPromise: Promise<Download> = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName }).click();
  const download = await downloadPromise;
  return readFileSync(await download.path(), 'utf8');
}

/**
 * Counts the elements that match `selector` inside the findings table and the file reports, the
 * parts of the page that show field values and file names, shadow roots included.
 */
function countElements(page: Page, selector: string): Promise<number> {
  return page.evaluate((elementSelector) => {
    const valueHosts = new Set(['mailsweep-findings-table', 'mailsweep-file-reports']);
    let count = 0;
    const visit = (root: Element | ShadowRoot, isInside: boolean): void => {
      for (const element of root.querySelectorAll('*')) {
        const inside = isInside || valueHosts.has(element.localName);
        if (isInside && element.matches(elementSelector)) count++;
        if (element.shadowRoot) visit(element.shadowRoot, inside);
      }
    };
    visit(document.body, false);
    return count;
  }, selector);
}

/** Returns the text of every text node in the page, shadow roots included, leaving out styles. */
function readShownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const pieces: string[] = [];
    const visit = (root: Node): void => {
      for (const node of root.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          pieces.push(node.textContent ?? '');
        } else if (node instanceof Element && node.localName !== 'style') {
          if (node.shadowRoot) visit(node.shadowRoot);
          visit(node);
        }
      }
    };
    visit(document.body);
    return pieces.join('');
  });
}

test('hostile values render as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openApp(page);
  await analyzeFiles(page, writeHostileExport());

  const [row] = await readFindingRows(page);
  // textContent, unlike innerText, keeps the leading tab and CR of two user names.
  const users = await page.locator('mailsweep-findings-table td[data-column="users"] li').allTextContents();
  expect(row?.clientInfoString).toBe(withMarkers(HOSTILE_CLIENT_INFO));
  expect(users).toEqual(codeUnitOrder(HOSTILE_USERS).map(withMarkers));
  expect(row?.srcIps).toContain('<svg onload="document.title=\'pwned\'">');
  expect(row?.srcIps).toContain('⟨U+202E⟩4.3.2.1');

  // The markup in the values never became elements, so none of it ran.
  expect(await countElements(page, 'li')).toBeGreaterThan(HOSTILE_USERS.length);
  expect(await countElements(page, 'script')).toBe(0);
  expect(await countElements(page, 'img')).toBe(0);
  expect(await countElements(page, 'svg, a[href]')).toBe(0);
  expect(await page.title()).toBe('Mailsweep');
  expect(dialogs).toEqual([]);
});

test('bidi controls are shown as markers', async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, writeHostileExport());
  await readFindingRows(page);

  const shownText = await readShownText(page);
  for (const control of BIDI_CONTROLS) {
    expect(shownText, `U+${control.charCodeAt(0).toString(16)}`).not.toContain(control);
  }
  expect(shownText).toContain('admin⟨U+202E⟩moc.elpmaxe@evil.example');
  await expect(page.locator('mailsweep-file-reports')).toContainText('hostile-⟨U+202E⟩exe.jsonl');
});

test('exports contain no formula cells', async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, writeHostileExport());

  const findingsCsv = await downloadText(page, 'Export CSV');
  const qualityCsv = await downloadText(page, 'Export data-quality report');
  const startsFormula = (cell: string) => /^[=+\-@\t\r\0]/.test(cell) && !/^[+-]?\d+(?:\.\d+)?$/.test(cell);

  const rawCells = [...parseCsvRows(findingsCsv), ...parseCsvRows(qualityCsv)].flatMap((row) => Object.values(row));
  expect(rawCells.filter(startsFormula)).toEqual([]);

  const [finding] = readFindingsCsv(findingsCsv);
  expect(finding?.clientInfoString).toBe(HOSTILE_CLIENT_INFO);
  expect(finding?.users).toEqual(codeUnitOrder(HOSTILE_USERS));
  expect(readCsvExport(qualityCsv)[0]?.file).toBe(HOSTILE_FILE_NAME);
});
