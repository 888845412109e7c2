// A generated Purview export big enough that its analysis lasts a few seconds, so that a test can
// act while it runs. Written to a temporary folder and removed by the caller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { test } from '@playwright/test';

import { writeLargePurviewCsv } from '../fixtures/generator/large-export.ts';
import { CORPUS } from './app-page.ts';

/**
 * About 4 s of analysis in headless Chromium on a 2-core machine, with the file read in two ranges
 * at about 70 MB/s (measured with scripts/measure-browser.mjs). Generating it takes about 9 s. At
 * 100 MB the analysis ended within about 1.4 s, before a test could sample memory and click Cancel.
 */
const LARGE_EXPORT_BYTES = 300_000_000;

export interface LargeExport {
  path: string;
  remove: () => void;
}

export async function writeLargeExport(): Promise<LargeExport> {
  const directory = mkdtempSync(join(tmpdir(), 'mailsweep-e2e-'));
  const path = join(directory, 'large.purview.csv');
  await writeLargePurviewCsv(path, LARGE_EXPORT_BYTES, CORPUS);
  return {
    path,
    remove: () => {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Writes the large export before the tests of the calling file and removes it after them.
 * Returns a getter, because the path exists only once `beforeAll` has run.
 */
export function useLargeExport(): () => string {
  let largeExport: LargeExport | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    largeExport = await writeLargeExport();
  });

  test.afterAll(() => {
    largeExport?.remove();
  });

  return () => {
    if (!largeExport) {
      throw new Error('The large export was not generated.');
    }
    return largeExport.path;
  };
}
