// One pass over an object's keys that finds which shapes it may be. A plain UAL record (the common
// case, millions per file) then costs one cheap scan of its keys: a key is lower-cased and
// compared only when its length and first letter match a name of interest.
import { RECORD_KEYS } from './audit-data-wrapper.ts';
import type { FlatLayout } from './flattened-record.ts';

/**
 * Lower-case keys that hint at a file describeNonRecordKeys recognises. A sessions summary is
 * marked by Action, not SessionId, because MailItemsAccessed records carry SessionId too.
 */
const NON_RECORD_MARKERS = ['contenturi', 'unique_mailboxes', 'action', 'internetmessageid', 'messageid'];
const SENTINEL_MARKERS = ['officeworkload', 'client_ipaddress', 'officeid'];
const HAWK_FLATTENED_KEY = /^(?:appaccesscontext|operationproperties|folders)_/i;
const ELASTIC_AUDIT_PREFIX = 'o365.audit.';
const ASCII_LOWER_CASE_BIT = 0x20;

type KeyRole = 'record' | 'sentinel' | 'non-record' | 'splunk';

/** Names of interest by length and lower-cased first letter, so most keys are rejected by one map lookup. */
const CANDIDATES = new Map<number, [name: string, role: KeyRole][]>();
for (const [names, role] of [
  [RECORD_KEYS, 'record'],
  [SENTINEL_MARKERS, 'sentinel'],
  [NON_RECORD_MARKERS, 'non-record'],
  [['_time'], 'splunk'],
] as const) {
  for (const name of names) {
    const signature = keySignature(name);
    CANDIDATES.set(signature, [...(CANDIDATES.get(signature) ?? []), [name, role]]);
  }
}

export interface KeyProfile {
  /** The record-carrying key (AuditData, RawEventData, _raw in any case), by RECORD_KEYS priority. */
  recordKey: string | undefined;
  flatLayout: FlatLayout | undefined;
  /** Keys `o365` or `o365.audit.*` are present: maybe an Elastic document. */
  mayBeElastic: boolean;
  /** All keys in lower case, only when a key hints at a file without audit records. */
  lowerCaseKeys: Set<string> | undefined;
}

/** Scans the keys of `object` once for the names that mark each wrapper shape. */
export function profileKeys(object: Record<string, unknown>): KeyProfile {
  const keys = Object.keys(object);
  let recordKey: string | undefined;
  let recordKeyRank: number = RECORD_KEYS.length;
  let isSentinel = false;
  let isHawk = false;
  let isSplunk = false;
  let mayBeElastic = false;
  let mayBeNonRecord = false;

  for (const key of keys) {
    if (key.includes('{}')) isSplunk = true;
    if (key.includes('_') && HAWK_FLATTENED_KEY.test(key)) isHawk = true;
    if (key === 'o365' || key.startsWith(ELASTIC_AUDIT_PREFIX)) mayBeElastic = true;

    const candidates = CANDIDATES.get(keySignature(key));
    if (candidates === undefined) continue;

    const lower = key.toLowerCase();
    for (const [name, role] of candidates) {
      if (lower !== name) continue;
      if (role === 'record') {
        const rank = (RECORD_KEYS as readonly string[]).indexOf(name);
        if (rank < recordKeyRank) {
          recordKeyRank = rank;
          recordKey = key;
        }
      } else if (role === 'sentinel') {
        isSentinel = true;
      } else if (role === 'splunk') {
        isSplunk = true;
      } else {
        mayBeNonRecord = true;
      }
    }
  }

  let flatLayout: FlatLayout | undefined;
  if (isSentinel) {
    flatLayout = 'sentinel';
  } else if (isHawk) {
    flatLayout = 'hawk-simple';
  } else if (isSplunk) {
    flatLayout = 'splunk';
  }

  return {
    recordKey,
    flatLayout,
    mayBeElastic,
    lowerCaseKeys: mayBeNonRecord ? new Set(keys.map((key) => key.toLowerCase())) : undefined,
  };
}

/** Length and lower-cased first UTF-16 code unit of `key`, as one number. */
function keySignature(key: string): number {
  return key.length * 0x10000 + (key.charCodeAt(0) | ASCII_LOWER_CASE_BIT);
}
