// Items that unwrapping one parsed value yields, shared by the JSON and CSV readers.
import type { InputFormat, SkipReason } from '../../types.ts';
import type { RecordContext } from '../read-audit-file.ts';

/** A UAL record taken out of its container. */
export interface UnwrappedRecord {
  record: Record<string, unknown>;
  context?: RecordContext;
  /** The container family when it is more specific than the file's JSON or CSV framing. */
  shape?: InputFormat;
}

/** The value looked like a record but could not be read. */
export interface UnwrapSkip {
  skip: SkipReason;
}

/** A value from a file that contains something other than audit records. The message names the file kind and the export to use. */
export interface NotRecords {
  notRecords: string;
}

export type UnwrapItem = UnwrappedRecord | UnwrapSkip | NotRecords;
