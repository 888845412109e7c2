import { openAsBlob } from 'node:fs';
import path from 'node:path';

import type { NamedSource } from '../../../src/core/types.ts';
import { CORPUS_DIR } from '../record/ews-sample-record.ts';

/** Returns a JSON-lines file in memory with one record per line, so record `i` starts on line `i + 1`. */
export function jsonLinesSource(name: string, records: Record<string, unknown>[]): NamedSource {
  const text = records.map((record) => JSON.stringify(record)).join('\n') + '\n';
  return { name, source: new Blob([text]) };
}

/** Opens a corpus file, given relative to the corpus directory, as a NamedSource. */
export async function corpusSource(relativePath: string): Promise<NamedSource> {
  return { name: path.basename(relativePath), source: await openAsBlob(path.join(CORPUS_DIR, relativePath)) };
}
