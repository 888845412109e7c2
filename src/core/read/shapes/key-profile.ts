// One pass over an object's keys that finds which shapes it may be. A plain UAL record (the common
// case, millions per file) then costs one cached lookup per key: a key name is lower-cased and
// compared only the first time it is seen, and only when its length and first letter match a name of interest.
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

/**
 * Keys, compared case-sensitively as the readers do, that a Splunk export line (`result`,
 * `preview`, `offset`, `lastrow`), an Elasticsearch document or response (`_source`, `hits`,
 * `hits.hits`) or a result set (`value`, `tables`, `results`, `schema`) needs. An object without
 * any of them is not one of these containers.
 */
const CONTAINER_KEYS = new Set(['result', 'preview', 'offset', 'lastrow', '_source', 'hits', 'hits.hits', 'value', 'tables', 'results', 'Results', 'schema', 'Schema']);
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
  /** A key of CONTAINER_KEYS is present: maybe a Splunk export line, an Elasticsearch hit or response, or a result set. */
  mayBeContainer: boolean;
  /** All keys in lower case, only when a key hints at a file without audit records. */
  lowerCaseKeys: Set<string> | undefined;
}

/** Bits of what one key name hints at, cached per name by `keyHints`. */
const SPLUNK_HINT = 1;
const HAWK_HINT = 2;
const ELASTIC_HINT = 4;
const SENTINEL_HINT = 8;
const NON_RECORD_HINT = 16;
const CONTAINER_HINT = 32;
/** Bits from 6 up: the RECORD_KEYS rank of a record-carrying key, plus one (0 for other keys). */
const RECORD_RANK_SHIFT = 6;

/**
 * Hints per key name seen so far. Records of one export repeat a few dozen key names, so each is
 * examined once. The cache stops growing at MAX_CACHED_KEYS names, so a file of random keys only
 * costs the uncached work.
 */
const hintsByKey = new Map<string, number>();
const MAX_CACHED_KEYS = 10_000;

/**
 * The keys and profile of the latest object profiled. Records of one export mostly repeat one key
 * list, and JSON.parse gives equal keys as the same string, so comparing the lists with `===` costs
 * less than a cache lookup per key.
 */
let latest: { keys: string[]; profile: KeyProfile } | undefined;

/**
 * Scans the keys of `object` once for the names that mark each wrapper shape. The profile returned
 * may be shared with other objects that have the same keys in the same order, so callers must not
 * change it.
 */
export function profileKeys(object: Record<string, unknown>): KeyProfile {
  const keys = Object.keys(object);
  if (latest !== undefined && sameKeys(latest.keys, keys)) {
    return latest.profile;
  }

  const profile = profileNewKeys(keys);
  latest = { keys, profile };
  return profile;
}

function sameKeys(first: readonly string[], second: readonly string[]): boolean {
  if (first.length !== second.length) return false;
  for (let index = 0; index < first.length; index += 1) {
    if (first[index] !== second[index]) return false;
  }
  return true;
}

function profileNewKeys(keys: readonly string[]): KeyProfile {
  let recordKey: string | undefined;
  let recordKeyRank: number = RECORD_KEYS.length;
  let hints = 0;

  for (const key of keys) {
    let keyHintBits = hintsByKey.get(key);
    if (keyHintBits === undefined) {
      keyHintBits = examineKey(key);
      if (hintsByKey.size < MAX_CACHED_KEYS) hintsByKey.set(key, keyHintBits);
    }
    hints |= keyHintBits;

    const rank = (keyHintBits >>> RECORD_RANK_SHIFT) - 1;
    if (rank >= 0 && rank < recordKeyRank) {
      recordKeyRank = rank;
      recordKey = key;
    }
  }

  let flatLayout: FlatLayout | undefined;
  if (hints & SENTINEL_HINT) {
    flatLayout = 'sentinel';
  } else if (hints & HAWK_HINT) {
    flatLayout = 'hawk-simple';
  } else if (hints & SPLUNK_HINT) {
    flatLayout = 'splunk';
  }

  return {
    recordKey,
    flatLayout,
    mayBeElastic: (hints & ELASTIC_HINT) !== 0,
    mayBeContainer: (hints & CONTAINER_HINT) !== 0,
    lowerCaseKeys: hints & NON_RECORD_HINT ? new Set(keys.map((key) => key.toLowerCase())) : undefined,
  };
}

/** Works out the hint bits of one key name. */
function examineKey(key: string): number {
  let hints = 0;
  if (key.includes('{}')) hints |= SPLUNK_HINT;
  if (key.includes('_') && HAWK_FLATTENED_KEY.test(key)) hints |= HAWK_HINT;
  if (key === 'o365' || key.startsWith(ELASTIC_AUDIT_PREFIX)) hints |= ELASTIC_HINT;
  if (CONTAINER_KEYS.has(key)) hints |= CONTAINER_HINT;

  const candidates = CANDIDATES.get(keySignature(key));
  if (candidates === undefined) return hints;

  const lower = key.toLowerCase();
  for (const [name, role] of candidates) {
    if (lower !== name) continue;
    if (role === 'record') {
      hints |= ((RECORD_KEYS as readonly string[]).indexOf(name) + 1) << RECORD_RANK_SHIFT;
    } else if (role === 'sentinel') {
      hints |= SENTINEL_HINT;
    } else if (role === 'splunk') {
      hints |= SPLUNK_HINT;
    } else {
      hints |= NON_RECORD_HINT;
    }
  }
  return hints;
}

/** Length and lower-cased first UTF-16 code unit of `key`, as one number. */
function keySignature(key: string): number {
  return key.length * 0x10000 + (key.charCodeAt(0) | ASCII_LOWER_CASE_BIT);
}
