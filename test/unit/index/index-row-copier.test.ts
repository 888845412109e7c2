// IndexRowCopier and MailboxAccessIndex.snapshot. Copying chosen rows of one index into another
// must leave the target exactly as appending the same records to it directly would. Rows are
// compared as decoded strings, because the two StringTables number their strings differently.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

import { apiAccessFlags } from '../../../src/core/detect/escu-filters.ts';
import { IndexRowCopier } from '../../../src/core/index/index-row-copier.ts';
import {
  ABSENT_COUNT,
  MailboxAccessIndex,
  THROTTLED_ABSENT,
  transferablesOf,
  type MailboxAccessIndexState,
} from '../../../src/core/index/mailbox-access-index.ts';
import { StringTable } from '../../../src/core/index/string-table.ts';
import { readAuditFields, type AuditFields } from '../../../src/core/record/audit-fields.ts';
import { readMailAccessDetails, type MailAccessDetails } from '../../../src/core/record/mail-access-details.ts';
import { parseCreationTime } from '../../../src/core/time/creation-time.ts';
import { GRAPH_APP_ID, REST_CLIENT_INFO, ewsRecord } from '../record/ews-sample-record.ts';

const PLANTED_JSONL = path.resolve(import.meta.dirname, '../../fixtures/generated/planted.jsonl');

/** Arguments of one `MailboxAccessIndex.append` call. */
interface AppendInput {
  fields: AuditFields;
  time: number;
  flags: number;
  details?: MailAccessDetails;
}

/** One row with its string ids replaced by the strings (undefined for ABSENT). */
interface DecodedRow {
  time: number;
  appId: string | undefined;
  clientAppId: string | undefined;
  clientInfoString: string | undefined;
  clientIpAddress: string | undefined;
  normalizedClientIp: string | undefined;
  userId: string | undefined;
  mailboxOwnerUpn: string | undefined;
  flags: number;
  mailAccessType: string | undefined;
  operationCount: number;
  isThrottled: number;
  folderPaths: string | undefined;
  messageIdCount: number;
}

function appendInputOf(record: Record<string, unknown>): AppendInput {
  const fields = readAuditFields(record);
  return {
    fields,
    time: parseCreationTime(fields.creationTime ?? ''),
    flags: apiAccessFlags(fields),
    details: readMailAccessDetails(record),
  };
}

/** MailItemsAccessed records of the planted fixture: GUID AppIds, UPNs, IPv4 with and without port, `::ffff:` and IPv6 addresses, folders. */
function readPlantedInputs(): AppendInput[] {
  const lines = readFileSync(PLANTED_JSONL, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return records.filter((record) => record.Operation === 'MailItemsAccessed').map(appendInputOf);
}

/** Records with the forms the planted fixture lacks: bracketed and upper-case IPv6, blank and absent fields, no details. */
function readEdgeInputs(): AppendInput[] {
  const records = [
    ewsRecord({ ClientIPAddress: '[2001:DB8::1F]:50123', UserId: 'Alex.Wilber@contoso.example' }),
    ewsRecord({ ClientIPAddress: '2001:DB8:0:0:8:800:200C:417A', AppId: GRAPH_APP_ID, ClientInfoString: REST_CLIENT_INFO }),
    ewsRecord({ ClientIPAddress: '::FFFF:198.51.100.9', ClientInfoString: undefined }),
    ewsRecord({ ClientIPAddress: '   ', MailboxOwnerUPN: 'shared.finance@contoso.example' }),
    ewsRecord({ ClientIPAddress: undefined, AppId: undefined, ClientAppId: '' }),
    ewsRecord({ ClientIPAddress: 'mail-proxy.contoso.example:443', OperationCount: '7', Folders: '@{FolderItems=System.Object[]; Id=LgAAAA; Path=\\Deleted Items}' }),
  ];
  const inputs = records.map(appendInputOf);
  const withoutDetails = appendInputOf(ewsRecord({ ClientIPAddress: '203.0.113.50:443' }));
  return [...inputs, { fields: withoutDetails.fields, time: withoutDetails.time, flags: withoutDetails.flags }];
}

function buildIndex(inputs: readonly AppendInput[]): MailboxAccessIndex {
  const index = new MailboxAccessIndex();
  for (const input of inputs) {
    index.append(input.fields, input.time, input.flags, input.details);
  }
  return index;
}

function decodeRows(index: MailboxAccessIndex): DecodedRow[] {
  const columns = index.columns();
  const decode = (id: number | undefined): string | undefined => (id === StringTable.ABSENT || id === undefined ? undefined : index.strings.lookup(id));
  return Array.from({ length: index.size }, (_, row) => ({
    time: columns.time[row] ?? Number.NaN,
    appId: decode(columns.appId[row]),
    clientAppId: decode(columns.clientAppId[row]),
    clientInfoString: decode(columns.clientInfoString[row]),
    clientIpAddress: decode(columns.clientIpAddress[row]),
    normalizedClientIp: decode(columns.normalizedClientIp[row]),
    userId: decode(columns.userId[row]),
    mailboxOwnerUpn: decode(columns.mailboxOwnerUpn[row]),
    flags: columns.flags[row] ?? -1,
    mailAccessType: decode(columns.mailAccessType[row]),
    operationCount: columns.operationCount[row] ?? -1,
    isThrottled: columns.isThrottled[row] ?? -1,
    folderPaths: decode(columns.folderPaths[row]),
    messageIdCount: columns.messageIdCount[row] ?? -1,
  }));
}

/** Copies `rows` of each source into `target` through a structured clone, as a worker message would carry it. */
function copyRows(target: MailboxAccessIndex, sources: readonly { index: MailboxAccessIndex; rows: readonly number[] }[]): void {
  for (const source of sources) {
    const copier = new IndexRowCopier(target, structuredClone(source.index.snapshot()));
    for (const row of source.rows) {
      copier.copy(row);
    }
  }
}

describe('IndexRowCopier', () => {
  it('copies chosen rows as append stores them', () => {
    const planted = readPlantedInputs();
    const targetInputs = planted.slice(0, 90);
    const sourceInputs = [...planted.slice(90), ...readEdgeInputs()];
    const keptRows = sourceInputs.map((_, row) => row).filter((row) => row % 3 !== 1 || row >= sourceInputs.length - 7);

    const target = buildIndex(targetInputs);
    copyRows(target, [{ index: buildIndex(sourceInputs), rows: keptRows }]);
    const expected = buildIndex([...targetInputs, ...keptRows.map((row) => sourceInputs[row] as AppendInput)]);

    expect(planted.length).toBe(278);
    expect(target.size).toBe(90 + keptRows.length);
    expect(decodeRows(target)).toEqual(decodeRows(expected));
    expect(target.strings.size).toBe(expected.strings.size);
  });

  it('normalises copied client addresses', () => {
    const source = buildIndex(readEdgeInputs());
    const target = new MailboxAccessIndex();
    const copier = new IndexRowCopier(target, structuredClone(source.snapshot()));
    for (let row = 0; row < source.size; row += 1) {
      copier.copy(row);
    }
    const rows = decodeRows(target);

    expect(rows[0]?.normalizedClientIp).toBe('2001:db8::1f');
    expect(rows[1]?.normalizedClientIp).toBe('2001:db8:0:0:8:800:200c:417a');
    expect(rows[2]?.normalizedClientIp).toBe('198.51.100.9');
    expect(rows[3]?.clientIpAddress).toBe('   ');
    expect(rows[3]?.normalizedClientIp).toBeUndefined();
    expect(rows[4]?.clientIpAddress).toBeUndefined();
    expect(rows[4]?.normalizedClientIp).toBeUndefined();
    expect(rows[5]?.normalizedClientIp).toBe('mail-proxy.contoso.example');
    expect(rows[6]?.normalizedClientIp).toBe('203.0.113.50');
  });

  it('keeps absent values absent', () => {
    const edge = readEdgeInputs();
    const source = buildIndex(edge);
    const target = new MailboxAccessIndex();
    const copier = new IndexRowCopier(target, source.snapshot());
    const absentAppRow = copier.copy(4);
    const noDetailsRow = copier.copy(edge.length - 1);
    const columns = target.columns();

    expect(columns.appId[absentAppRow]).toBe(StringTable.ABSENT);
    expect(columns.clientAppId[absentAppRow]).toBe(StringTable.ABSENT);
    expect(columns.clientIpAddress[absentAppRow]).toBe(StringTable.ABSENT);
    expect(columns.mailAccessType[noDetailsRow]).toBe(StringTable.ABSENT);
    expect(columns.operationCount[noDetailsRow]).toBe(ABSENT_COUNT);
    expect(columns.isThrottled[noDetailsRow]).toBe(THROTTLED_ABSENT);
    expect(columns.folderPaths[noDetailsRow]).toBe(StringTable.ABSENT);
    expect(columns.messageIdCount[noDetailsRow]).toBe(ABSENT_COUNT);
  });

  it('changes the target revision per row', () => {
    const source = buildIndex(readEdgeInputs());
    const target = buildIndex(readPlantedInputs().slice(0, 3));
    const copier = new IndexRowCopier(target, source.snapshot());
    const revisions = [target.revision];
    for (const row of [0, 2, 2]) {
      expect(copier.copy(row)).toBe(target.size - 1);
      revisions.push(target.revision);
    }

    expect(new Set(revisions).size).toBe(4);
  });

  it('interns each source string once', () => {
    const source = buildIndex(readPlantedInputs().slice(0, 20));
    const target = new MailboxAccessIndex();
    const copier = new IndexRowCopier(target, source.snapshot());
    copier.copy(5);
    const intern = vi.spyOn(target.strings, 'intern');
    copier.copy(5);
    copier.copy(5);

    expect(intern).not.toHaveBeenCalled();
    expect(target.size).toBe(3);
  });

  it('leaves uncopied strings out of the target', () => {
    const source = buildIndex([...readPlantedInputs().slice(0, 40), ...readEdgeInputs()]);
    const target = new MailboxAccessIndex();
    new IndexRowCopier(target, source.snapshot()).copy(0);

    expect(target.strings.size).toBe(buildIndex(readPlantedInputs().slice(0, 1)).strings.size);
    expect(target.strings.toArray()).not.toContain('Alex.Wilber@contoso.example');
  });

  it('rejects rows outside the source', () => {
    const source = buildIndex(readEdgeInputs());
    const copier = new IndexRowCopier(new MailboxAccessIndex(), source.snapshot());

    expect(() => copier.copy(-1)).toThrow(RangeError);
    expect(() => copier.copy(1.5)).toThrow(RangeError);
    expect(() => copier.copy(source.size)).toThrow(/Row 7 is not in the source state \(valid rows are 0 to 6\)/);
  });

  it('rejects a state with uneven columns', () => {
    const state = buildIndex(readEdgeInputs()).snapshot();
    const uneven: MailboxAccessIndexState = { ...state, flags: state.flags.slice(0, 2) };

    expect(() => new IndexRowCopier(new MailboxAccessIndex(), uneven)).toThrow(/columns differ in length/);
  });

  it('rejects string ids beyond the source strings', () => {
    const state = buildIndex(readEdgeInputs()).snapshot();
    const truncated: MailboxAccessIndexState = { ...state, strings: state.strings.slice(0, 2) };
    const copier = new IndexRowCopier(new MailboxAccessIndex(), truncated);

    expect(() => copier.copy(0)).toThrow(/String id \d+ is not in the source state \(valid ids are 1 to 1\)/);
  });
});

describe('MailboxAccessIndex.snapshot', () => {
  it('copies columns at exact length', () => {
    const index = buildIndex(readPlantedInputs().slice(0, 30));
    const state = index.snapshot();
    const columns = index.columns();

    expect(state.time.length).toBe(30);
    expect(state.time.buffer.byteLength).toBe(30 * Float64Array.BYTES_PER_ELEMENT);
    expect(state.flags.buffer.byteLength).toBe(30);
    expect(state.messageIdCount.buffer.byteLength).toBe(30 * Uint32Array.BYTES_PER_ELEMENT);
    expect(Array.from(state.userId)).toEqual(Array.from(columns.userId));
    expect(Array.from(state.time)).toEqual(Array.from(columns.time));
    expect(state.strings.length).toBe(index.strings.size);
    expect(state.strings[0]).toBe('');
    expect(state.strings[columns.userId[7] ?? 0]).toBe(index.strings.lookup(columns.userId[7] ?? 0));
  });

  it('transfers without touching the index', () => {
    const index = buildIndex(readEdgeInputs());
    const before = decodeRows(index);
    const state = index.snapshot();
    const buffers = transferablesOf(state);
    const received = structuredClone(state, { transfer: buffers });

    expect(buffers.length).toBe(14);
    expect(state.time.length).toBe(0);
    expect(received.time.length).toBe(index.size);
    expect(decodeRows(index)).toEqual(before);
    expect(() => new IndexRowCopier(new MailboxAccessIndex(), state).copy(0)).toThrow(/it has no rows, or its buffers were transferred/);

    const target = new MailboxAccessIndex();
    const copier = new IndexRowCopier(target, received);
    for (let row = 0; row < received.time.length; row += 1) {
      copier.copy(row);
    }
    expect(decodeRows(target)).toEqual(before);
  });

  it('snapshots an empty index', () => {
    const state = new MailboxAccessIndex().snapshot();

    expect(state.time.length).toBe(0);
    expect(state.strings).toEqual(['']);
    expect(transferablesOf(state).length).toBe(14);
  });
});

const APP_IDS = [GRAPH_APP_ID, '47629505-c2b6-4a80-adb1-9b3a3d233b7b', '5b9e7c31-0d2a-4c8f-9e61-a3b4c5d6e7f8', 'c6b1e2a7-3f4d-4e8a-9b0c-1d2e3f4a5b6c'];
const UPNS = ['user1@contoso.example', 'user2@contoso.example', 'Hugo.Moreau@contoso.example', 'hugo.moreau@contoso.example', 'svc-backup@contoso.onmicrosoft.example'];
const CLIENT_INFOS = [REST_CLIENT_INFO, 'Client=WebServices;ExchangeWebServicesProxy/CrossSite/EXCH/15.20.7249.024/python-requests/2.25.1;', 'Client=OWA;Action=ViaProxy'];
const CLIENT_IPS = [
  '192.0.2.40',
  '203.0.113.50:443',
  '::ffff:192.0.2.41',
  '::FFFF:192.0.2.41',
  '2001:db8:411:cca1:4560:a066:9d33:9f1',
  '2001:DB8:411:CCA1:4560:A066:9D33:9F1',
  '[2001:db8::5]:8443',
  'mail-proxy.contoso.example:443',
  'NAME (10.0.0.1)',
  ' ',
];
const FOLDER_PATHS = ['\\Inbox', '\\Sent Items', '\\Archive\\2023', '\\Deleted Items', '\\Inbox\\Finance "Q1"'];

/** Absent (undefined) one time in four, otherwise one of `values`. */
function maybe<T>(values: readonly T[]): fc.Arbitrary<T | undefined> {
  return fc.option(fc.constantFrom(...values), { freq: 4, nil: undefined });
}

/** Counts up to 2^33, so some are at or above ABSENT_COUNT and are stored as absent. */
const countArbitrary = fc.oneof(fc.nat({ max: 500 }), fc.constant(ABSENT_COUNT - 1), fc.integer({ min: ABSENT_COUNT, max: 2 ** 33 }));

const detailsArbitrary: fc.Arbitrary<MailAccessDetails> = fc.record(
  {
    mailAccessType: fc.constantFrom('Bind', 'Sync', 'Unknown'),
    isThrottled: fc.boolean(),
    operationCount: countArbitrary,
    folderPaths: fc.uniqueArray(fc.constantFrom(...FOLDER_PATHS), { maxLength: 3 }),
    messageIdCount: countArbitrary,
  },
  { requiredKeys: ['folderPaths'] },
);

const inputArbitrary: fc.Arbitrary<AppendInput> = fc
  .record({
    appId: maybe(APP_IDS),
    clientAppId: maybe(APP_IDS),
    clientInfoString: maybe(CLIENT_INFOS),
    clientIpAddress: maybe(CLIENT_IPS),
    userId: maybe(UPNS),
    mailboxOwnerUpn: maybe(UPNS),
    milliseconds: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2025, 0, 1) }),
    flags: fc.integer({ min: 0, max: 3 }),
    details: fc.option(detailsArbitrary, { nil: undefined }),
  })
  .map((drawn) => {
    const fields: AuditFields = {
      id: undefined,
      creationTime: undefined,
      workload: 'Exchange',
      operation: 'MailItemsAccessed',
      appId: drawn.appId,
      clientAppId: drawn.clientAppId,
      clientInfoString: drawn.clientInfoString,
      clientIpAddress: drawn.clientIpAddress,
      userId: drawn.userId,
      mailboxOwnerUpn: drawn.mailboxOwnerUpn,
    };
    const input: AppendInput = { fields, time: drawn.milliseconds / 1000, flags: drawn.flags };
    if (drawn.details !== undefined) input.details = drawn.details;
    return input;
  });

/** The records of one byte range and the rows of it that the coordinator keeps, in file order. */
const rangeArbitrary = fc
  .array(inputArbitrary, { maxLength: 25 })
  .chain((inputs) => fc.record({ inputs: fc.constant(inputs), keptRows: fc.subarray(inputs.map((_, row) => row)) }));

describe('IndexRowCopier properties', () => {
  it('copied rows equal appended records', () => {
    fc.assert(
      fc.property(fc.array(inputArbitrary, { maxLength: 15 }), fc.array(rangeArbitrary, { maxLength: 3 }), (targetInputs, ranges) => {
        const target = buildIndex(targetInputs);
        copyRows(
          target,
          ranges.map((range) => ({ index: buildIndex(range.inputs), rows: range.keptRows })),
        );
        const keptInputs = ranges.flatMap((range) => range.keptRows.map((row) => range.inputs[row] as AppendInput));
        const expected = buildIndex([...targetInputs, ...keptInputs]);

        expect(decodeRows(target)).toEqual(decodeRows(expected));
        expect(target.strings.size).toBe(expected.strings.size);
        expect(target.revision).toBe(expected.revision);
      }),
      { numRuns: 300 },
    );
  });
});
