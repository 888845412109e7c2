// MailAccessType and IsThrottled from a MailItemsAccessed record's OperationProperties, in each
// form that exports write it:
// - an array of {Name, Value} objects (the Management Activity API);
// - that array as a JSON string (Elastic "stringly" records, Sparrow, Sentinel's dynamic column);
// - PowerShell's depth-truncated text `@{Name=MailAccessType; Value=Bind} @{Name=IsThrottled; Value=False}`;
// - Splunk's parallel multivalue fields `OperationProperties{}.Name` / `OperationProperties{}.Value`;
// - Hawk's flattened columns `OperationProperties_0_Name` / `OperationProperties_0_Value`.
// `System.Object[]`, the text PowerShell leaves where it dropped a nested value, reads as absent.

import { isPlainObject } from '../read/shapes/object-keys.ts';

export interface OperationProperties {
  /** `Bind`, `Sync`, or whatever other text the record holds. */
  mailAccessType?: string;
  /** From the `"True"`/`"False"` text (any case) or a boolean. */
  isThrottled?: boolean;
}

const POWERSHELL_OBJECT_PLACEHOLDER = 'System.Object[]';
/** One `@{Name=...; Value=...}` entry of PowerShell's hashtable text. */
const POWERSHELL_ENTRY = /@\{\s*Name=([^;}]*);\s*Value=([^}]*)\}/g;
const HAWK_KEY_PREFIX = 'OperationProperties_';
const HAWK_KEY = /^OperationProperties_(\d+)_(Name|Value)$/;

/** Reads MailAccessType and IsThrottled. A property that no form contains is left out. */
export function readOperationProperties(record: Record<string, unknown>): OperationProperties {
  // The first form that contains a property wins, in this order.
  const result: OperationProperties = {};
  addPairs(result, readPairs(record.OperationProperties));
  addPairs(result, readSplunkPairs(record));
  addPairs(result, readHawkPairs(record));
  return result;
}

/** Sets each property of `result` that is still unset from the first pair that names it. */
function addPairs(result: OperationProperties, pairs: readonly [string, string][]): void {
  for (const [name, value] of pairs) {
    const key = name.trim().toLowerCase();
    if (key === 'mailaccesstype' && result.mailAccessType === undefined && value !== '') {
      result.mailAccessType = value;
    } else if (key === 'isthrottled' && result.isThrottled === undefined) {
      const flag = readFlag(value);
      if (flag !== undefined) result.isThrottled = flag;
    }
  }
}

/** Reads {Name, Value} pairs from the array, its JSON text or PowerShell's hashtable text. */
function readPairs(value: unknown): [string, string][] {
  if (Array.isArray(value)) {
    return value.flatMap((entry: unknown) => {
      if (!isPlainObject(entry)) return [];
      const name = readText(entry.Name);
      const propertyValue = readText(entry.Value);
      return name === undefined || propertyValue === undefined ? [] : [[name, propertyValue] as [string, string]];
    });
  }

  if (typeof value !== 'string') {
    return [];
  }

  const text = value.trim();
  if (text === '' || text === POWERSHELL_OBJECT_PLACEHOLDER) {
    return [];
  }

  if (text.startsWith('[') || text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return readPairs(Array.isArray(parsed) ? parsed : [parsed]);
    } catch {
      return [];
    }
  }

  return Array.from(text.matchAll(POWERSHELL_ENTRY), (match) => [(match[1] ?? '').trim(), (match[2] ?? '').trim()]);
}

/** Pairs Splunk's `{}.Name` and `{}.Value` values by position; a CSV export joins them with line breaks. */
function readSplunkPairs(record: Record<string, unknown>): [string, string][] {
  const names = readMultivalue(record['OperationProperties{}.Name']);
  const values = readMultivalue(record['OperationProperties{}.Value']);
  return names.flatMap((name, index) => {
    const value = values[index];
    return value === undefined ? [] : [[name, value] as [string, string]];
  });
}

function readHawkPairs(record: Record<string, unknown>): [string, string][] {
  const names = new Map<string, string>();
  const values = new Map<string, string>();
  // Nearly every record has no such key, so the prefix test rejects most keys before the pattern runs.
  for (const key of Object.keys(record)) {
    if (!key.startsWith(HAWK_KEY_PREFIX)) continue;
    const match = HAWK_KEY.exec(key);
    const text = readText(record[key]);
    if (match === null || text === undefined) continue;
    (match[2] === 'Name' ? names : values).set(match[1] ?? '', text);
  }

  return Array.from(names, ([index, name]) => [name, values.get(index) ?? ''] as [string, string]);
}

function readMultivalue(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => {
      const text = readText(item);
      return text === undefined ? [] : [text];
    });
  }

  const text = readText(value);
  return text === undefined ? [] : text.split(/\r?\n/);
}

function readText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function readFlag(value: string): boolean | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  return undefined;
}
