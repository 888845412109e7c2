// The data-quality notices of one file. Each message is made of complete sentences that name the
// file, state what was found and what to do about it.

import type { FileNotice } from '../../types.ts';
import { formatUtcTime } from '../../time/format-utc-time.ts';
import type { DayMonthOrder } from '../../time/day-month-order.ts';
import type { DetectionField } from './field-presence.ts';
import type { TimeGap } from './time-coverage.ts';

/** Row counts at which known exports stop, with the export that stops there. */
export const EXPORT_CAPS: ReadonlyMap<number, string> = new Map([
  [50_000, 'the classic audit log search export and a Search-UnifiedAuditLog -SessionCommand ReturnLargeSet session stop at 50,000 rows'],
  [5_000, 'Search-UnifiedAuditLog returns at most 5,000 results per call (-ResultSize 5000)'],
  [100, 'Search-UnifiedAuditLog returns 100 results when -ResultSize is not given'],
]);

/** Gaps listed in one notice; the longest are listed. */
export const MAX_LISTED_GAPS = 5;

const FULL_EXPORT_ADVICE =
  'Use an export that keeps the whole AuditData record, such as the Purview audit search export or Search-UnifiedAuditLog ' +
  'piped to Export-Csv, not an Export-Csv of parsed AuditData, which takes its columns from the first record only.';

const countFormat = new Intl.NumberFormat('en-US');

function formatCount(value: number, singular: string, plural: string): string {
  return `${countFormat.format(value)} ${value === 1 ? singular : plural}`;
}

function listFields(fields: readonly string[]): string {
  if (fields.length <= 1) {
    return fields.join('');
  }
  return `${fields.slice(0, -1).join(', ')} and ${fields.at(-1) ?? ''}`;
}

export function missingFieldsNotice(fileName: string, missing: readonly DetectionField[], ofMailItemsAccessed: boolean): FileNotice {
  const records = ofMailItemsAccessed ? 'MailItemsAccessed record' : 'record';
  const consequence = ofMailItemsAccessed
    ? 'so the detection cannot find API reads in this file.'
    : 'so the file cannot show MailItemsAccessed records.';
  const onlyAppIds = missing.every((field) => field === 'AppId' || field === 'ClientAppId');
  const ordinaryUse = onlyAppIds
    ? ' Ordinary Outlook and OWA reads carry no app ids either, so if the export is complete, no application read mail through an API.'
    : '';
  return {
    code: 'missing-fields',
    message: `No ${records} in ${fileName} has ${listFields(missing)}, ${consequence}${ordinaryUse} ${FULL_EXPORT_ADVICE}`,
  };
}

export function cappedExportNotice(fileName: string, rows: number, cause: string): FileNotice {
  return {
    code: 'capped-export',
    message:
      `${fileName} holds exactly ${formatCount(rows, 'row', 'rows')}, and ${cause}, so the search may have had more results than this file. ` +
      'Search shorter time windows and export each, or page through the results until no more come back.',
  };
}

export function resultCountNotice(fileName: string, rows: number, resultCount: number): FileNotice {
  return {
    code: 'result-count-exceeds-rows',
    message:
      `${fileName} holds ${formatCount(rows, 'row', 'rows')}, but its ResultCount column says the search had ` +
      `${formatCount(resultCount, 'result', 'results')}, so the export is incomplete. Page through the rest ` +
      '(Search-UnifiedAuditLog -SessionCommand ReturnLargeSet with the same -SessionId until no more results come back), ' +
      'or search shorter time windows.',
  };
}

export function truncatedAuditDataNotice(fileName: string, count: number): FileNotice {
  return {
    code: 'audit-data-truncated',
    message:
      `${formatCount(count, 'AuditData cell', 'AuditData cells')} in ${fileName} ${count === 1 ? 'is' : 'are'} cut at ` +
      '32,767 characters, the most that Excel keeps in a cell, so those records were skipped. ' +
      'Analyse the export as downloaded, not a copy opened and saved in Excel.',
  };
}

export function fallbackTimeNotice(fileName: string, count: number): FileNotice {
  return {
    code: 'fallback-time',
    message:
      `${formatCount(count, 'record', 'records')} in ${fileName} ${count === 1 ? 'has' : 'have'} no CreationTime, so ` +
      `${count === 1 ? 'its time was' : 'their times were'} read from the export's own date column ` +
      '(such as CreationDate or TimeGenerated), as UTC unless the date carries an offset. ' +
      'If those times look shifted and the source can export the whole AuditData record, use that: it holds CreationTime.',
  };
}

export interface DayMonthNoticeFacts {
  /** Dates used as record times that read differently day-first and month-first. */
  ambiguousCount: number;
  /** One such date as written, for the message. */
  example: string | undefined;
  order: DayMonthOrder;
  conflicting: boolean;
}

export function dayMonthNotice(fileName: string, facts: DayMonthNoticeFacts): FileNotice {
  const example = facts.example === undefined ? '' : ` (such as "${facts.example.trim()}")`;
  const dates = formatCount(facts.ambiguousCount, 'date', 'dates');
  const orderText = facts.order === 'day-first' ? 'day first' : 'month first';
  const cause = facts.conflicting
    ? `${fileName} mixes dates that can only be day-first (a first number over 12) with dates that can only be ` +
      `month-first (a second number over 12), so it probably joins exports made with different regional settings. ` +
      `Its ${dates} that read both ways${example} were read ${orderText}, the more common order.`
    : `${dates} in ${fileName}${example} read both ways, day first or month first, and no date in the file has a ` +
      `number over 12 that settles it, so they were read ${orderText} (the US order).`;
  return {
    code: 'day-month-ambiguous',
    message:
      `${cause} Records dated in the first 12 days of a month may be placed in the wrong month. Where the source can export the whole ` +
      'AuditData record, its CreationTime is unambiguous; otherwise re-export with US regional settings.',
  };
}

export function timeGapNotice(fileName: string, gaps: readonly TimeGap[]): FileNotice {
  const longest = [...gaps]
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
    .slice(0, MAX_LISTED_GAPS)
    .sort((a, b) => a.start - b.start);
  const listed = longest.map((gap) => `from ${formatUtcTime(gap.start)} to ${formatUtcTime(gap.end)}`).join('; ');
  const intro =
    gaps.length === 1
      ? `${fileName} has no records ${listed}`
      : `${fileName} has ${countFormat.format(gaps.length)} stretches of 24 hours or more without records` +
        `${gaps.length > longest.length ? `; the ${longest.length} longest are` : ':'} ${listed}`;
  return {
    code: 'time-gap',
    message:
      `${intro}. A collector may have stopped or a search may have missed those periods, unless the tenant was quiet ` +
      'then. Collect those periods again to be sure nothing is missing.',
  };
}
