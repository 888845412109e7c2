import { describe, expect, it } from 'vitest';

import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { drillDown } from '../../../src/core/detect/drill-down.ts';
import { detectMailboxSweeps } from '../../../src/core/detect/escu-detection.ts';
import { DRILL_DOWN_CSV_COLUMNS, formatDrillDownCsv } from '../../../src/core/export/drill-down-csv.ts';
import { indexRecords } from '../detect/index-records.ts';
import { EWS_APP_ID, EWS_CLIENT_INFO, ewsRecord, sweepRecords } from '../record/ews-sample-record.ts';
import { parseCsvRows, readCsvExport } from './csv-reread.ts';

const HOSTILE_USER = '=HYPERLINK("http://198.51.100.9/x","open")@example.onmicrosoft.com';

function sweepDrillDown() {
  const records = [
    ...sweepRecords(5),
    ewsRecord({
      UserId: HOSTILE_USER,
      CreationTime: '2024-02-01T16:08:01.25',
      OperationProperties: [
        { Name: 'MailAccessType', Value: 'Bind' },
        { Name: 'IsThrottled', Value: 'True' },
      ],
      Folders: [
        { Id: 'LgAAAAA1', Path: '\\Inbox', FolderItems: [{ InternetMessageId: '<a@x>' }, { InternetMessageId: '<b@x>' }] },
        { Id: 'LgAAAAA2', Path: '\\Inbox\\Invoices, 2024', FolderItems: [{ InternetMessageId: '<c@x>' }] },
      ],
      OperationCount: 3,
    }),
    ewsRecord({ UserId: 'user7@example.onmicrosoft.com', CreationTime: '2024-02-01T16:09:00', Folders: undefined, OperationCount: undefined, OperationProperties: undefined }),
  ];
  const index = indexRecords(records);
  const [finding] = detectMailboxSweeps(index, ESCU_SETTINGS).findings;
  if (finding === undefined) throw new Error('The sweep gave no finding.');
  return drillDown(index, finding, ESCU_SETTINGS);
}

describe('formatDrillDownCsv', () => {
  const text = formatDrillDownCsv(sweepDrillDown());

  it('writes the header and one row per record', () => {
    expect(text.startsWith(`${DRILL_DOWN_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsvRows(text)).toHaveLength(7);
  });

  it('writes a sample record as logged', () => {
    expect(readCsvExport(text)[0]).toEqual({
      time: '2024-02-01T16:00:34Z',
      ClientAppId: EWS_APP_ID,
      ClientInfoString: EWS_CLIENT_INFO,
      UserId: 'user1@example.onmicrosoft.com',
      MailboxOwnerUPN: 'user1@example.onmicrosoft.com',
      ClientIPAddress: '203.0.113.35',
      AppId: EWS_APP_ID,
      MailAccessType: 'Bind',
      OperationCount: '4',
      IsThrottled: 'False',
      folder_paths: '\\Inbox',
      internet_message_id_count: '4',
    });
  });

  it('guards a formula and keeps multivalue folders', () => {
    const rows = parseCsvRows(text);
    const hostile = rows[5];

    expect(hostile?.UserId).toBe(`'${HOSTILE_USER}`);
    expect(readCsvExport(text)[5]).toMatchObject({
      time: '2024-02-01T16:08:01.250Z',
      UserId: HOSTILE_USER,
      IsThrottled: 'True',
      OperationCount: '3',
      folder_paths: '\\Inbox\n\\Inbox\\Invoices, 2024',
      internet_message_id_count: '3',
    });
  });

  it('leaves absent details empty', () => {
    expect(readCsvExport(text)[6]).toMatchObject({ MailAccessType: '', OperationCount: '', IsThrottled: '', folder_paths: '', internet_message_id_count: '' });
  });
});
