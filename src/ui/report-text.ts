// Plain-language names for the codes that file reports carry.
import type { InputFormat, SkipReason, TextEncoding } from '../worker/worker-api.ts';

const FORMAT_LABELS: Record<InputFormat, string> = {
  json: 'JSON (array or back-to-back objects)',
  'json-lines': 'JSON lines',
  'purview-csv': 'Purview audit search CSV',
  'purview-classic-csv': 'Classic audit log search CSV',
  'search-ual-csv': 'Search-UnifiedAuditLog CSV',
  'graph-csv': 'Graph audit log CSV',
  'defender-csv': 'Defender CloudAppEvents CSV',
  'splunk-csv': 'Splunk search CSV',
  'sentinel-csv': 'Sentinel OfficeActivity CSV',
  'hawk-simple-csv': 'Hawk Simple CSV (flattened columns)',
  'flattened-csv': 'CSV of audit record fields (-AuditDataOnly, Hawk, Sparrow)',
  'search-ual-json': 'JSON of Search-UnifiedAuditLog results',
  'graph-json': 'Graph audit log JSON',
  'splunk-json': 'Splunk search JSON',
  'elastic-json': 'Elastic o365 documents',
  'log-analytics-json': 'Log Analytics (Sentinel) query JSON',
  'defender-json': 'Defender advanced hunting JSON',
  'hawk-simple-json': 'Hawk Simple JSON (flattened keys)',
  unknown: 'Not recognised',
};

const ENCODING_LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'utf-16le': 'UTF-16 LE',
  'utf-16le-bom': 'UTF-16 LE with BOM',
  'utf-16be': 'UTF-16 BE',
  'utf-16be-bom': 'UTF-16 BE with BOM',
  'windows-1252': 'Windows-1252',
};

const SKIP_REASON_TITLES: Record<SkipReason, string> = {
  'invalid-json': 'Invalid JSON',
  'not-a-record': 'Not an audit record',
  'invalid-audit-data': 'Invalid AuditData',
  'missing-audit-data': 'Missing AuditData',
  'truncated-record': 'Truncated record',
  'truncated-audit-data': 'AuditData cut short',
  'invalid-creation-time': 'Unreadable CreationTime',
};

const SKIP_REASON_EXPLANATIONS: Record<SkipReason, string> = {
  'invalid-json': 'The record text is not valid JSON, so none of its fields could be read.',
  'not-a-record':
    'The value is valid but is not an audit record: it has none of CreationTime, Operation, Workload or RecordType, or it is a Splunk event whose _raw text is not JSON.',
  'invalid-audit-data': 'The AuditData cell of this CSV row is not a valid JSON object. Editing the export in a spreadsheet can cut or change it.',
  'missing-audit-data': 'This CSV row has no AuditData cell, which holds the record itself.',
  'truncated-record': 'The file ends in the middle of a record. The export or the copy may have been cut short.',
  'truncated-audit-data':
    'The AuditData cell is exactly 32,767 characters long and its JSON is cut off: Excel stores at most that many characters in a cell. Use the export as downloaded, not a copy saved by Excel.',
  'invalid-creation-time':
    'A MailItemsAccessed record with no readable time: its CreationTime is missing or not a UTC time, and the export gives no readable date for it either, so it cannot be placed in a time bin.',
};

export function formatLabel(format: InputFormat): string {
  return FORMAT_LABELS[format];
}

export function encodingLabel(encoding: TextEncoding): string {
  return ENCODING_LABELS[encoding];
}

export function skipReasonTitle(reason: SkipReason): string {
  return SKIP_REASON_TITLES[reason];
}

export function skipReasonExplanation(reason: SkipReason): string {
  return SKIP_REASON_EXPLANATIONS[reason];
}
