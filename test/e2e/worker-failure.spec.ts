// When the analysis worker fails or stops, the pending analysis ends with an error on the page and
// the next analysis runs in a new worker.
import { expect, test } from '@playwright/test';
import type { Page, Worker } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import {
  GENERATED_FIXTURES,
  PLANTED_PURVIEW_CSV,
  REPO_ROOT,
  analyzeFiles,
  chooseFiles,
  expectFindingCount,
  openApp,
  readExpectedFindings,
  waitForAppState,
} from './app-page.ts';
import { findAnalysisWorkers, waitForAnalysisWorker } from './analysis-worker.ts';
import { useLargeExport } from './large-export.ts';

const largeExportPath = useLargeExport();
const SAMPLE_EXPORT = resolve(REPO_ROOT, 'src/sample/sample-purview-export.csv');

/** Starts analysing the large export and returns the worker once the read is under way. */
async function startLongAnalysis(page: Page): Promise<Worker> {
  const workerPromise = waitForAnalysisWorker(page);
  await chooseFiles(page, largeExportPath());
  const worker = await workerPromise;
  await waitForAppState(page, 'running');
  await expect(page.locator('mailsweep-progress .rate')).toContainText('MB/s');
  return worker;
}

async function expectRecoveryWithNewWorker(page: Page): Promise<void> {
  await expect(page.locator('mailsweep-drop-zone input[type="file"]')).toBeEnabled();
  await analyzeFiles(page, PLANTED_PURVIEW_CSV);
  await expectFindingCount(page, readExpectedFindings('expected-findings.json').length);
}

test('worker that stops mid-run is reported', async ({ page }) => {
  await openApp(page);
  const worker = await startLongAnalysis(page);

  // close() ends the worker without an error event, so the evaluation itself never resolves.
  worker.evaluate(() => { self.close(); }).catch(() => undefined);
  await waitForAppState(page, 'error');

  await expect(page.getByRole('alert')).toHaveText(/The analysis worker stopped unexpectedly\./);
  await expect(page.locator('mailsweep-progress')).toHaveCount(0);
  await expectRecoveryWithNewWorker(page);
});

test('uncaught error in the worker is reported', async ({ page }) => {
  await openApp(page);
  const worker = await startLongAnalysis(page);

  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('planted worker failure');
    }, 0);
  });
  await waitForAppState(page, 'error');

  await expect(page.getByRole('alert')).toHaveText(/The analysis worker failed: .*planted worker failure/);
  await expectRecoveryWithNewWorker(page);
});

/** Reads the page's file reports: the name of every file the finished analysis covered. */
async function readReportedFileNames(page: Page): Promise<string[]> {
  return page.locator('mailsweep-file-reports [data-file]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-file') ?? ''));
}

test('failure while reading offers the other files', async ({ page }) => {
  await openApp(page);
  const workerPromise = waitForAnalysisWorker(page);
  await chooseFiles(page, [PLANTED_PURVIEW_CSV, largeExportPath()]);
  const worker = await workerPromise;
  await expect(page.locator('mailsweep-progress .details')).toContainText('File 2 of 2: large.purview.csv');

  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('planted worker failure');
    }, 0);
  });
  await waitForAppState(page, 'error');

  await expect(page.getByRole('alert')).toHaveText(/planted worker failure.* It failed while reading large\.purview\.csv\.$/);
  await page.getByRole('button', { name: 'Analyse the other 1 file' }).click();
  await waitForAppState(page, 'done');

  await expectFindingCount(page, readExpectedFindings('expected-findings.json').length);
  expect(await readReportedFileNames(page)).toEqual(['planted.purview.csv']);
  await expect(page.getByRole('button', { name: 'Analyse the other 1 file' })).toHaveCount(0);
});

test('allocation failure offers the other files', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Try a sample' }).click();
  await waitForAppState(page, 'done');

  // The worker that ran the sample runs the next analysis too. Reading `huge.jsonl` in it now
  // fails as an allocation beyond the memory left would, with the RangeError that V8 raises.
  const [worker] = await findAnalysisWorkers(page);
  expect(worker).toBeDefined();
  await worker?.evaluate(() => {
    const prototype = Blob.prototype;
    const original = Object.getOwnPropertyDescriptor(prototype, 'slice')?.value as (this: Blob, ...range: [number?, number?, string?]) => Blob;
    prototype.slice = function (this: Blob, ...range: [number?, number?, string?]) {
      if (this instanceof File && this.name === 'huge.jsonl') {
        throw new RangeError('Array buffer allocation failed');
      }
      return original.apply(this, range);
    };
  });
  const hugePath = test.info().outputPath('huge.jsonl');
  writeFileSync(hugePath, readFileSync(resolve(GENERATED_FIXTURES, 'planted.jsonl')));
  await chooseFiles(page, [PLANTED_PURVIEW_CSV, hugePath, SAMPLE_EXPORT]);
  await waitForAppState(page, 'error');

  await expect(page.getByRole('alert')).toHaveText('The analysis failed: Array buffer allocation failed It failed while reading huge.jsonl.');
  await page.getByRole('button', { name: 'Analyse the other 2 files' }).click();
  await waitForAppState(page, 'done');

  expect((await readReportedFileNames(page)).sort()).toEqual(['planted.purview.csv', 'sample-purview-export.csv']);
  // The sample's two sweeps are among the planted ones, with the same record Ids, so they count once.
  await expectFindingCount(page, readExpectedFindings('expected-findings.json').length);
});
