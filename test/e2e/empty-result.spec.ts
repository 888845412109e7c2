// Every way an analysis can end without findings gets its own explanation.
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { CORPUS, analyzeFiles, openApp } from './app-page.ts';

let scratchDirectory = '';

/**
 * Writes the EWS sample with the Outlook mobile client string, which the API filter does not select.
 * The corpus has no record with app ids that misses both Graph and EWS.
 */
function writeRecordOutsideApiFilter(): string {
  const source = resolve(CORPUS, 'samples/splunk-escu-datasource_example_log_mailitemsaccessed_ews-python.json');
  const record = JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
  record.ClientInfoString = 'Client=OutlookService;Outlook-iOS/2.0;';
  const path = join(scratchDirectory, 'outlook-mobile-read.json');
  writeFileSync(path, `${JSON.stringify(record)}\n`);
  return path;
}

test.beforeAll(() => {
  scratchDirectory = mkdtempSync(join(tmpdir(), 'mailsweep-empty-'));
});

test.afterAll(() => {
  rmSync(scratchDirectory, { recursive: true, force: true });
});

const cases = [
  {
    reason: 'no-mail-items-accessed',
    file: () => resolve(CORPUS, 'samples/mgmt-api_docs_retrieve-content_sample-response.json'),
    phrases: ['3 audit records', 'none is an Exchange MailItemsAccessed event', 'licences and mailbox audit settings'],
  },
  {
    reason: 'no-records',
    file: () => resolve(CORPUS, 'samples/purview-newsearch-export_2026_iso-date-trailing-space_AuditData-elided-in-source.csv'),
    phrases: ['No readable audit records were found: 1 record was skipped'],
  },
  {
    reason: 'no-app-ids',
    file: () => resolve(CORPUS, 'samples/mgmt-api-blob_mailitemsaccessed-bind_office365itpros.json'),
    phrases: ['1 MailItemsAccessed record was found', 'Outlook or Outlook on the web'],
  },
  {
    reason: 'no-api-access',
    file: writeRecordOutsideApiFilter,
    phrases: ['none went through Microsoft Graph or Exchange Web Services', '00000003-0000-0000-c000-000000000000'],
  },
  {
    reason: 'below-threshold',
    file: () => resolve(CORPUS, 'samples/splunk-escu-datasource_example_log_mailitemsaccessed_ews-python.json'),
    phrases: ['1 record read mail through Graph or EWS', 'more than 5 distinct mailboxes', 'at least 6 distinct mailboxes', 'The only group reached 1 distinct mailbox.'],
  },
];

for (const { reason, file, phrases } of cases) {
  test(`empty result explains ${reason}`, async ({ page }) => {
    await openApp(page);
    await analyzeFiles(page, file());

    await expect(page.locator('mailsweep-app h2#findings-heading')).toHaveText('0 findings');
    await expect(page.locator('mailsweep-findings-table')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
    const panel = page.locator('mailsweep-empty-result .panel');
    await expect(panel).toHaveAttribute('data-reason', reason);
    for (const phrase of phrases) {
      await expect(panel).toContainText(phrase);
    }
  });
}

test('skipped records are listed with line numbers', async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, resolve(CORPUS, 'samples/purview-newsearch-export_2026_iso-date-trailing-space_AuditData-elided-in-source.csv'));

  const skipped = page.locator('mailsweep-file-reports ul.skipped li');
  await expect(skipped).toHaveCount(1);
  await expect(skipped).toContainText('Invalid AuditData: 1 record at line 2.');
  await expect(skipped).toContainText('is not a valid JSON object');
});

test('file that is not an export shows its error', async ({ page }) => {
  await openApp(page);
  await analyzeFiles(page, resolve(CORPUS, 'samples/README.md'));

  await expect(page.locator('mailsweep-empty-result .panel')).toHaveAttribute('data-reason', 'no-records');
  const error = page.locator('mailsweep-file-reports .error');
  await expect(error).toContainText('Problem with this file:');
  await expect(error).toContainText('Expected an Office 365 unified audit log export');
});

test('below-threshold result warns about skipped records', async ({ page }) => {
  // The real EWS read (below the threshold) followed by a JSON line cut short.
  const source = resolve(CORPUS, 'samples/splunk-escu-datasource_example_log_mailitemsaccessed_ews-python.json');
  const record = readFileSync(source, 'utf8').trim();
  const path = join(scratchDirectory, 'one-read-and-a-broken-line.jsonl');
  writeFileSync(path, `${record}\n${record.slice(0, 200)}\n`);

  await openApp(page);
  await analyzeFiles(page, path);

  const panel = page.locator('mailsweep-empty-result .panel');
  await expect(panel).toHaveAttribute('data-reason', 'below-threshold');
  await expect(panel.locator('.caveat')).toHaveText(/1 record was skipped and could change this result\./);
});
