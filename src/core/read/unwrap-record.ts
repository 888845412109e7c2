// Turns a parsed JSON value into the UAL record (the AuditData object) it carries.
import type { SkipReason } from '../types.ts';

export type UnwrapResult = { record: Record<string, unknown> } | { skip: SkipReason };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an AuditData value: a JSON string holding an object (CSV cells, Search-UnifiedAuditLog
 * `ConvertTo-Json`) or an object already parsed (Microsoft-Extractor-Suite JSON).
 */
export function readAuditData(value: unknown): UnwrapResult {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return { skip: 'missing-audit-data' };
  }

  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return { skip: 'invalid-audit-data' };
    }
  }

  return isPlainObject(parsed) ? { record: parsed } : { skip: 'invalid-audit-data' };
}

/**
 * Unwraps one top-level JSON value. An object with an `AuditData` key is a wrapper, and the
 * record is that key's value. Any other object is the record itself. Other values are not records.
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
