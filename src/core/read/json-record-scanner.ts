// Frames JSON records on bytes, so that only one record at a time is ever decoded to a string.
// Every byte that matters for framing (quotes, backslashes, brackets, braces, commas, newlines)
// is ASCII. In UTF-8 no byte of a multi-byte character is below 0x80, so a byte scanner that
// tracks string, escape and nesting state finds record boundaries without decoding.
import type { RecordSink } from './read-audit-file.ts';
import { ByteBuffer } from './byte-buffer.ts';
import { RecordTextDecoder } from './decode/record-text-decoder.ts';
import { MAX_RECORD_SIZE, RecordTooLargeError } from './record-too-large-error.ts';
import type { InputFormat } from '../types.ts';
import { deliverUnwrapped } from './unwrap-record.ts';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
// The UTF-8 byte order mark, EF BB BF, is skipped between values: concatenated files carry one
// at the start of each part.
const BOM_1 = 0xef;
const BOM_2 = 0xbb;
const BOM_3 = 0xbf;

// Scanner states.
/** Between values, at the top level or directly inside a top-level array. */
const BETWEEN_VALUES = 0;
/** Inside an object or array value, outside strings. */
const IN_NESTING = 1;
const IN_STRING = 2;
/** Right after a backslash inside a string. */
const IN_ESCAPE = 3;
/** Inside a top-level number, literal or unquoted garbage. */
const IN_SCALAR = 4;
/** JSON lines only: inside a value after a line break, before the next line's first non-blank byte. */
const AT_LINE_START = 5;

/**
 * Splits a stream of JSON bytes into top-level values and reports each to a sink: the elements
 * of top-level arrays (several arrays back to back are fine) and top-level objects (JSON lines,
 * pretty-printed objects back to back). Whitespace and commas between values are ignored.
 *
 * Recovery from damaged input: a raw line break inside a string (never valid JSON) ends that
 * string and marks the record invalid. A closing bracket that matches no open one inside the
 * record ends it as invalid. In JSON-lines mode a line whose first non-blank byte is `{` or `[`
 * always starts a new record, so one broken line cannot swallow the lines after it.
 */
export class JsonRecordScanner {
  private readonly sink: RecordSink;
  private readonly jsonLines: boolean;
  /** Whether complete one-object lines skip the byte scanner (JSON lines only). */
  private readonly takesWholeLines: boolean;
  private readonly maxRecordBytes: number;
  private readonly decoder = new RecordTextDecoder();
  /** Bytes of the open value that arrived in earlier slices. */
  private readonly carried = new ByteBuffer();

  private state = BETWEEN_VALUES;
  /** 1-based number of the line the scanner is on. */
  private line = 1;
  /** Open brackets and braces of the current value, innermost last. The first `depth` entries are in use. */
  private stack: Uint8Array = new Uint8Array(64);
  private depth = 0;
  /** True between a top-level `[` and its `]`. */
  private inTopLevelArray = false;
  /** 1-based line where the open value starts. */
  private valueLine = 0;
  /** Whether the open value is known to be invalid JSON. Its bytes are then no longer kept. */
  private broken = false;

  /** The decoded whole lines of the slice being read; see decodedBlock. */
  private block: DecodedBlock | undefined;

  /** Container family of the first wrapped record (Graph, Splunk, Elastic...), undefined for bare UAL records. */
  containerFormat: InputFormat | undefined;
  /** Set when a value shows that the file contains no audit records. The message names the file kind and the export to use. */
  notRecordsMessage: string | undefined;

  /**
   * `wholeLines: false` sends every byte of a JSON-lines file through the byte scanner, for tests
   * that compare the two paths. Results are the same either way.
   */
  constructor(sink: RecordSink, jsonLines: boolean, maxRecordBytes: number = MAX_RECORD_SIZE, { wholeLines = true } = {}) {
    this.sink = sink;
    this.jsonLines = jsonLines;
    this.takesWholeLines = jsonLines && wholeLines;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Line feeds read so far. */
  get lineFeeds(): number {
    return this.line - 1;
  }

  /** True when no value is open: the bytes pushed so far end between top-level values. */
  get isBetweenRecords(): boolean {
    return this.state === BETWEEN_VALUES && !this.inTopLevelArray;
  }

  /** Records that were not valid UTF-8 and were decoded as Windows-1252. */
  get windows1252Records(): number {
    return this.decoder.windows1252Records;
  }

  /**
   * Scans the next slice of the file. In JSON-lines mode, whole lines that each contain one valid
   * object are parsed without the byte-by-byte scan. The scan takes over for any other line, and
   * only for that line, so both paths frame every line the same way.
   */
  push(bytes: Uint8Array): void {
    // The previous slice's decoded lines are of no further use.
    this.block = undefined;
    if (!this.takesWholeLines) {
      this.scan(bytes);
      return;
    }

    let offset = 0;
    while (offset < bytes.length) {
      if (this.state === BETWEEN_VALUES) {
        offset = this.takeObjectLines(bytes, offset);
        if (offset === bytes.length) return;
      }

      // One line, or the rest of the slice, through the byte scanner.
      const lineFeed = bytes.indexOf(LF, offset);
      const end = lineFeed < 0 ? bytes.length : lineFeed + 1;
      this.scan(offset === 0 && end === bytes.length ? bytes : bytes.subarray(offset, end));
      offset = end;
    }
  }

  /**
   * Delivers the complete lines from `offset` on while each is blank or one JSON object. Returns the
   * offset of the first line left to the byte scanner: one that does not start with `{` and end with
   * `}`, does not parse, or is not complete in this slice. Called only between values.
   */
  private takeObjectLines(bytes: Uint8Array, offset: number): number {
    const lastLineFeed = bytes.lastIndexOf(LF);
    let start = offset;
    while (start <= lastLineFeed) {
      const block = this.decodedBlock(bytes, start, lastLineFeed);
      if (block === undefined) {
        return this.takeObjectLinesOneByOne(bytes, start);
      }

      const next = this.takeBlockLines(bytes, block);
      if (next < block.byteEnd) return next;
      start = next;
    }
    return start;
  }

  /**
   * Delivers the object lines of `block` from its current line on, and returns the byte offset of
   * the first line left to the byte scanner, or `block.byteEnd` when every line was taken.
   */
  private takeBlockLines(bytes: Uint8Array, block: DecodedBlock): number {
    const { text } = block;
    let start = block.byteOffset;
    let textStart = block.textOffset;
    try {
      while (start < block.byteEnd) {
        const lineFeed = bytes.indexOf(LF, start);
        const textLineFeed = text.indexOf('\n', textStart);

        let first = textStart;
        while (first < textLineFeed && isBlankCode(text.charCodeAt(first))) first++;
        if (first < textLineFeed) {
          let end = textLineFeed;
          while (end > first && isBlankCode(text.charCodeAt(end - 1))) end--;
          if (text.charCodeAt(first) !== OPEN_BRACE || text.charCodeAt(end - 1) !== CLOSE_BRACE) return start;

          let value: unknown;
          try {
            value = JSON.parse(text.slice(first, end));
          } catch {
            return start;
          }
          this.valueLine = this.line;
          this.deliver(value);
        }

        this.line++;
        start = lineFeed + 1;
        textStart = textLineFeed + 1;
      }
      return start;
    } finally {
      block.byteOffset = start;
      block.textOffset = textStart;
    }
  }

  /**
   * Returns the decoded text of whole lines from `offset` (a line start) on: about BLOCK_BYTES of
   * them, decoded at once. Per line, Chromium's TextDecoder took about 20% of a range worker's time
   * on the bench's JSON lines. Per slice, one non-ASCII character made the whole slice a two-byte
   * string, which JSON.parse reads more slowly. The byte scanner reads single lines between calls,
   * so a later call inside the same block moves its text position by as many lines as the bytes
   * moved. Returns undefined when the block is not valid UTF-8: its lines are then decoded one by
   * one, so only invalid lines fall back to Windows-1252.
   */
  private decodedBlock(bytes: Uint8Array, offset: number, lastLineFeed: number): DecodedBlock | undefined {
    const cached = this.block;
    if (cached?.bytes === bytes && offset >= cached.byteOffset && offset < cached.byteEnd) {
      if (cached.isInvalid) return undefined;
      while (cached.byteOffset < offset) {
        const lineFeed = bytes.indexOf(LF, cached.byteOffset);
        if (lineFeed < 0 || lineFeed >= offset) break;
        cached.byteOffset = lineFeed + 1;
        cached.textOffset = cached.text.indexOf('\n', cached.textOffset) + 1;
      }
      // `offset` starts a line, so it is reached exactly; anything else decodes afresh.
      if (cached.byteOffset === offset) return cached;
    }

    const limit = Math.min(offset + BLOCK_BYTES, lastLineFeed + 1);
    let blockLineFeed = bytes.lastIndexOf(LF, limit - 1);
    if (blockLineFeed < offset) blockLineFeed = bytes.indexOf(LF, limit);
    const byteEnd = blockLineFeed + 1;

    const decoded = decodeValidUtf8(bytes.subarray(offset, byteEnd));
    const isInvalid = decoded === undefined;
    const text = decoded ?? '';
    this.block = { bytes, text, isInvalid, byteOffset: offset, byteEnd, textOffset: 0 };
    return isInvalid ? undefined : this.block;
  }

  /** takeObjectLines for bytes that are not all valid UTF-8: each line is decoded on its own. */
  private takeObjectLinesOneByOne(bytes: Uint8Array, offset: number): number {
    let start = offset;
    for (;;) {
      const lineFeed = bytes.indexOf(LF, start);
      if (lineFeed < 0) return start;

      let first = start;
      while (first < lineFeed && isBlank(bytes[first] as number)) first++;
      if (first === lineFeed) {
        this.line++;
        start = lineFeed + 1;
        continue;
      }

      let end = lineFeed;
      while (end > first && isBlank(bytes[end - 1] as number)) end--;
      if (bytes[first] !== OPEN_BRACE || bytes[end - 1] !== CLOSE_BRACE) return start;

      // A line that fails to parse goes to the byte scanner, which decodes it again: undo the count.
      const windows1252Before = this.decoder.windows1252Records;
      let value: unknown;
      try {
        value = JSON.parse(this.decoder.decode(bytes.subarray(first, end)));
      } catch {
        this.decoder.windows1252Records = windows1252Before;
        return start;
      }

      this.valueLine = this.line;
      this.deliver(value);
      this.line++;
      start = lineFeed + 1;
    }
  }


  /** Scans bytes one at a time, tracking strings, escapes and nesting. */
  private scan(bytes: Uint8Array): void {
    // The loop works on locals: per-byte work stays free of property access and calls.
    const jsonLines = this.jsonLines;
    let state = this.state;
    let line = this.line;
    let depth = this.depth;
    let stack = this.stack;
    // Where the open value starts in this slice, or 0 when it started in an earlier slice.
    let valueStart = 0;

    const length = bytes.length;
    for (let i = 0; i < length; i++) {
      // Most bytes of a record are inside strings: skip the plain ones without going through the
      // switch, which is the hot path of reading JSON.
      if (state === IN_STRING) {
        while (i < length) {
          const plain = bytes[i] as number;
          if (plain === QUOTE || plain === BACKSLASH || plain === LF) break;
          i++;
        }
        if (i === length) break;
      }

      const byte = bytes[i] as number;

      switch (state) {
        case IN_STRING:
          if (byte === QUOTE) {
            if (depth === 0) {
              this.emitValue(bytes, valueStart, i + 1);
              state = BETWEEN_VALUES;
            } else {
              state = IN_NESTING;
            }
          } else if (byte === BACKSLASH) {
            state = IN_ESCAPE;
          } else if (byte === LF) {
            line++;
            state = this.breakAtLineInString(depth, jsonLines);
          }
          break;

        case IN_ESCAPE:
          if (byte === LF) {
            line++;
            state = this.breakAtLineInString(depth, jsonLines);
          } else {
            state = IN_STRING;
          }
          break;

        case IN_NESTING:
          if (byte === QUOTE) {
            state = IN_STRING;
          } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
            if (depth === stack.length) stack = this.growStack();
            stack[depth++] = byte;
          } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
            // `}` is `{` + 2 and `]` is `[` + 2.
            const opener = byte - 2;
            if (stack[depth - 1] === opener) {
              depth--;
            } else {
              depth = this.closeMismatched(opener, depth);
              if (depth < 0) {
                // The closer belongs to an enclosing top-level array: end the value before it.
                this.emitValue(bytes, valueStart, i);
                depth = 0;
                state = BETWEEN_VALUES;
                i--;
                break;
              }
            }
            if (depth === 0) {
              this.emitValue(bytes, valueStart, i + 1);
              state = BETWEEN_VALUES;
            }
          } else if (byte === LF) {
            line++;
            if (jsonLines) state = AT_LINE_START;
          }
          break;

        case AT_LINE_START:
          if (byte === LF) {
            line++;
          } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
            this.broken = true;
            this.emitValue(bytes, valueStart, i);
            depth = 0;
            state = BETWEEN_VALUES;
            i--;
          } else if (byte !== SPACE && byte !== TAB && byte !== CR) {
            state = IN_NESTING;
            i--;
          }
          break;

        case IN_SCALAR:
          // In JSON lines one line is one value, so a line of plain words is one invalid record,
          // not one per word. Inside a top-level array, commas and brackets still end a value.
          if (jsonLines && !this.inTopLevelArray ? byte === LF || byte === CR : endsScalar(byte)) {
            this.emitValue(bytes, valueStart, i);
            state = BETWEEN_VALUES;
            i--;
          }
          break;

        default:
          // BETWEEN_VALUES
          if (byte === LF) {
            line++;
          } else if (
            byte === SPACE ||
            byte === CR ||
            byte === TAB ||
            byte === COMMA ||
            byte === BOM_1 ||
            byte === BOM_2 ||
            byte === BOM_3
          ) {
            // Separator.
          } else if (byte === OPEN_BRACKET && !this.inTopLevelArray) {
            this.inTopLevelArray = true;
          } else if (byte === CLOSE_BRACKET && this.inTopLevelArray) {
            this.inTopLevelArray = false;
          } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
            this.sink.skip('invalid-json', line);
          } else {
            this.valueLine = line;
            this.broken = false;
            valueStart = i;
            if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
              stack[0] = byte;
              depth = 1;
              state = IN_NESTING;
            } else if (byte === QUOTE) {
              state = IN_STRING;
            } else {
              state = IN_SCALAR;
            }
          }
      }
    }

    if (state !== BETWEEN_VALUES && !this.broken) {
      this.carried.append(bytes.subarray(valueStart));
      if (this.carried.length > this.maxRecordBytes) {
        throw new RecordTooLargeError(this.valueLine, this.maxRecordBytes);
      }
    }

    this.state = state;
    this.line = line;
    this.depth = depth;
    this.stack = stack;
  }

  /** Reports the value still open at the end of the file. */
  finish(): void {
    if (this.state === IN_SCALAR) {
      // A number or literal ends with the file.
      this.emitValue(new Uint8Array(0), 0, 0);
    } else if (this.state !== BETWEEN_VALUES) {
      this.carried.clear();
      this.sink.skip('truncated-record', this.valueLine);
    }

    this.state = BETWEEN_VALUES;
    this.depth = 0;
  }

  /**
   * Handles a raw line break inside a string, which JSON does not allow: the value is invalid,
   * and the string is taken to end at the break so that the rest of the structure still frames.
   * Returns the next state.
   */
  private breakAtLineInString(depth: number, jsonLines: boolean): number {
    this.markBroken();

    if (depth === 0) {
      // A top-level string: it ends here.
      this.emitValue(new Uint8Array(0), 0, 0);
      return BETWEEN_VALUES;
    }

    return jsonLines ? AT_LINE_START : IN_NESTING;
  }

  /**
   * Handles a closer that does not match the innermost opener: pops to the nearest matching
   * opener and marks the value invalid. Returns the new depth, or -1 when no opener matches.
   */
  private closeMismatched(opener: number, depth: number): number {
    this.markBroken();

    for (let level = depth - 2; level >= 0; level--) {
      if (this.stack[level] === opener) return level;
    }

    return -1;
  }

  private markBroken(): void {
    this.broken = true;
    this.carried.clear();
  }

  private growStack(): Uint8Array {
    const grown = new Uint8Array(this.stack.length * 2);
    grown.set(this.stack);
    this.stack = grown;
    return grown;
  }

  /** Parses the value that ends at `end` and reports it as a record or a skip. */
  private emitValue(bytes: Uint8Array, start: number, end: number): void {
    const line = this.valueLine;

    if (this.broken) {
      this.carried.clear();
      this.sink.skip('invalid-json', line);
      return;
    }

    let valueBytes = bytes.subarray(start, end);
    if (this.carried.length > 0) {
      this.carried.append(valueBytes);
      valueBytes = this.carried.view();
    }

    let value: unknown;
    try {
      value = JSON.parse(this.decoder.decode(valueBytes));
    } catch {
      this.sink.skip('invalid-json', line);
      return;
    } finally {
      this.carried.clear();
    }

    this.deliver(value);
  }

  /** Hands the records of one parsed value to the sink at `valueLine`, noting the container it came in. */
  private deliver(value: unknown): void {
    const delivered = deliverUnwrapped(value, this.sink, this.valueLine);
    this.containerFormat ??= delivered.shape;
    this.notRecordsMessage ??= delivered.notRecords;
  }
}

/** Tells whether `byte` ends a number, literal or unquoted garbage outside JSON lines. */
function endsScalar(byte: number): boolean {
  return (
    byte === SPACE ||
    byte === LF ||
    byte === CR ||
    byte === TAB ||
    byte === COMMA ||
    byte === QUOTE ||
    byte === OPEN_BRACE ||
    byte === CLOSE_BRACE ||
    byte === OPEN_BRACKET ||
    byte === CLOSE_BRACKET
  );
}

/** Space, tab or CR: the bytes that may surround a JSON value on its line. */
function isBlank(byte: number): boolean {
  return byte === SPACE || byte === TAB || byte === CR;
}

/** Whole lines of one slice, decoded at once, and how far takeObjectLines has read them. */
interface DecodedBlock {
  bytes: Uint8Array;
  text: string;
  /** True when the lines are not valid UTF-8; `text` is then empty. */
  isInvalid: boolean;
  /** Byte offset in `bytes` of the next line to read, and its offset in `text`. */
  byteOffset: number;
  textOffset: number;
  /** Byte offset just after the block's last line feed. */
  byteEnd: number;
}

/**
 * Bytes of whole lines decoded at once, 64 KiB: enough lines (about 70 of the bench's) to spread
 * the cost of a decoder call, few enough that a non-ASCII character makes only them a two-byte string.
 */
const BLOCK_BYTES = 64 * 1024;

const REPLACEMENT_CHARACTER = '\uFFFD';

/** isBlank for a UTF-16 code unit of decoded text: the same three ASCII characters. */
function isBlankCode(code: number): boolean {
  return code === SPACE || code === TAB || code === CR;
}

/**
 * UTF-8 decoders for blocks of whole lines. They keep a byte order mark as U+FEFF, so a line that
 * starts with one is not taken for an object line, as in the line-by-line path.
 */
const lenientBlockDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const strictBlockDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Returns the text of `bytes`, or undefined when they are not valid UTF-8. Without `fatal`, Chromium
 * decoded 64 KiB blocks in about 45% less time, and invalid bytes always leave a U+FFFD, so only a block
 * whose text contains one is decoded again strictly to tell a written U+FFFD from invalid bytes.
 */
function decodeValidUtf8(bytes: Uint8Array): string | undefined {
  const text = lenientBlockDecoder.decode(bytes);
  if (!text.includes(REPLACEMENT_CHARACTER)) return text;

  try {
    return strictBlockDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
