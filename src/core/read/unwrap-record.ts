// Turns one parsed JSON value (or one CSV row as an object) into the UAL records it carries.
import type { InputFormat, SkipReason } from '../types.ts';
import type { RecordSink } from './read-audit-file.ts';
import { readAuditData as readRecordValue, unwrapAuditDataWrapper } from './shapes/audit-data-wrapper.ts';
import { isElasticDocument, readSearchHits, unwrapElasticDocument } from './shapes/elastic-document.ts';
import { rebuildFlatRecord } from './shapes/flattened-record.ts';
import { profileKeys } from './shapes/key-profile.ts';
import { describeNonRecordKeys } from './shapes/non-record-files.ts';
import { isPlainObject } from './shapes/object-keys.ts';
import { readRecordContext } from './shapes/record-context.ts';
import { readResultSet } from './shapes/result-sets.ts';
import { isSplunkExportLine, readSplunkResult } from './shapes/splunk-result.ts';
import type { UnwrapItem } from './shapes/unwrap-item.ts';

export { isPlainObject } from './shapes/object-keys.ts';
export type { NotRecords, UnwrapItem, UnwrapSkip, UnwrappedRecord } from './shapes/unwrap-item.ts';

export type UnwrapResult = { record: Record<string, unknown> } | { skip: SkipReason };

/** Containers inside containers deeper than this are not records (a Graph page inside a result set is depth 2). */
const MAX_CONTAINER_DEPTH = 4;

/**
 * Unwraps one top-level value into zero or more items, in this order of recognition:
 * 1. a record-carrying key, AuditData, auditData, RawEventData or _raw (any case), as a JSON string or object;
 * 2. a Splunk export line, whose preview rows and result-less `lastrow` markers yield nothing;
 * 3. an Elastic document (o365.audit) or an Elasticsearch `_search` response (hits.hits[]._source);
 * 4. a result container: Graph `value[]`, Log Analytics `tables[].rows`, Defender `schema`/`results`;
 * 5. a flat row: Sentinel OfficeActivity, Hawk "Simple", Splunk search fields;
 * 6. a file that contains no records (a content listing, detection output, a sessions summary);
 * 7. otherwise the object is the record itself.
 * Values that are not objects are 'not-a-record'.
 */
export function unwrapValue(value: unknown): UnwrapItem[] {
  const items: UnwrapItem[] = [];
  unwrapInto(value, items, 0);
  return items;
}

function unwrapInto(value: unknown, items: UnwrapItem[], depth: number): void {
  if (!isPlainObject(value)) {
    items.push({ skip: 'not-a-record' });
    return;
  }

  const profile = profileKeys(value);
  if (profile.recordKey !== undefined) {
    items.push(unwrapAuditDataWrapper(value, profile.recordKey));
    return;
  }

  if (profile.mayBeContainer && isSplunkExportLine(value)) {
    const result = readSplunkResult(value);
    if (result !== undefined) unwrapInto(result, items, depth + 1);
    return;
  }

  if (profile.mayBeContainer && isPlainObject(value._source) && depth < MAX_CONTAINER_DEPTH) {
    unwrapInto(value._source, items, depth + 1);
    return;
  }

  if (profile.mayBeElastic && isElasticDocument(value)) {
    items.push(unwrapElasticDocument(value));
    return;
  }

  const elements = profile.mayBeContainer ? (readSearchHits(value) ?? readResultSet(value)?.elements) : undefined;
  if (elements !== undefined) {
    if (depth >= MAX_CONTAINER_DEPTH) {
      items.push({ skip: 'not-a-record' });
      return;
    }
    for (const element of elements) unwrapInto(element, items, depth + 1);
    return;
  }

  const notRecords = profile.lowerCaseKeys === undefined ? undefined : describeNonRecordKeys(profile.lowerCaseKeys);
  if (notRecords !== undefined) {
    items.push({ notRecords });
  } else if (profile.flatLayout !== undefined) {
    items.push(rebuildFlatRecord(value, profile.flatLayout));
  } else {
    items.push(plainRecord(value));
  }
}

/**
 * Wraps a record given as the object itself. Flattened CSVs and hand-made JSON can carry a wrapper
 * date (`CreationDate`) beside the record's own keys, so a record without CreationTime takes its
 * container facts from the same object.
 */
function plainRecord(value: Record<string, unknown>): UnwrapItem {
  if (Object.hasOwn(value, 'CreationTime')) {
    return { record: value };
  }

  const context = readRecordContext(value);
  return context === undefined ? { record: value } : { record: value, context };
}

/**
 * Reads an AuditData value: a JSON string holding an object (CSV cells, Search-UnifiedAuditLog
 * `ConvertTo-Json`) or an object already parsed (Microsoft-Extractor-Suite JSON).
 */
export function readAuditData(value: unknown): UnwrapResult {
  const result = readRecordValue(value);
  return 'skip' in result ? { skip: result.skip } : { record: result.record };
}

/**
 * Unwraps one top-level value that carries at most one record, for callers that need exactly one
 * result: an object with an `AuditData` key is a wrapper, any other object the record itself.
 */
export function unwrapRecord(value: unknown): UnwrapResult {
  if (!isPlainObject(value)) {
    return { skip: 'not-a-record' };
  }

  if (Object.hasOwn(value, 'AuditData')) {
    return readAuditData(value.AuditData);
  }

  return { record: value };
}

/** Facts that delivering one value revealed about the file: its export shape, or that it contains no records. */
export interface DeliveredShape {
  shape?: InputFormat;
  notRecords?: string;
}

/**
 * Unwraps `value` and hands its records and skips to `sink`, all at `line`. A value that marks a
 * file without audit records counts as a 'not-a-record' skip, and its message is returned.
 */
export function deliverUnwrapped(value: unknown, sink: RecordSink, line: number): DeliveredShape {
  const delivered: DeliveredShape = {};
  for (const item of unwrapValue(value)) {
    if ('record' in item) {
      delivered.shape ??= item.shape;
      sink.record(item.record, line, item.context);
    } else if ('skip' in item) {
      sink.skip(item.skip, line);
    } else {
      delivered.notRecords ??= item.notRecords;
      sink.skip('not-a-record', line);
    }
  }
  return delivered;
}
