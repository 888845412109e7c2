// Elastic documents of the o365 integration (Filebeat module, Elastic Agent): ECS fields plus the
// UAL record's remaining fields under o365.audit, as nested objects or dotted keys. Search
// responses wrap them as hits.hits[]._source.
import type { UnwrappedRecord, UnwrapItem } from './unwrap-item.ts';
import type { RecordContext } from '../read-audit-file.ts';
import { ualKeyFor } from '../../record/field-aliases.ts';
import { fillMissing, isPlainObject, readPath, readScalarText } from './object-keys.ts';

const AUDIT_PATH = 'o365.audit';
const AUDIT_PREFIX = 'o365.audit.';
/** ECS fields that Elastic moved out of the UAL record, restored where o365.audit lacks them. */
const ECS_FIELDS = ['event.action', 'event.provider', 'event.id', 'user.id'] as const;

/** Tells whether `document` carries o365.audit fields, nested or dotted. */
export function isElasticDocument(document: Record<string, unknown>): boolean {
  return isPlainObject(readPath(document, AUDIT_PATH)) || Object.keys(document).some((key) => key.startsWith(AUDIT_PREFIX));
}

/** Returns the hits of an Elasticsearch `_search` response, or undefined when `value` is not one. */
export function readSearchHits(value: Record<string, unknown>): unknown[] | undefined {
  const hits = readPath(value, 'hits.hits');
  return Array.isArray(hits) ? hits : undefined;
}

/**
 * Rebuilds the UAL record of an Elastic document. `event.original`, when present and a JSON
 * object, is the record exactly as received and wins. Otherwise the record is o365.audit with
 * Elastic's renamed keys restored (ExchangeAggregatedFolders to Folders) and the ECS fields
 * event.action, event.provider, event.id and user.id put back as Operation, Workload, Id and UserId.
 */
export function unwrapElasticDocument(document: Record<string, unknown>): UnwrapItem {
  const context = readElasticContext(document);
  const original = readPath(document, 'event.original');
  if (typeof original === 'string') {
    try {
      const parsed: unknown = JSON.parse(original);
      if (isPlainObject(parsed)) return withContext({ record: parsed, shape: 'elastic-json' }, context);
    } catch {
      // Elastic keeps the text as received, which can be invalid JSON: o365.audit then contains the parsed fields.
    }
  }

  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(collectAuditFields(document))) {
    const ualKey = ualKeyFor('elastic', key);
    if (ualKey === undefined) {
      record[key] = value;
    } else {
      fillMissing(record, ualKey, value);
    }
  }

  for (const path of ECS_FIELDS) {
    const ualKey = ualKeyFor('elastic', path);
    if (ualKey !== undefined) fillMissing(record, ualKey, readPath(document, path));
  }

  // NOTE: Elastic keeps the raw ClientIPAddress only in event.original. Its client.address has
  // had a port or brackets removed, so src_ip of such records can differ from ESCU's.
  if (record.ClientIPAddress === undefined && record.ClientIP === undefined) {
    fillMissing(record, 'ClientIPAddress', readPath(document, 'client.address') ?? readPath(document, 'client.ip'));
  }

  return withContext({ record, shape: 'elastic-json' }, context);
}

/** Merges nested o365.audit with dotted `o365.audit.X` keys. A dotted key inside them becomes nested objects. */
function collectAuditFields(document: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const nested = readPath(document, AUDIT_PATH);
  if (isPlainObject(nested)) Object.assign(fields, nested);

  const o365 = document.o365;
  const dottedSources: [Record<string, unknown>, string][] = [[document, AUDIT_PREFIX]];
  if (isPlainObject(o365)) dottedSources.push([o365, 'audit.']);

  for (const [source, prefix] of dottedSources) {
    for (const [key, value] of Object.entries(source)) {
      if (key.startsWith(prefix)) setDotted(fields, key.slice(prefix.length).split('.'), value);
    }
  }
  return fields;
}

function setDotted(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] ??= value;
    return;
  }

  let child = target[head];
  if (!isPlainObject(child)) {
    child = {};
    target[head] = child;
  }
  setDotted(child as Record<string, unknown>, rest, value);
}

function readElasticContext(document: Record<string, unknown>): RecordContext | undefined {
  const fallbackTime = readScalarText(readPath(document, '@timestamp'));
  const fallbackId = readScalarText(readPath(document, 'event.id'));
  if (fallbackTime === undefined && fallbackId === undefined) return undefined;

  const context: RecordContext = {};
  if (fallbackId !== undefined) context.fallbackId = fallbackId;
  if (fallbackTime !== undefined) context.fallbackTime = fallbackTime;
  return context;
}

function withContext(item: UnwrappedRecord, context: RecordContext | undefined): UnwrappedRecord {
  if (context !== undefined) item.context = context;
  return item;
}
