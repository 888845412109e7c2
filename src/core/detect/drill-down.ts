// The records behind one finding, for a responder deciding whether the app is a known connector or
// a rogue reader. A drill-down lists the mailboxes and the records (access type, operation count,
// throttling, folders, message count), and what the same app did in the bins before and after.

import { ABSENT_COUNT, THROTTLED_ABSENT, THROTTLED_TRUE, type MailboxAccessIndex } from '../index/mailbox-access-index.ts';
import { StringTable } from '../index/string-table.ts';
import { binStart } from '../time/time-bin.ts';
import type { DetectionParams, Finding } from '../types.ts';
import { countAppActivity } from './app-activity.ts';
import { compareCodeUnits } from './code-unit-order.ts';
import { createDetectionContext, passingPositionsOfKey, rowsAt, type DetectionContext } from './detection-context.ts';
import { resolveDetectionSettings, validateDetectionSettings, type DetectionSettings } from './detection-settings.ts';
import { DistinctStamps } from './distinct-stamps.ts';

/** One record of a finding. A field that the record lacks is left out. */
export interface DrillDownRecord {
  /** CreationTime, Unix epoch seconds. */
  time: number;
  userId?: string;
  mailboxOwnerUpn?: string;
  /** ClientIPAddress as logged. */
  clientIp?: string;
  /** The API called: Microsoft Graph's AppId, or the app's own id for EWS. */
  appId?: string;
  /** `Bind` (messages opened) or `Sync` (a folder synchronised), as logged. */
  mailAccessType?: string;
  operationCount?: number;
  /** True when Exchange had stopped logging Bind reads of the mailbox: the reader may have taken more. */
  isThrottled?: boolean;
  folderPaths: string[];
  /** Number of InternetMessageId values the record names. Absent when its Folders could not be read. */
  messageIdCount?: number;
}

/** One (UserId, MailboxOwnerUPN) pair of a finding and how many of its records have it. */
export interface DrillDownMailbox {
  userId?: string;
  mailboxOwnerUpn?: string;
  recordCount: number;
  /** Records of this pair with IsThrottled True. */
  throttledRecords: number;
}

/** Records and distinct counted mailboxes of the finding's ClientAppId in one fixed bin. */
export interface ActivityBin {
  binStart: number;
  records: number;
  mailboxes: number;
  /** True for the bins that overlap the finding's time span. */
  inFinding: boolean;
}

export interface DrillDown {
  clientAppId: string;
  clientInfoString: string;
  /** The finding's time span, Unix epoch seconds: [windowStart, windowEnd). */
  windowStart: number;
  windowEnd: number;
  firstRecordTime: number;
  lastRecordTime: number;
  /** Mailbox pairs, most records first, then by UserId and MailboxOwnerUPN in code-unit order. */
  mailboxes: DrillDownMailbox[];
  /** Records in time order, all of them: a long sliding-window finding can have many thousands. */
  records: DrillDownRecord[];
  /** Records with IsThrottled True. */
  throttledRecords: number;
  /**
   * Every fixed bin (of the settings' span) from `contextBins` bins before the finding to
   * `contextBins` bins after it, empty bins included. Counts cover all ClientInfoStrings of the app.
   */
  activity: ActivityBin[];
}

export interface DrillDownOptions {
  /** Bins of activity shown before and after the finding. The default is 3 and the maximum 144. */
  contextBins?: number;
}

const DEFAULT_CONTEXT_BINS = 3;
const MAX_CONTEXT_BINS = 144;

/**
 * Returns the drill-down of a finding that `detectMailboxSweeps` returned for this index and these
 * settings. Throws an Error when the index has no such group or a different number of records
 * for it (the finding comes from another analysis or other settings), and a RangeError for
 * invalid settings or options.
 */
export function drillDown(
  index: MailboxAccessIndex,
  finding: Finding,
  settings: DetectionParams & Partial<DetectionSettings>,
  options: DrillDownOptions = {},
): DrillDown {
  const resolved = resolveDetectionSettings(settings);
  validateDetectionSettings(resolved);
  const contextBins = options.contextBins ?? DEFAULT_CONTEXT_BINS;
  if (!Number.isInteger(contextBins) || contextBins < 0 || contextBins > MAX_CONTEXT_BINS) {
    throw new RangeError(`Invalid contextBins ${contextBins}: expected a whole number of bins from 0 to ${MAX_CONTEXT_BINS}.`);
  }

  const context = createDetectionContext(index, resolved);
  const windowStart = finding.binStart;
  const windowEnd = finding.windowEnd ?? finding.binStart + resolved.spanSeconds;
  const key = findGroupKey(context, finding);
  const rows = findingRows(context, key, windowStart, windowEnd);
  if (rows.length === 0 || rows.length !== finding.recordCount) {
    throw new Error(
      `The finding of ClientAppId ${finding.clientAppId} at ${windowStart} has ${finding.recordCount} records, but the index has ` +
        `${rows.length} for it under these settings. Drill down on findings from the latest detection, with the settings it ran with.`,
    );
  }

  const records = Array.from(rows, (row) => readRecord(context, row));
  return {
    clientAppId: finding.clientAppId,
    clientInfoString: finding.clientInfoString,
    windowStart,
    windowEnd,
    firstRecordTime: records[0]?.time ?? windowStart,
    lastRecordTime: records.at(-1)?.time ?? windowStart,
    mailboxes: countMailboxes(records),
    records,
    throttledRecords: records.filter((record) => record.isThrottled === true).length,
    activity: activityAround(context, context.order.keyApps[key] ?? 0, windowStart, windowEnd, contextBins),
  };
}

/** Returns the group key number of the finding's ClientAppId and ClientInfoString. Throws when the index has none. */
function findGroupKey(context: DetectionContext, finding: Finding): number {
  const { order, columns, strings } = context;
  for (let key = 0; key + 1 < order.keyStarts.length; key += 1) {
    const row = order.rows[order.keyStarts[key] ?? 0] ?? 0;
    if (
      strings.lookup(columns.clientAppId[row] ?? StringTable.ABSENT) === finding.clientAppId &&
      strings.lookup(columns.clientInfoString[row] ?? StringTable.ABSENT) === finding.clientInfoString
    ) {
      return key;
    }
  }
  throw new Error(
    `No records of ClientAppId ${finding.clientAppId} with ClientInfoString ${finding.clientInfoString} in this analysis. ` +
      'Drill down on findings from the latest detection.',
  );
}

/** Row numbers of the key's passing records with times in [start, end), in time order. */
function findingRows(context: DetectionContext, key: number, start: number, end: number): Uint32Array {
  const positions = passingPositionsOfKey(context, key, new Uint32Array(context.order.rows.length));
  const inWindow = positions.filter((position) => {
    const time = context.order.times[position] ?? 0;
    return time >= start && time < end;
  });
  return rowsAt(context.order, inWindow);
}

function readRecord(context: DetectionContext, row: number): DrillDownRecord {
  const { columns, strings } = context;
  const lookup = (id: number | undefined) => (id === undefined || id === StringTable.ABSENT ? undefined : strings.lookup(id));
  const folderPaths = lookup(columns.folderPaths[row]);
  const record: DrillDownRecord = {
    time: columns.time[row] ?? 0,
    folderPaths: folderPaths === undefined ? [] : (JSON.parse(folderPaths) as string[]),
  };

  // Absent fields are left out rather than set to undefined, so that records compare and clone cleanly.
  setDefined(record, 'userId', lookup(columns.userId[row]));
  setDefined(record, 'mailboxOwnerUpn', lookup(columns.mailboxOwnerUpn[row]));
  setDefined(record, 'clientIp', lookup(columns.clientIpAddress[row]));
  setDefined(record, 'appId', lookup(columns.appId[row]));
  setDefined(record, 'mailAccessType', lookup(columns.mailAccessType[row]));
  setDefined(record, 'operationCount', readCount(columns.operationCount[row]));
  setDefined(record, 'isThrottled', readThrottled(columns.isThrottled[row]));
  setDefined(record, 'messageIdCount', readCount(columns.messageIdCount[row]));
  return record;
}

function setDefined<K extends keyof DrillDownRecord>(record: DrillDownRecord, name: K, value: DrillDownRecord[K] | undefined): void {
  if (value !== undefined) {
    record[name] = value;
  }
}

function readCount(value: number | undefined): number | undefined {
  return value === undefined || value === ABSENT_COUNT ? undefined : value;
}

function readThrottled(value: number | undefined): boolean | undefined {
  return value === undefined || value === THROTTLED_ABSENT ? undefined : value === THROTTLED_TRUE;
}

function countMailboxes(records: readonly DrillDownRecord[]): DrillDownMailbox[] {
  const byPair = new Map<string, DrillDownMailbox>();
  for (const record of records) {
    const pairKey = JSON.stringify([record.userId ?? null, record.mailboxOwnerUpn ?? null]);
    let mailbox = byPair.get(pairKey);
    if (mailbox === undefined) {
      mailbox = { recordCount: 0, throttledRecords: 0 };
      if (record.userId !== undefined) mailbox.userId = record.userId;
      if (record.mailboxOwnerUpn !== undefined) mailbox.mailboxOwnerUpn = record.mailboxOwnerUpn;
      byPair.set(pairKey, mailbox);
    }
    mailbox.recordCount += 1;
    if (record.isThrottled === true) mailbox.throttledRecords += 1;
  }

  return [...byPair.values()].sort(
    (a, b) =>
      b.recordCount - a.recordCount ||
      compareCodeUnits(a.userId ?? '', b.userId ?? '') ||
      compareCodeUnits(a.mailboxOwnerUpn ?? '', b.mailboxOwnerUpn ?? ''),
  );
}

/** Returns every bin from `contextBins` before the window to `contextBins` after it, with the app's counts. */
function activityAround(context: DetectionContext, app: number, windowStart: number, windowEnd: number, contextBins: number): ActivityBin[] {
  const span = context.settings.spanSeconds;
  const firstFindingBin = binStart(windowStart, span);
  // The bin that contains the last whole second before the window's exclusive end.
  const lastFindingBin = binStart(Math.ceil(windowEnd) - 1, span);
  const firstBin = firstFindingBin - contextBins * span;
  const lastBin = lastFindingBin + contextBins * span;

  const counts = countAppActivity(context, app, new DistinctStamps(context.strings.size), firstBin, lastBin + span);
  const countsByBin = new Map(counts.binStarts.map((bin, i) => [bin, i]));
  const activity: ActivityBin[] = [];
  for (let bin = firstBin; bin <= lastBin; bin += span) {
    const i = countsByBin.get(bin);
    activity.push({
      binStart: bin,
      records: i === undefined ? 0 : (counts.records[i] ?? 0),
      mailboxes: i === undefined ? 0 : (counts.mailboxes[i] ?? 0),
      inFinding: bin >= firstFindingBin && bin <= lastFindingBin,
    });
  }
  return activity;
}
