// Splunk search export lines: {"preview":false,"offset":N,"result":{...}}, from the REST export
// endpoint and the UI's JSON export. Preview rows are provisional copies of later final rows, and
// a `lastrow` line without a result only marks the end, so neither yields anything.
import { isPlainObject } from './object-keys.ts';

/** Tells whether `value` is a Splunk export line: a `result` object, or a result-less `preview`/`lastrow` marker. */
export function isSplunkExportLine(value: Record<string, unknown>): boolean {
  if (isPlainObject(value.result)) {
    return Object.hasOwn(value, 'preview') || Object.hasOwn(value, 'offset') || Object.hasOwn(value, 'lastrow');
  }
  return !Object.hasOwn(value, 'result') && Object.hasOwn(value, 'preview') && Object.hasOwn(value, 'lastrow');
}

/** Returns the final result of a Splunk export line, or undefined for a preview row or an end marker. */
export function readSplunkResult(line: Record<string, unknown>): Record<string, unknown> | undefined {
  if (line.preview === true || !isPlainObject(line.result)) {
    return undefined;
  }
  return line.result;
}
