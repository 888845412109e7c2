// Records whose fields are columns or flat keys instead of one AuditData value: Sentinel
// OfficeActivity rows, Hawk "Simple" exports (nested keys joined with `_`), and Splunk search
// fields. The record is rebuilt with UAL key names.
import type { InputFormat } from '../../types.ts';
import type { SourceFamily } from '../../record/field-aliases.ts';
import { contextFieldFor, ualKeyFor } from '../../record/field-aliases.ts';
import type { UnwrappedRecord } from './unwrap-item.ts';
import { fillMissing, isPlainObject } from './object-keys.ts';
import { readRecordContext } from './record-context.ts';

/** Flat shapes whose keys need mapping: the OfficeActivity table, Hawk Simple and Splunk search fields. */
export type FlatLayout = 'sentinel' | 'hawk-simple' | 'splunk';

/** Alias family of each layout. Hawk keeps the UAL names and only joins nested ones with `_`. */
const LAYOUT_FAMILIES: Readonly<Record<FlatLayout, SourceFamily | undefined>> = {
  sentinel: 'sentinel',
  splunk: 'splunk',
  'hawk-simple': undefined,
};

/** Rebuilds the UAL record of a flat object in `layout`, with the container facts in its context. */
export function rebuildFlatRecord(object: Record<string, unknown>, layout: FlatLayout): UnwrappedRecord {
  const record: Record<string, unknown> = {};
  const family = LAYOUT_FAMILIES[layout];

  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || value === null || value === '') continue;

    if (layout === 'hawk-simple' && key.includes('_') && !key.startsWith('_')) {
      setFlattenedPath(record, key.split('_'), value);
      continue;
    }

    // Splunk's internal fields (_time, _cd, _bkt, ...) and Sentinel's TimeGenerated are container facts.
    if ((layout === 'splunk' && key.startsWith('_')) || (layout === 'sentinel' && contextFieldFor(key) === 'fallbackTime')) {
      continue;
    }

    const ualKey = family === undefined ? undefined : ualKeyFor(family, key);
    if (ualKey === undefined) {
      record[key] = value;
    } else if (layout === 'splunk') {
      // `user` is the add-on's alias: it replaces UserId only when the export left UserId out.
      fillMissing(record, ualKey, value);
    } else {
      record[ualKey] = value;
    }
  }

  const rebuilt: UnwrappedRecord = { record, shape: layoutShape(layout) };
  const context = readRecordContext(object);
  if (context !== undefined) rebuilt.context = context;
  return rebuilt;
}

function layoutShape(layout: FlatLayout): InputFormat {
  if (layout === 'sentinel') return 'log-analytics-json';
  if (layout === 'splunk') return 'splunk-json';
  return 'hawk-simple-json';
}

/** Sets `value` at a `_`-split path; numeric segments index arrays (`Folders_0_Path`). */
function setFlattenedPath(target: Record<string, unknown> | unknown[], path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined || head === '') return;

  const key: string | number = /^\d+$/.test(head) ? Number(head) : head;
  const container = target as Record<string | number, unknown>;
  if (rest.length === 0) {
    container[key] ??= value;
    return;
  }

  const nextIsIndex = /^\d+$/.test(rest[0] ?? '');
  let child = container[key];
  if (!(nextIsIndex ? Array.isArray(child) : isPlainObject(child))) {
    child = nextIsIndex ? [] : {};
    container[key] = child;
  }
  setFlattenedPath(child as Record<string, unknown> | unknown[], rest, value);
}
