// Builders for broken and adversarial input files, and the checks every such file must pass: the
// report names the file and the lines, the readable records are analysed, and the counts reconcile.
import { expect } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import type { AnalysisResult, ByteSource, FileReport } from '../../../src/core/types.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';
import { PURVIEW_CSV_HEADER, purviewCsvRow } from '../../fixtures/generator/writers/purview-csv.ts';
import type { AuditRecord } from '../../fixtures/generator/json-value.ts';
import { EWS_APP_ID, EWS_CLIENT_INFO, ewsRecord, sweepRecords } from '../record/ews-sample-record.ts';

/** Users in the planted sweep; more than ESCU's threshold of 5, so the sweep is one finding. */
export const SWEEP_USERS = 6;

/** Returns the six records of one EWS sweep in the 16:00 bin of 2024-02-01, each with a new Id. */
export function sweep(): Record<string, unknown>[] {
  return sweepRecords(SWEEP_USERS);
}

/**
 * Returns MailItemsAccessed records of other users two hours after the sweep, each in a bin of
 * its own, so losing or adding one of them never changes the findings.
 */
export function bystanders(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) =>
    ewsRecord({ UserId: `bystander${index + 1}@example.onmicrosoft.com`, CreationTime: `2024-02-01T18:${String(index * 10).padStart(2, '0')}:00` }),
  );
}

/** Returns the records as JSON lines: record `i` on line `i + 1`, with a line break after the last. */
export function jsonLines(records: readonly Record<string, unknown>[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}

/** Returns the records as rows of a Purview audit search CSV: record `i` on line `i + 2`. */
export function purviewCsvRows(records: readonly Record<string, unknown>[]): string[] {
  return records.map((record) => purviewCsvRow(record as AuditRecord));
}

export function purviewCsv(rows: readonly string[]): string {
  return `${PURVIEW_CSV_HEADER}\r\n${rows.join('')}`;
}

export interface AnalysedFile {
  result: AnalysisResult;
  report: FileReport;
}

/** Analyses one file in memory with the ESCU defaults and returns its report. */
export async function analyzeOne(name: string, source: ByteSource | string | Uint8Array): Promise<AnalysedFile> {
  const bytes = typeof source === 'string' || source instanceof Uint8Array ? new Blob([toBlobPart(source)]) : source;
  const { result } = await analyzeSources([{ name, source: bytes }], ESCU_DEFAULTS);
  const [report] = result.summary.files;
  if (report === undefined) {
    throw new Error(`The analysis of ${name} returned no file report.`);
  }
  return { result, report };
}

function toBlobPart(content: string | Uint8Array): string | Uint8Array<ArrayBuffer> {
  return typeof content === 'string' ? content : new Uint8Array(content);
}

export function skippedTotal(report: FileReport): number {
  return report.skipped.reduce((sum, skip) => sum + skip.count, 0);
}

/** Checks that the records read and the records skipped add up to the records written to the file. */
export function expectReconciled(report: FileReport, recordsWritten: number): void {
  expect(report.recordsRead + skippedTotal(report), `records read plus skipped in ${report.name}`).toBe(recordsWritten);
}

/** Checks that the planted sweep was found with all its users. */
export function expectSweepFound(result: AnalysisResult, users = SWEEP_USERS): void {
  expect(result.findings).toHaveLength(1);
  expect(result.findings[0]).toMatchObject({ clientAppId: EWS_APP_ID, clientInfoString: EWS_CLIENT_INFO, uniqueMailboxes: users });
}

/** 12 characters in a record template that each copy replaces with its number, so that every copy has its own Id. */
export const COPY_NUMBER_PLACEHOLDER = '@@@@@@@@@@@@';

/**
 * A file of `prefix`, then `count` copies of `template` each followed by `separator`, then
 * `suffix`, generated slice by slice so that a 600 MB input needs no memory of its own. Each copy's
 * COPY_NUMBER_PLACEHOLDER is replaced by the copy's number in 12 hexadecimal digits.
 */
export class RepeatedRecordSource implements ByteSource {
  readonly size: number;
  private readonly prefix: Uint8Array;
  private readonly period: Uint8Array;
  private readonly suffix: Uint8Array;
  private readonly count: number;
  /** Offset of the placeholder within one period. */
  private readonly placeholderAt: number;

  constructor(parts: { prefix: string; template: string; separator: string; count: number; suffix: string }) {
    const encoder = new TextEncoder();
    this.prefix = encoder.encode(parts.prefix);
    this.period = encoder.encode(parts.template + parts.separator);
    this.suffix = encoder.encode(parts.suffix);
    this.count = parts.count;
    this.placeholderAt = this.period.indexOf(COPY_NUMBER_PLACEHOLDER.charCodeAt(0));
    if (!parts.template.includes(COPY_NUMBER_PLACEHOLDER) || /[^\x20-\x7e]/.test(parts.template)) {
      throw new Error('The template must be ASCII and contain COPY_NUMBER_PLACEHOLDER.');
    }
    this.size = this.prefix.length + this.period.length * this.count + this.suffix.length;
  }

  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> } {
    return { arrayBuffer: () => Promise.resolve(this.bytes(start, Math.min(end, this.size)).buffer) };
  }

  private bytes(start: number, end: number): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(Math.max(0, end - start));
    const bodyStart = this.prefix.length;
    const bodyEnd = bodyStart + this.period.length * this.count;
    let offset = start;

    while (offset < end) {
      if (offset < bodyStart) {
        const stop = Math.min(end, bodyStart);
        out.set(this.prefix.subarray(offset, stop), offset - start);
        offset = stop;
      } else if (offset < bodyEnd) {
        const copy = Math.floor((offset - bodyStart) / this.period.length);
        const periodStart = bodyStart + copy * this.period.length;
        const stop = Math.min(end, periodStart + this.period.length);
        out.set(this.copyBytes(copy).subarray(offset - periodStart, stop - periodStart), offset - start);
        offset = stop;
      } else {
        out.set(this.suffix.subarray(offset - bodyEnd, end - bodyEnd), offset - start);
        offset = end;
      }
    }
    return out;
  }

  private copyBytes(copy: number): Uint8Array {
    const digits = copy.toString(16).padStart(COPY_NUMBER_PLACEHOLDER.length, '0');
    for (let index = 0; index < digits.length; index++) {
      this.period[this.placeholderAt + index] = digits.charCodeAt(index);
    }
    return this.period;
  }
}
