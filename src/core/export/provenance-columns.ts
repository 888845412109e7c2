// Trailing CSV columns that record how an export was made: the detection settings (or that they are
// ESCU's), Mailsweep's version and each input file's SHA-256. They come after every other column,
// so the columns before them keep their places and a Splunk comparison still lines up.

import type { ReportProvenance } from '../report/report-provenance.ts';

export const PROVENANCE_CSV_COLUMNS = ['detection_settings', 'mailsweep_version', 'input_files'] as const;

/** Extra columns appended to every row of a CSV export: their names, and the cells each row repeats. */
export interface TrailingColumns {
  names: readonly string[];
  cells: readonly string[];
}

/**
 * Builds the provenance columns. `detection_settings` is `ESCU defaults` or one departure per line.
 * `input_files` lists one `sha256  name` line per dropped file, as `sha256sum` prints it, so the
 * list can be checked with `sha256sum -c` after saving the cell: an archive is listed once, by its
 * own name, because its members carry the archive's hash. A file not hashed shows `not hashed`.
 */
export function provenanceColumns(provenance: ReportProvenance): TrailingColumns {
  const { detection, generator, inputs } = provenance;
  const settings = detection.isEscuDefault ? 'ESCU defaults' : detection.departures.join('\n');
  const lines = inputs.map((input) => `${input.sha256 ?? 'not hashed'}  ${input.archive ?? input.name}`);
  const files = [...new Set(lines)].join('\n');
  return { names: PROVENANCE_CSV_COLUMNS, cells: [settings, generator.version, files] };
}
