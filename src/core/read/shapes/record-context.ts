// Collects the container facts (fallback id, fallback time, result count) from wrapper keys.
import type { RecordContext } from '../read-audit-file.ts';
import { contextFieldFor } from '../../record/field-aliases.ts';
import { readScalarText } from './object-keys.ts';

/**
 * Reads RecordContext from the keys of `wrapper` (Identity, RecordId, OfficeId, id, CreationDate,
 * TimeGenerated, createdDateTime, _time, @timestamp, Timestamp, ResultCount, in any case). The first
 * key of each kind wins. Returns undefined when the wrapper has none of them.
 */
export function readRecordContext(wrapper: Record<string, unknown>): RecordContext | undefined {
  let context: RecordContext | undefined;

  for (const [key, value] of Object.entries(wrapper)) {
    const field = contextFieldFor(key);
    const text = field === undefined ? undefined : readScalarText(value);
    if (field === undefined || text === undefined) continue;

    context ??= {};
    if (field === 'resultCount') {
      const count = Number(text);
      if (context.resultCount === undefined && Number.isSafeInteger(count) && count >= 0) context.resultCount = count;
    } else {
      context[field] ??= text;
    }
  }

  return context;
}

/** Merges two contexts; values of `primary` win. */
export function mergeContexts(primary: RecordContext | undefined, secondary: RecordContext | undefined): RecordContext | undefined {
  if (primary === undefined) return secondary;
  if (secondary === undefined) return primary;
  return { ...secondary, ...primary };
}
