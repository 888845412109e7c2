import type { FileNotice } from '../../types.ts';

/**
 * Builds the 'encoding-fallback' notice for `count` records (JSON, decoded whole) or bytes
 * (CSV, decoded one by one) that were not valid UTF-8 and were read as Windows-1252; undefined for 0.
 */
export function encodingFallbackNotice(count: number, unit: 'records' | 'bytes'): FileNotice | undefined {
  if (count === 0) return undefined;

  const subject = count === 1 ? `1 ${unit === 'records' ? 'record' : 'byte'} is` : `${count} ${unit} are`;
  const pronoun = count === 1 ? 'it was' : 'they were';
  return {
    code: 'encoding-fallback',
    message:
      `The file starts as UTF-8, but ${subject} not valid UTF-8, so ${pronoun} read as Windows-1252. ` +
      'Check non-ASCII characters in user names; re-saving the export as UTF-8 avoids the guess.',
  };
}
