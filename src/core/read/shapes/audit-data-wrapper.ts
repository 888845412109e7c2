// Wrappers that carry the UAL record under one key: AuditData (Purview and Search-UnifiedAuditLog
// exports, Extractor-Suite JSON), auditData (Graph audit log records), RawEventData (Defender
// CloudAppEvents) and _raw (Splunk). The value is a JSON string or an already parsed object.
import type { InputFormat } from '../../types.ts';
import { ualKeyFor } from '../../record/field-aliases.ts';
import type { UnwrapItem, UnwrapSkip, UnwrappedRecord } from './unwrap-item.ts';
import { fillMissing, findKey, isPlainObject } from './object-keys.ts';
import { readRecordContext } from './record-context.ts';

/** Lower-case names of the record-carrying key, in the order they are tried. */
export const RECORD_KEYS = ['auditdata', 'raweventdata', '_raw'] as const;

/** Excel stores at most this many characters in a cell and silently cuts longer text there. */
export const EXCEL_CELL_LIMIT = 32_767;

/** How many times a string that contains JSON text is parsed again (double- and triple-encoded exports). */
const MAX_ENCODING_DEPTH = 3;

/** Graph auditLogRecord keys that mark the outer record as Graph's, in lower case. */
const GRAPH_MARKERS = ['createddatetime', 'auditlogrecordtype'];

/**
 * Reads a record-carrying value: a JSON string holding an object, or an object. An empty value is
 * 'missing-audit-data'. Text that is not an object is 'invalid-audit-data', or
 * 'truncated-audit-data' when it is exactly as long as Excel's cell limit.
 */
export function readAuditData(value: unknown): UnwrappedRecord | UnwrapSkip {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return { skip: 'missing-audit-data' };
  }

  let parsed: unknown = value;
  for (let depth = 0; typeof parsed === 'string' && depth < MAX_ENCODING_DEPTH; depth++) {
    const text: string = parsed;
    if (depth > 0 && !text.trimStart().startsWith('{')) break;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { skip: text.length === EXCEL_CELL_LIMIT ? 'truncated-audit-data' : 'invalid-audit-data' };
    }
  }

  return isPlainObject(parsed) ? { record: parsed } : { skip: 'invalid-audit-data' };
}

/**
 * Unwraps `wrapper[recordKey]` and adds what the wrapper records about it: its context, and
 * for a Graph auditLogRecord the outer operation, service, record type and user principal name
 * where the inner record lacks them.
 */
export function unwrapAuditDataWrapper(wrapper: Record<string, unknown>, recordKey: string): UnwrapItem {
  const value = wrapper[recordKey];
  const lowerKey = recordKey.toLowerCase();

  // Splunk's _raw contains the text of any event, and only JSON text can be an audit record.
  if (lowerKey === '_raw' && typeof value === 'string' && value.trim() !== '' && !value.trimStart().startsWith('{')) {
    return { skip: 'not-a-record' };
  }

  const result = readAuditData(value);
  if ('skip' in result) {
    return result;
  }

  const isGraph = findKey(wrapper, GRAPH_MARKERS) !== undefined;
  const record = isGraph ? { ...result.record } : result.record;
  if (isGraph) {
    for (const [key, outerValue] of Object.entries(wrapper)) {
      const ualKey = ualKeyFor('graph', key);
      if (ualKey !== undefined) fillMissing(record, ualKey, outerValue);
    }
  }

  const unwrapped: UnwrappedRecord = { record, shape: wrapperShape(lowerKey, isGraph) };
  const context = readRecordContext(wrapper);
  if (context !== undefined) unwrapped.context = context;
  return unwrapped;
}

function wrapperShape(lowerKey: string, isGraph: boolean): InputFormat {
  if (lowerKey === 'raweventdata') return 'defender-json';
  if (lowerKey === '_raw') return 'splunk-json';
  return isGraph ? 'graph-json' : 'search-ual-json';
}
