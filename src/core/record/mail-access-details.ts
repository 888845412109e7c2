// The facts one MailItemsAccessed record logs about the read itself, for the drill-down of a finding:
// MailAccessType and IsThrottled (from OperationProperties), OperationCount, the folder paths
// (Folders[].Path) and how many messages it names (Folders[].FolderItems[].InternetMessageId).
// Folders arrives in the same forms as OperationProperties:
// - an array of {Id, Path, FolderItems} objects (the Management Activity API, Hawk once rebuilt);
// - that array as a JSON string (Sentinel's string column, Sparrow, Extractor-Suite CSVs);
// - PowerShell's depth-truncated text `@{FolderItems=System.Object[]; Id=...; Path=\Inbox}`, which
//   keeps the paths but not the message ids;
// - Splunk's multivalue fields `Folders{}.Path` and `Folders{}.FolderItems{}.InternetMessageId`.

import { isPlainObject } from '../read/shapes/object-keys.ts';
import { readOperationProperties } from './operation-properties.ts';

/** Details of one read. A field that the record lacks in every readable form is left out. */
export interface MailAccessDetails {
  /** `Bind` (messages opened), `Sync` (a folder synchronised) or whatever other text the record contains. */
  mailAccessType?: string;
  /** True when Exchange stopped logging Bind reads of this mailbox, so the log shows less than was read. */
  isThrottled?: boolean;
  /** Operations folded into the record (Exchange folds the binds of 2 minutes into one record). */
  operationCount?: number;
  /** Distinct Folders[].Path values in record order. Empty when the record names no folder. */
  folderPaths: string[];
  /**
   * InternetMessageId values under Folders[].FolderItems[]. 0 for folders without items (a Sync
   * record). Absent when the record has no readable Folders, or only PowerShell's truncated text.
   */
  messageIdCount?: number;
}

const POWERSHELL_OBJECT_PLACEHOLDER = 'System.Object[]';
/** The Path entry of one `@{...}` folder in PowerShell's hashtable text. A path contains no `;` or `}`. */
const POWERSHELL_PATH = /[@{;]\s*Path=([^;}]*)/g;
const SPLUNK_PATH_FIELD = 'Folders{}.Path';
const SPLUNK_MESSAGE_ID_FIELD = 'Folders{}.FolderItems{}.InternetMessageId';

/** Reads the details of one unwrapped UAL record. Malformed values are left out instead of raising an error. */
export function readMailAccessDetails(record: Record<string, unknown>): MailAccessDetails {
  // Fields are set one by one: a spread of the properties made objects that took about twice as
  // long to build and read (measured in Node on the bench's MailItemsAccessed records).
  const { mailAccessType, isThrottled } = readOperationProperties(record);
  const details: MailAccessDetails = { folderPaths: [] };
  if (mailAccessType !== undefined) {
    details.mailAccessType = mailAccessType;
  }
  if (isThrottled !== undefined) {
    details.isThrottled = isThrottled;
  }

  const operationCount = readCount(record.OperationCount);
  if (operationCount !== undefined) {
    details.operationCount = operationCount;
  }

  const folders = readFolders(record.Folders) ?? readSplunkFolders(record);
  if (folders !== undefined) {
    details.folderPaths = folders.paths;
    if (folders.messageIdCount !== undefined) {
      details.messageIdCount = folders.messageIdCount;
    }
  }
  return details;
}

interface FolderSummary {
  paths: string[];
  messageIdCount?: number;
}

/** Reads Folders as an array, as its JSON text or as PowerShell's text. Returns undefined for any other value. */
function readFolders(value: unknown): FolderSummary | undefined {
  if (Array.isArray(value)) {
    return summariseFolderArray(value);
  }

  if (typeof value !== 'string') {
    return undefined;
  }

  const text = value.trim();
  if (text === '' || text === POWERSHELL_OBJECT_PLACEHOLDER) {
    return undefined;
  }

  if (text.startsWith('[') || text.startsWith('{')) {
    return readFolderJson(text);
  }

  const paths = Array.from(text.matchAll(POWERSHELL_PATH), (match) => (match[1] ?? '').trim());
  return paths.length === 0 ? undefined : { paths: distinctNonEmpty(paths) };
}

function readFolderJson(text: string): FolderSummary | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return summariseFolderArray(Array.isArray(parsed) ? parsed : [parsed]);
}

function summariseFolderArray(folders: readonly unknown[]): FolderSummary {
  const paths: string[] = [];
  let messageIdCount = 0;
  for (const folder of folders) {
    if (!isPlainObject(folder)) continue;

    if (typeof folder.Path === 'string') {
      paths.push(folder.Path);
    }
    if (Array.isArray(folder.FolderItems)) {
      messageIdCount += countMessageIds(folder.FolderItems);
    }
  }
  return { paths: distinctNonEmpty(paths), messageIdCount };
}

function countMessageIds(items: readonly unknown[]): number {
  let count = 0;
  for (const item of items) {
    if (isPlainObject(item) && typeof item.InternetMessageId === 'string' && item.InternetMessageId !== '') {
      count += 1;
    }
  }
  return count;
}

/** Reads Splunk's multivalue fields, where a CSV export joins the values with line breaks. */
function readSplunkFolders(record: Record<string, unknown>): FolderSummary | undefined {
  const hasPaths = SPLUNK_PATH_FIELD in record;
  const hasMessageIds = SPLUNK_MESSAGE_ID_FIELD in record;
  if (!hasPaths && !hasMessageIds) {
    return undefined;
  }

  const summary: FolderSummary = { paths: distinctNonEmpty(readMultivalue(record[SPLUNK_PATH_FIELD])) };
  if (hasMessageIds) {
    summary.messageIdCount = readMultivalue(record[SPLUNK_MESSAGE_ID_FIELD]).filter((id) => id !== '').length;
  }
  return summary;
}

function readMultivalue(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.filter((item): item is string => typeof item === 'string');
  }
  return typeof value === 'string' ? value.split(/\r?\n/) : [];
}

/** Reads a non-negative whole count from a number or its text (`4`, `"4"`, `"1.0"`). */
function readCount(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
    return undefined;
  }
  return number;
}

/** Lists longer than this are made distinct through a Set, shorter ones by searching the result. */
const MAX_SEARCHED_VALUES = 32;

function distinctNonEmpty(values: readonly string[]): string[] {
  if (values.length > MAX_SEARCHED_VALUES) {
    return [...new Set(values.filter((value) => value !== ''))];
  }

  // A record usually names a few folders, and for a few a search costs less than building a Set.
  const distinct: string[] = [];
  for (const value of values) {
    if (value !== '' && !distinct.includes(value)) distinct.push(value);
  }
  return distinct;
}
