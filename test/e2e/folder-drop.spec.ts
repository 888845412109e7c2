// A dropped folder is read recursively. Chromium offers no way to put a real directory into a
// synthetic drop. So the test gives the dropped item a directory entry tree of its own, with the
// FileSystemEntry interface that Chromium hands the page for a real folder: isFile, isDirectory,
// file() and createReader().readEntries().
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { GENERATED_FIXTURES, PLANTED_PURVIEW_CSV, openApp, readExpectedFindings, readFindingRows, toRow, waitForAppState } from './app-page.ts';

test('dropping a folder reads it recursively', async ({ page }) => {
  await openApp(page);
  const contents = {
    purview: readFileSync(PLANTED_PURVIEW_CSV, 'utf8'),
    jsonLines: readFileSync(resolve(GENERATED_FIXTURES, 'planted.jsonl'), 'utf8'),
  };

  const dataTransfer = await page.evaluateHandle(({ purview, jsonLines }) => {
    interface FakeEntry {
      name: string;
      isFile: boolean;
      isDirectory: boolean;
      file?: (resolve: (file: File) => void) => void;
      createReader?: () => { readEntries: (resolve: (entries: FakeEntry[]) => void) => void };
    }
    const fileEntry = (name: string, text: string): FakeEntry => ({
      name,
      isFile: true,
      isDirectory: false,
      file: (resolveFile) => {
        resolveFile(new File([text], name));
      },
    });
    // Hands out one child per readEntries call, then an empty batch, as a slow directory would.
    const folderEntry = (name: string, children: FakeEntry[]): FakeEntry => ({
      name,
      isFile: false,
      isDirectory: true,
      createReader: () => {
        let next = 0;
        return {
          readEntries: (resolveEntries) => {
            resolveEntries(next < children.length ? [children[next++] as FakeEntry] : []);
          },
        };
      },
    });

    const tree = folderEntry('exports', [
      fileEntry('planted.purview.csv', purview),
      fileEntry('.DS_Store', 'not an export'),
      folderEntry('2024-03', [fileEntry('planted.jsonl', jsonLines)]),
    ]);
    DataTransferItem.prototype.webkitGetAsEntry = function () {
      return tree as unknown as FileSystemEntry;
    };

    const transfer = new DataTransfer();
    transfer.items.add(new File([''], 'exports'));
    return transfer;
  }, contents);

  await page.locator('mailsweep-drop-zone .zone').dispatchEvent('drop', { dataTransfer });
  await waitForAppState(page, 'done');

  // File reports are ordered by name, whatever the order of the folder's entries.
  const reports = page.locator('mailsweep-file-reports .file-name');
  await expect(reports).toHaveText(['exports/2024-03/planted.jsonl', 'exports/planted.purview.csv']);
  await expect(page.locator('mailsweep-app')).toContainText('1 hidden file or folder was skipped (names starting with a dot).');
  expect(await readFindingRows(page)).toEqual(readExpectedFindings('expected-findings.json').map(toRow));
});
