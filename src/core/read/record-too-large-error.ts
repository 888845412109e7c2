/**
 * Maximum record size a reader buffers, in bytes (JSON) or UTF-16 code units (CSV). UAL records
 * are kilobytes to a few megabytes, so a value this large almost always means an unclosed quote
 * or bracket that swallowed the rest of the file. The limit also keeps the decoded text well
 * below V8's maximum string length (about 2^29 code units).
 */
export const MAX_RECORD_SIZE = 256 * 1024 * 1024;

/** Raised by a reader when one record grows past its size limit. Reading the file stops there. */
export class RecordTooLargeError extends Error {
  /** 1-based line where the oversized record starts. */
  readonly line: number;

  constructor(line: number, limit: number) {
    // `limit` counts bytes or UTF-16 code units. Text of n code units takes at least n bytes of
    // UTF-8, so the message's "more than ... bytes" holds for both.
    super(
      `The record that starts at line ${line} is still open after more than ${formatSize(limit)}, so the file is ` +
        'probably damaged there (an unclosed quote or bracket). Records before that line were read. ' +
        'Repair or split the file to read the rest.',
    );
    this.name = 'RecordTooLargeError';
    this.line = line;
  }
}

function formatSize(units: number): string {
  const mebibytes = units / (1024 * 1024);
  return mebibytes >= 1 ? `${Math.round(mebibytes)} MiB` : `${units} bytes`;
}
