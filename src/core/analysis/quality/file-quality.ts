// Data-quality observations of one file, gathered while it streams: record times and their source,
// which detection fields occur, and the search size that the container reports. Memory depends on
// the number of hours covered, not on the file size.

import type { FileNotice } from '../../types.ts';
import type { RecordContext } from '../../read/read-audit-file.ts';
import type { AuditFields } from '../../record/audit-fields.ts';
import { parseCreationTime } from '../../time/creation-time.ts';
import { DayMonthEvidence } from '../../time/day-month-order.ts';
import type { DayMonthDecision, DayMonthEvidenceState } from '../../time/day-month-order.ts';
import { parseWrapperTime } from '../../time/wrapper-time.ts';
import type { WrapperTime } from '../../time/wrapper-time.ts';
import { FieldPresence } from './field-presence.ts';
import type { FieldPresenceState } from './field-presence.ts';
import {
  EXPORT_CAPS,
  cappedExportNotice,
  dayMonthNotice,
  fallbackTimeNotice,
  missingFieldsNotice,
  resultCountNotice,
  timeGapNotice,
  truncatedAuditDataNotice,
} from './quality-notices.ts';
import { TimeCoverage } from './time-coverage.ts';
import type { TimeCoverageState } from './time-coverage.ts';

/** Empty stretches of at least this many hours inside a file's time range are reported. */
const MIN_GAP_HOURS = 24;

/**
 * The time of one record: exact, or two readings of an ambiguous slash date that the end of the
 * file decides between. Undefined when the record has no readable time.
 */
export type RecordTime =
  | { kind: 'exact'; seconds: number }
  | { kind: 'ambiguous'; monthFirstSeconds: number; dayFirstSeconds: number };

/** Totals of the whole file that the notices need besides the per-record observations. */
export interface FileQualityTotals {
  /** Records read plus records skipped: the rows or values the file holds. */
  rows: number;
  /** Records skipped as 'truncated-audit-data'. */
  truncatedAuditData: number;
}

/** The data-quality part of a file report. */
export interface FileQualityReport {
  notices: FileNotice[];
  firstRecordTime?: number;
  lastRecordTime?: number;
}

/**
 * Everything a `FileQuality` has observed before the day/month order is decided, as plain data
 * that survives `structuredClone`. One worker reading a byte range of a file sends this, and the
 * coordinator absorbs the ranges in file order.
 */
export interface FileQualityState {
  presence: FieldPresenceState;
  /** Records with an exact time. */
  coverage: TimeCoverageState;
  /** Records dated by an ambiguous slash date, under each reading. */
  ambiguousMonthFirst: TimeCoverageState;
  ambiguousDayFirst: TimeCoverageState;
  evidence: DayMonthEvidenceState;
  maxResultCount: number;
  fallbackTimed: number;
  fallbackSlashDates: number;
  fallbackAmbiguous: number;
  ambiguousExample: string | undefined;
}

/** Collects the data-quality observations of one file. */
export class FileQuality {
  private readonly presence = new FieldPresence();
  private readonly coverage = new TimeCoverage();

  /** Times of records dated by an ambiguous slash date, under each reading, until the order is decided. */
  private readonly ambiguousMonthFirst = new TimeCoverage();
  private readonly ambiguousDayFirst = new TimeCoverage();

  private readonly evidence = new DayMonthEvidence();
  private decision: DayMonthDecision | undefined;
  private maxResultCount = 0;
  private fallbackTimed = 0;
  private fallbackSlashDates = 0;
  private fallbackAmbiguous = 0;
  private ambiguousExample: string | undefined;

  /**
   * Reads the time of one record and counts it. `AuditData.CreationTime` always wins, even when
   * it is invalid. Only a record without one is timed from `context.fallbackTime`. Every
   * slash date in the container counts towards the file's day/month order, used or not.
   */
  observeRecord(fields: AuditFields, isMailItemsAccessed: boolean, context: RecordContext | undefined): RecordTime | undefined {
    if (context?.resultCount !== undefined && context.resultCount > this.maxResultCount) {
      this.maxResultCount = context.resultCount;
    }

    // Beside a CreationTime, a wrapper date counts only as day/month evidence, and only a slash date
    // gives any. So Purview's ISO CreationDate on every CSV row is not parsed.
    const wrapperText = context?.fallbackTime;
    const needsWrapperTime = wrapperText !== undefined && (fields.creationTime === undefined || wrapperText.includes('/'));
    const wrapperTime = needsWrapperTime ? parseWrapperTime(wrapperText) : undefined;
    if (wrapperTime !== undefined) {
      this.evidence.observe(wrapperTime);
    }

    const usesWrapperTime = fields.creationTime === undefined && wrapperTime !== undefined;
    this.presence.observe(fields, isMailItemsAccessed, usesWrapperTime);
    if (fields.creationTime !== undefined) {
      return this.observeExact(parseCreationTime(fields.creationTime));
    }
    if (wrapperTime === undefined) {
      return undefined;
    }

    return this.observeWrapperTime(wrapperTime, wrapperText ?? '');
  }

  /**
   * Returns a copy of the observations so far. Throws once the day/month order is decided,
   * because the coverage then already contains the ambiguous records and absorbing it would
   * count them twice.
   */
  snapshot(): FileQualityState {
    this.checkUndecided('snapshot');
    return {
      presence: this.presence.snapshot(),
      coverage: this.coverage.snapshot(),
      ambiguousMonthFirst: this.ambiguousMonthFirst.snapshot(),
      ambiguousDayFirst: this.ambiguousDayFirst.snapshot(),
      evidence: this.evidence.snapshot(),
      maxResultCount: this.maxResultCount,
      fallbackTimed: this.fallbackTimed,
      fallbackSlashDates: this.fallbackSlashDates,
      fallbackAmbiguous: this.fallbackAmbiguous,
      ambiguousExample: this.ambiguousExample,
    };
  }

  /**
   * Adds the observations of a later part of the same file, so that the decision and report
   * equal those of one FileQuality that observed both parts in order. This part's ambiguous
   * example is kept, and the absorbed one is used only when this part has none. Throws once the
   * day/month order is decided.
   */
  absorb(state: FileQualityState): void {
    this.checkUndecided('absorb');
    this.presence.absorb(state.presence);
    this.coverage.absorb(state.coverage);
    this.ambiguousMonthFirst.absorb(state.ambiguousMonthFirst);
    this.ambiguousDayFirst.absorb(state.ambiguousDayFirst);
    this.evidence.absorb(state.evidence);
    this.maxResultCount = Math.max(this.maxResultCount, state.maxResultCount);
    this.fallbackTimed += state.fallbackTimed;
    this.fallbackSlashDates += state.fallbackSlashDates;
    this.fallbackAmbiguous += state.fallbackAmbiguous;
    this.ambiguousExample ??= state.ambiguousExample;
  }

  /**
   * Decides the day/month order of the file's ambiguous dates and places their records in the
   * time coverage. Call once, after the last record; later calls return the same decision.
   */
  decideDayMonthOrder(): DayMonthDecision {
    if (this.decision !== undefined) {
      return this.decision;
    }

    const decision = this.evidence.decide();
    this.coverage.addAll(decision.order === 'day-first' ? this.ambiguousDayFirst : this.ambiguousMonthFirst);
    this.decision = decision;
    return decision;
  }

  /** Builds the notices and the time range of the file, deciding the day/month order first if that was not done. */
  report(fileName: string, totals: FileQualityTotals): FileQualityReport {
    const decision = this.decideDayMonthOrder();
    const notices: FileNotice[] = [];

    const missing = this.presence.missingFields();
    if (missing.length > 0) {
      notices.push(missingFieldsNotice(fileName, missing, this.presence.hasMailItemsAccessed));
    }

    const capCause = EXPORT_CAPS.get(totals.rows);
    if (capCause !== undefined) {
      notices.push(cappedExportNotice(fileName, totals.rows, capCause));
    }
    if (this.maxResultCount > totals.rows) {
      notices.push(resultCountNotice(fileName, totals.rows, this.maxResultCount));
    }
    if (totals.truncatedAuditData > 0) {
      notices.push(truncatedAuditDataNotice(fileName, totals.truncatedAuditData));
    }

    if (this.fallbackTimed > 0) {
      notices.push(fallbackTimeNotice(fileName, this.fallbackTimed));
    }
    const isUnsettled = this.fallbackAmbiguous > 0 && !decision.settled;
    const isConflicting = this.fallbackSlashDates > 0 && decision.conflicting;
    if (isUnsettled || isConflicting) {
      notices.push(
        dayMonthNotice(fileName, {
          ambiguousCount: this.fallbackAmbiguous,
          example: this.ambiguousExample,
          order: decision.order,
          conflicting: decision.conflicting,
        }),
      );
    }

    const gaps = this.coverage.gaps(MIN_GAP_HOURS);
    if (gaps.length > 0) {
      notices.push(timeGapNotice(fileName, gaps));
    }

    const report: FileQualityReport = { notices };
    if (this.coverage.firstTime !== undefined && this.coverage.lastTime !== undefined) {
      report.firstRecordTime = this.coverage.firstTime;
      report.lastRecordTime = this.coverage.lastTime;
    }
    return report;
  }

  private checkUndecided(method: string): void {
    if (this.decision !== undefined) {
      throw new Error(`FileQuality.${method} must be called before decideDayMonthOrder and report, but the day/month order is already decided.`);
    }
  }

  private observeExact(seconds: number): RecordTime | undefined {
    if (!Number.isFinite(seconds)) {
      return undefined;
    }

    this.coverage.add(seconds);
    return { kind: 'exact', seconds };
  }

  private observeWrapperTime(time: WrapperTime, text: string): RecordTime {
    this.fallbackTimed += 1;
    if (time.order !== 'fixed') {
      this.fallbackSlashDates += 1;
    }
    if (time.order !== 'ambiguous') {
      this.coverage.add(time.seconds);
      return { kind: 'exact', seconds: time.seconds };
    }

    this.fallbackAmbiguous += 1;
    this.ambiguousExample ??= text;
    this.ambiguousMonthFirst.add(time.monthFirstSeconds);
    this.ambiguousDayFirst.add(time.dayFirstSeconds);
    return { kind: 'ambiguous', monthFirstSeconds: time.monthFirstSeconds, dayFirstSeconds: time.dayFirstSeconds };
  }
}
