// One analysis over any number of files. The session reads each file once, de-duplicates records
// by Id across all files, and keeps only the base-filter records in a typed-array index, so
// `detect` can be re-run with other parameters without reading anything again. Each file also
// gets a data-quality report (notices and time range) gathered while it streams.

import type { AnalysisResult, AnalysisSummary, DetectionParams, FileReport, Finding, NamedSource } from '../types.ts';
import { readInput } from '../read/archive/read-input.ts';
import type { MemberOutcome } from '../read/archive/read-input.ts';
import type { RecordContext, RecordSink } from '../read/read-audit-file.ts';
import { readMailAccessDetails } from '../record/mail-access-details.ts';
import { IdSet } from '../index/id-set.ts';
import { MailboxAccessIndex } from '../index/mailbox-access-index.ts';
import { apiAccessFlags } from '../detect/escu-filters.ts';
import { countApiAccess, detectMailboxSweeps } from '../detect/escu-detection.ts';
import { ESCU_SETTINGS, resolveDetectionSettings } from '../detect/detection-settings.ts';
import type { DetectionSettings } from '../detect/detection-settings.ts';
import { drillDown } from '../detect/drill-down.ts';
import type { DrillDown } from '../detect/drill-down.ts';
import { buildTimeline } from '../detect/timeline.ts';
import type { Timeline } from '../detect/timeline.ts';
import { FileTally } from './file-tally.ts';
import { findEmptyReason } from './empty-reason.ts';
import { OUTCOME_INDEXED, OUTCOME_NO_TIME, OUTCOME_OTHER, observeRecord } from './observe-record.ts';
import type { RecordOutcome } from './observe-record.ts';
import { RecordIdCursor, loggedGuidCount } from '../index/record-id-log.ts';
import { IndexRowCopier } from '../index/index-row-copier.ts';
import type { RangePlan } from '../split/range-plan.ts';
import type { RangeResult } from '../split/range-result.ts';
import { skipReasonOf } from '../split/range-events.ts';
import { rangesStandForWholeFile, splitReadOutcome } from '../split/split-outcome.ts';

export interface AddFileOptions {
  /** Bytes read per slice; the reader's default when absent. */
  sliceBytes?: number;
  signal?: AbortSignal;
  /** Called once per slice with the bytes and records read so far in this file. */
  onProgress?: (bytesRead: number, records: number) => void | Promise<void>;
}

export interface AddInputOptions extends Omit<AddFileOptions, 'onProgress'> {
  /**
   * Called once per slice with the bytes of the dropped file read so far (compressed bytes for an
   * archive), the records read so far from all its members, and the name of the member being read.
   */
  onProgress?: (bytesRead: number, records: number, name: string) => void | Promise<void>;
}

/** Files read so far and the index built from them. */
export class AnalysisSession {
  private readonly ids = new IdSet();
  private readonly index = new MailboxAccessIndex();
  private readonly reports: FileReport[] = [];

  /** Distinct MailItemsAccessed records with a readable CreationTime. */
  private mailItemsAccessed = 0;

  private isReading = false;

  /** Reports of the files added so far, in the order they were added. */
  get files(): readonly FileReport[] {
    return this.reports;
  }

  /**
   * Reads one file that is not a ZIP archive into the session and returns its report; addInput
   * reads archives too. Files must be added one at a time: a call made while another is running
   * is rejected. When reading fails or is aborted, the records read before that stay in the
   * session but the file gets no report.
   */
  async addFile(file: NamedSource, options: AddFileOptions = {}): Promise<FileReport> {
    const { onProgress } = options;
    const reports = await this.addInput(file, {
      sliceBytes: options.sliceBytes,
      signal: options.signal,
      onProgress: onProgress && ((bytesRead, records) => onProgress(bytesRead, records)),
    });

    const [report] = reports;
    if (report === undefined || reports.length > 1) {
      throw new Error(`"${file.name}" is an archive of ${reports.length} files, so addFile cannot return one report. Read it with addInput.`);
    }
    return report;
  }

  /**
   * Reads one dropped file into the session and returns one report per file in it: one for a
   * plain or gzip-compressed file, one per member of a ZIP archive, in archive order. The same
   * one-at-a-time rule and failure behaviour as addFile apply.
   */
  async addInput(file: NamedSource, options: AddInputOptions = {}): Promise<FileReport[]> {
    if (this.isReading) {
      throw new Error(`Cannot add "${file.name}" while another file is being read; await the previous call first.`);
    }

    this.isReading = true;
    const members: { name: string; tally: FileTally }[] = [];
    try {
      const openSink = (name: string): RecordSink => {
        const tally = new FileTally();
        members.push({ name, tally });
        return {
          record: (record, line, context) => {
            this.addRecord(record, line, context, tally);
          },
          skip: (reason, line) => {
            tally.skip(reason, line);
          },
        };
      };
      const { onProgress } = options;
      const reportProgress =
        onProgress &&
        ((bytesRead: number) =>
          onProgress(bytesRead, sumOf(members, (member) => member.tally.recordsRead), members.at(-1)?.name ?? file.name));

      let outcomes: MemberOutcome[];
      try {
        outcomes = await readInput(file, openSink, {
          sliceBytes: options.sliceBytes,
          signal: options.signal,
          onSlice: reportProgress,
        });
      } finally {
        // Rows already indexed stay in the session after a failed read, so their times are settled too.
        for (const member of members) this.settleAmbiguousTimes(member.tally);
      }

      const reports = outcomes.map((outcome, index) => {
        const tally = members[index]?.tally ?? new FileTally();
        const report = tally.toReport(outcome.name, file.source, outcome);
        report.sizeBytes = outcome.sizeBytes;
        report.notices.push(...(outcome.notices ?? []));
        if (outcome.name !== file.name) report.archive = file.name;
        return report;
      });
      this.reports.push(...reports);
      return reports;
    } finally {
      this.isReading = false;
    }
  }

  /**
   * Adds a file that was read in byte ranges and returns its report. `results` contains one result
   * per range of `plan`, in order. The report, index rows and duplicate counts equal those of
   * `addFile` on the whole file. Returns undefined, changing nothing, when the ranges do not match
   * a whole-file read (a record crossed a split, a CSV header changed, a range stopped early). The
   * caller then reads the file whole. Throws while another file is being read.
   */
  addSplitFile(file: NamedSource, plan: RangePlan, results: readonly RangeResult[]): FileReport | undefined {
    if (this.isReading) {
      throw new Error(`Cannot add "${file.name}" while another file is being read; await the previous call first.`);
    }
    if (!rangesStandForWholeFile(plan, results)) {
      return undefined;
    }

    const tally = new FileTally();
    this.ids.reserve(results.reduce((total, result) => total + loggedGuidCount(result.ids), 0));
    let linesBefore = 0;
    for (const result of results) {
      this.mergeRange(result, linesBefore, tally);
      linesBefore += result.lineFeeds;
    }
    this.settleAmbiguousTimes(tally);

    const outcome = splitReadOutcome(plan, results);
    const report = tally.toReport(file.name, file.source, outcome);
    report.notices.push(...(outcome.notices ?? []));
    this.reports.push(report);
    return report;
  }

  /**
   * Adds one range's counters and data quality to `tally`, then applies its log after the ranges
   * before it: de-duplication, skips and index rows. `linesBefore` is the number of line feeds in
   * the ranges before it.
   */
  private mergeRange(result: RangeResult, linesBefore: number, tally: FileTally): void {
    tally.recordsRead += result.recordsRead;
    tally.mailItemsAccessed += result.mailItemsAccessed;
    tally.quality.absorb(result.quality);

    const ids = new RecordIdCursor(result.ids);
    const copier = new IndexRowCopier(this.index, result.index);
    const dayFirstByRow = new Map<number, number>();
    result.pendingRows.forEach((row, index) => dayFirstByRow.set(row, result.pendingDayFirst[index] ?? Number.NaN));

    const { codes, lines } = result;
    let rangeRow = 0;
    for (let entry = 0; entry < codes.length; entry += 1) {
      const code = codes[entry] ?? 0;
      const line = (lines[entry] ?? 0) + linesBefore;
      const reason = skipReasonOf(code);
      if (reason !== undefined) {
        tally.skip(reason, line);
        continue;
      }

      const outcome = code as RecordOutcome;
      const row = outcome === OUTCOME_INDEXED ? rangeRow++ : -1;
      if (!ids.addNextTo(this.ids)) {
        tally.duplicatesRemoved += 1;
        continue;
      }
      if (!this.countDistinct(outcome, line, tally)) {
        continue;
      }

      const sessionRow = copier.copy(row);
      const dayFirstSeconds = dayFirstByRow.get(row);
      if (dayFirstSeconds !== undefined) tally.pendingRows.add(sessionRow, dayFirstSeconds);
    }
  }

  /**
   * Counts one UAL record into `tally` and indexes it when it passes the base filter. An object
   * without any UAL common-schema key is skipped as 'not-a-record'. A record whose Id (or, without
   * one, the container's id from `context`) was seen before counts only as a duplicate. A
   * MailItemsAccessed record without a readable time (its CreationTime, or the container's date
   * when CreationTime is absent) is skipped as 'invalid-creation-time' at `line`.
   */
  private addRecord(record: Record<string, unknown>, line: number, context: RecordContext | undefined, tally: FileTally): void {
    const observed = observeRecord(record, context, tally);
    if (observed === undefined) {
      tally.skip('not-a-record', line);
      return;
    }

    if (!this.ids.add(observed.id)) {
      tally.duplicatesRemoved += 1;
      return;
    }
    if (!this.countDistinct(observed.outcome, line, tally) || observed.time === undefined) {
      return;
    }

    // An ambiguous slash date is indexed month-first now and rewritten if its file turns out day-first.
    const { fields, time } = observed;
    const seconds = time.kind === 'exact' ? time.seconds : time.monthFirstSeconds;
    const row = this.index.append(fields, seconds, apiAccessFlags(fields), readMailAccessDetails(record));
    if (time.kind === 'ambiguous') {
      tally.pendingRows.add(row, time.dayFirstSeconds);
    }
  }

  /**
   * Counts a record whose id was not seen before by its outcome, and returns whether it belongs in
   * the index. A MailItemsAccessed record without a readable time is skipped at `line`. Any other
   * MailItemsAccessed record adds 1 to the session's distinct MailItemsAccessed count.
   */
  private countDistinct(outcome: RecordOutcome, line: number, tally: FileTally): boolean {
    if (outcome === OUTCOME_OTHER) {
      return false;
    }
    if (outcome === OUTCOME_NO_TIME) {
      tally.skip('invalid-creation-time', line);
      return false;
    }

    this.mailItemsAccessed += 1;
    return outcome === OUTCOME_INDEXED;
  }

  /**
   * Stores the SHA-256 of the dropped file behind each report, in report order (members of one
   * archive share the archive's), so every later result carries them. Undefined leaves a report unhashed.
   */
  setFileDigests(digests: readonly (string | undefined)[]): void {
    this.reports.forEach((report, index) => {
      const digest = digests[index];
      if (digest !== undefined) report.sha256 = digest;
    });
  }

  /** Decides the day/month order of the file in `tally` and moves its ambiguous index rows to day-first if that is the order. */
  private settleAmbiguousTimes(tally: FileTally): void {
    const decision = tally.quality.decideDayMonthOrder();
    if (decision.order === 'day-first') {
      tally.pendingRows.applyDayFirst(this.index);
    }
  }

  /**
   * Runs the detection over everything read so far and returns the findings with a summary.
   * Each call recomputes from the index, and settings left out take their ESCU values. Throws a
   * RangeError that names each invalid setting.
   */
  detect(params: DetectionParams & Partial<DetectionSettings> = ESCU_SETTINGS): AnalysisResult {
    const settings = resolveDetectionSettings(params);
    const { findings, nearMisses, groups, maxUniqueMailboxes } = detectMailboxSweeps(this.index, settings);
    const { apiAccess, grouped } = countApiAccess(this.index, settings);
    const files = structuredClone(this.reports);
    const summary: AnalysisSummary = {
      files,
      recordsRead: sumOf(files, (file) => file.recordsRead),
      duplicatesRemoved: sumOf(files, (file) => file.duplicatesRemoved),
      skippedTotal: sumOf(files, (file) => sumOf(file.skipped, (skip) => skip.count)),
      mailItemsAccessed: this.mailItemsAccessed,
      withAppIds: this.index.size,
      apiAccess,
      grouped,
      groups,
      maxUniqueMailboxes,
      findings: findings.length,
      params: settings,
    };
    if (findings.length === 0) {
      summary.emptyReason = findEmptyReason(summary);
    }
    return settings.includeNearMisses ? { summary, findings, nearMisses } : { summary, findings };
  }

  /** Collects the records behind one finding, detected with `params`. See `DrillDown` for the fields it returns. */
  drillDown(finding: Finding, params: DetectionParams & Partial<DetectionSettings> = ESCU_SETTINGS): DrillDown {
    return drillDown(this.index, finding, resolveDetectionSettings(params));
  }

  /** Distinct mailboxes per bin and ClientAppId over everything read so far. */
  timeline(params: DetectionParams & Partial<DetectionSettings> = ESCU_SETTINGS): Timeline {
    return buildTimeline(this.index, resolveDetectionSettings(params));
  }
}

function sumOf<T>(items: readonly T[], count: (item: T) => number): number {
  let total = 0;
  for (const item of items) {
    total += count(item);
  }
  return total;
}
