// Reads a file whole and in ranges, for tests that compare the two.

import { readFileSync } from 'node:fs';

import { AnalysisSession } from '../../../src/core/analysis/analysis-session.ts';
import type { AnalysisResult, FileReport, NamedSource } from '../../../src/core/types.ts';
import { planRanges } from '../../../src/core/split/range-plan.ts';
import type { RangePlan } from '../../../src/core/split/range-plan.ts';
import { readRange } from '../../../src/core/split/read-range.ts';
import type { RangeResult } from '../../../src/core/split/range-result.ts';

export interface SessionView {
  reports: readonly FileReport[];
  result: AnalysisResult;
  /** Each finding's drill-down, which reads every index column the finding's rows have. */
  drillDowns: unknown[];
}

export function namedSource(name: string, content: string | Uint8Array<ArrayBuffer>): NamedSource {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, source: new Blob([bytes]) };
}

export function fileSource(path: string): NamedSource {
  return namedSource(path.split('/').at(-1) ?? path, new Uint8Array(readFileSync(path)));
}

export function viewOf(session: AnalysisSession): SessionView {
  const result = session.detect();
  return { reports: session.files, result, drillDowns: result.findings.map((finding) => session.drillDown(finding)) };
}

/** Reads `files` one after another with addFile, as the app does without ranges. */
export async function readWhole(files: readonly NamedSource[]): Promise<SessionView> {
  const session = new AnalysisSession();
  for (const file of files) await session.addFile(file);
  return viewOf(session);
}

/** Returns the offsets in `bytes` that start a line, except 0 and the end of `bytes`. */
export function lineStarts(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  for (let index = bytes.indexOf(0x0a); index >= 0 && index + 1 < bytes.length; index = bytes.indexOf(0x0a, index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

/** Plans ranges of `file` as small as 1 byte, so that small test files split. */
export async function smallRangePlan(file: NamedSource, ranges: number): Promise<RangePlan | undefined> {
  return planRanges(file.source, ranges, { minRangeBytes: 1 });
}

/**
 * Reads every range of `plan` and adds the file to `session`. Each result goes through
 * structuredClone, as it would when a worker returns it. Returns the report, or undefined when
 * the session rejected the ranges.
 */
export async function addInRanges(session: AnalysisSession, file: NamedSource, plan: RangePlan, sliceBytes?: number): Promise<FileReport | undefined> {
  const results: RangeResult[] = [];
  for (let index = 0; index < plan.bounds.length - 1; index += 1) {
    const options = sliceBytes === undefined ? {} : { sliceBytes };
    results.push(structuredClone(await readRange(file.source, plan, index, options)));
  }
  return session.addSplitFile(file, plan, results);
}
