// Realistic MailItemsAccessed records for tests: copies of a real EWS record from Splunk's
// attack-data sample (python-requests reading mailboxes through ExchangeWebServicesProxy), with
// chosen fields changed.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../../shared/corpus');

const SAMPLE_PATH = path.join(CORPUS_DIR, 'samples', 'splunk-escu-datasource_example_log_mailitemsaccessed_ews-python.json');

const SAMPLE_TEXT = readFileSync(SAMPLE_PATH, 'utf8');

/** Returns a fresh copy of the sample record exactly as stored in the corpus. */
export function readEwsSample(): Record<string, unknown> {
  return JSON.parse(SAMPLE_TEXT) as Record<string, unknown>;
}

/** ClientInfoString of the sample record. */
export const EWS_CLIENT_INFO =
  'Client=WebServices;ExchangeWebServicesProxy/CrossSite/EXCH/15.20.7249.024/python-requests/2.25.1[AppId=47629505-c2b6-4a80-adb1-9b3a3d233b7b];';

/** ClientAppId (and AppId) of the sample record: the Microsoft Exchange Web Services app. */
export const EWS_APP_ID = '47629505-c2b6-4a80-adb1-9b3a3d233b7b';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** ClientInfoString of an app-only REST read through Microsoft Graph. */
export const REST_CLIENT_INFO = 'Client=REST;Client=RESTSystem;;';

let nextRecordSerial = 1;

/** Returns a new record Id, distinct from every other one this module hands out. */
export function nextRecordId(): string {
  const serial = nextRecordSerial;
  nextRecordSerial += 1;
  return `9cef02e9-4bfa-4c73-be7d-${serial.toString(16).padStart(12, '0')}`;
}

/**
 * Returns a fresh copy of the sample with a new Id and the given fields set. A field set to
 * `undefined` is removed from the record. A UserId given without a MailboxOwnerUPN also becomes
 * the MailboxOwnerUPN, as in the sample where the reader and the mailbox are the same.
 */
export function ewsRecord(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const record = readEwsSample();
  record.Id = nextRecordId();
  if ('UserId' in fields && !('MailboxOwnerUPN' in fields)) {
    record.MailboxOwnerUPN = fields.UserId;
  }

  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) {
      Reflect.deleteProperty(record, key);
    } else {
      record[key] = value;
    }
  }
  return record;
}

/** Returns `count` sample records in one bin, each from a different user `user<n>@example.onmicrosoft.com`. */
export function sweepRecords(count: number, fields: Record<string, unknown> = {}): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) =>
    ewsRecord({
      UserId: `user${index + 1}@example.onmicrosoft.com`,
      CreationTime: `2024-02-01T16:0${index % 10}:34`,
      ...fields,
    }),
  );
}
