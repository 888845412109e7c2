// readMailAccessDetails on the real corpus records, in every export shape the readers unwrap, and
// on the text forms that PowerShell and Splunk leave.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { readMailAccessDetails, type MailAccessDetails } from '../../../src/core/record/mail-access-details.ts';
import { blobOf, readAll } from '../read/read-test-helpers.ts';
import { readEwsSample } from './ews-sample-record.ts';

/** The python-requests EWS record of Splunk's data-source sample: one Inbox bind of 4 messages. */
const EWS_SAMPLE_DETAILS: MailAccessDetails = {
  mailAccessType: 'Bind',
  isThrottled: false,
  operationCount: 4,
  folderPaths: ['\\Inbox'],
  messageIdCount: 4,
};

/** The Outlook for iOS record of the office365itpros blob: one Inbox bind of 1 message. */
const ITPROS_DETAILS: MailAccessDetails = { ...EWS_SAMPLE_DETAILS, operationCount: 1, messageIdCount: 1 };

const SHAPES_DIR = path.resolve(import.meta.dirname, '../read/fixtures/shapes');

describe('readMailAccessDetails', () => {
  it('reads the EWS sample record', () => {
    expect(readMailAccessDetails(readEwsSample())).toEqual(EWS_SAMPLE_DETAILS);
  });

  // Sentinel's OfficeActivity table has no OperationCount column. The Splunk export's second record
  // has extracted fields only, without Folders or OperationCount.
  const withoutCount = (details: MailAccessDetails): MailAccessDetails => ({ ...details, operationCount: undefined });
  it.each([
    ['az-officeactivity.json', [withoutCount(EWS_SAMPLE_DETAILS), withoutCount(ITPROS_DETAILS)]],
    ['defender-api-hunting.json', [ITPROS_DETAILS]],
    ['defender-cloudappevents.csv', [EWS_SAMPLE_DETAILS, ITPROS_DETAILS]],
    ['defender-graph-hunting.json', [EWS_SAMPLE_DETAILS]],
    ['elastic-documents-dotted.ndjson', [ITPROS_DETAILS]],
    ['elastic-search-response.json', [EWS_SAMPLE_DETAILS, ITPROS_DETAILS]],
    ['extractor-suite.json', [EWS_SAMPLE_DETAILS]],
    ['graph-auditdata-pretty.csv', [EWS_SAMPLE_DETAILS, ITPROS_DETAILS]],
    ['graph-page.json', [EWS_SAMPLE_DETAILS, ITPROS_DETAILS]],
    ['hawk-simple.csv', [EWS_SAMPLE_DETAILS, ITPROS_DETAILS]],
    ['log-analytics-tables.json', [withoutCount(EWS_SAMPLE_DETAILS), withoutCount(ITPROS_DETAILS)]],
    ['search-ual-convertto-json.json', [EWS_SAMPLE_DETAILS, ITPROS_DETAILS]],
    ['sentinel-officeactivity.csv', [withoutCount(EWS_SAMPLE_DETAILS), withoutCount(ITPROS_DETAILS)]],
    ['sparrow-semicolon.csv', [EWS_SAMPLE_DETAILS]],
    ['splunk-export.json', [EWS_SAMPLE_DETAILS, { mailAccessType: 'Bind', isThrottled: false, folderPaths: [] }]],
  ])('reads the records of %s', async (fileName, expected) => {
    const { records } = await readAll(blobOf(await readFile(path.join(SHAPES_DIR, fileName))));
    const mailReads = records.map(({ record }) => record).filter((record) => record.Operation === 'MailItemsAccessed');

    expect(mailReads.map((record) => readMailAccessDetails(record))).toEqual(expected);
  });

  it('counts message ids across folders and keeps each path once', () => {
    const record = {
      ...readEwsSample(),
      Folders: [
        { Id: 'LgAAAAA1', Path: '\\Inbox', FolderItems: [{ InternetMessageId: '<a@x>' }, { InternetMessageId: '<b@x>' }] },
        { Id: 'LgAAAAA2', Path: '\\Inbox\\Invoices', FolderItems: [{ InternetMessageId: '<c@x>' }, { SizeInBytes: 10 }] },
        { Id: 'LgAAAAA3', Path: '\\Inbox', FolderItems: [{ InternetMessageId: '' }] },
      ],
    };

    expect(readMailAccessDetails(record)).toMatchObject({ folderPaths: ['\\Inbox', '\\Inbox\\Invoices'], messageIdCount: 3 });
  });

  it('keeps first paths of long lists', () => {
    // 40 folders, past the length where the paths are made distinct through a Set.
    const paths = Array.from({ length: 40 }, (_, index) => (index % 3 === 0 ? '' : `\\Inbox\\Folder ${index % 7}`));
    const record = { ...readEwsSample(), Folders: paths.map((folderPath, index) => ({ Id: `LgAAAAA${index}`, Path: folderPath, FolderItems: [] })) };

    expect(readMailAccessDetails(record).folderPaths).toEqual([1, 2, 4, 5, 0, 3, 6].map((folder) => `\\Inbox\\Folder ${folder}`));
  });

  it('reads a Sync record as folders without messages', () => {
    const record = {
      OperationProperties: [
        { Name: 'MailAccessType', Value: 'Sync' },
        { Name: 'IsThrottled', Value: 'False' },
      ],
      Folders: [{ Id: 'LgAAAAB', Path: '\\Sent Items' }],
      OperationCount: 1,
    };

    expect(readMailAccessDetails(record)).toEqual({
      mailAccessType: 'Sync',
      isThrottled: false,
      operationCount: 1,
      folderPaths: ['\\Sent Items'],
      messageIdCount: 0,
    });
  });

  it('reads a throttled record', () => {
    const record = { ...readEwsSample(), OperationProperties: '[{"Name":"MailAccessType","Value":"Bind"},{"Name":"IsThrottled","Value":"True"}]' };

    expect(readMailAccessDetails(record).isThrottled).toBe(true);
  });

  it('reads paths from PowerShell text without a message count', () => {
    const record = {
      Folders: '@{FolderItems=System.Object[]; Id=LgAAAAB1; Path=\\Inbox} @{FolderItems=System.Object[]; Id=LgAAAAB2; Path=\\Archive}',
      OperationCount: '2',
    };

    expect(readMailAccessDetails(record)).toEqual({ operationCount: 2, folderPaths: ['\\Inbox', '\\Archive'] });
  });

  it('reads Splunk multivalue fields', () => {
    const record = {
      'Folders{}.Path': '\\Inbox\n\\Archive',
      'Folders{}.FolderItems{}.InternetMessageId': ['<a@x>', '<b@x>', '<c@x>'],
      OperationCount: '1.0',
    };

    expect(readMailAccessDetails(record)).toEqual({ operationCount: 1, folderPaths: ['\\Inbox', '\\Archive'], messageIdCount: 3 });
  });

  it.each([
    ['System.Object[]', { Folders: 'System.Object[]', OperationCount: 'System.Object[]' }],
    ['invalid JSON', { Folders: '[{"Path":"\\\\Inbox",', OperationCount: '' }],
    ['a negative count', { OperationCount: -1 }],
    ['a fractional count', { OperationCount: 2.5 }],
    ['nothing', {}],
  ])('leaves out %s', (_name, record) => {
    expect(readMailAccessDetails(record)).toEqual({ folderPaths: [] });
  });
});
