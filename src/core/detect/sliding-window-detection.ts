// Sliding windows of `spanSeconds` per (ClientAppId, ClientInfoString), which catch a burst that
// straddles a fixed bin edge (three mailboxes at 10:08 and three at 10:11).
//
// A window is the half-open interval [t, t + span) that starts at the time t of a passing record.
// Windows that start elsewhere need no check: moving such a window's start forward to its first
// record keeps every record it contained. A window is over the threshold when it contains more than
// `threshold` distinct counted mailboxes. A sliding finding is a maximal union of over-threshold
// windows that overlap one another:
// - `binStart` is the start of its first window (a record time, not aligned to a bin);
// - `windowEnd` is the end of its last window, exclusive;
// - it contains every passing record of its key in [binStart, windowEnd), and `uniqueMailboxes`
//   counts them all, so it can exceed `peakMailboxes`, the largest count of a single window.
// Findings of one key never share a record. A near miss is a maximal union of overlapping windows
// that each contain at least threshold - 1 mailboxes (and at least 1), kept only when no window in it
// is over the threshold.

import type { Finding } from '../types.ts';
import { isNearMissCount, passingPositionsOfKey, rowsAt, type DetectionContext, type SweepDetection } from './detection-context.ts';
import { buildFinding, sortFindings } from './finding-builder.ts';

/** Runs the detection in sliding windows. */
export function detectInSlidingWindows(context: DetectionContext): SweepDetection {
  const { strings, settings, identity, order } = context;
  const { times } = order;
  const positionBuffer = new Uint32Array(order.rows.length);
  const keyBuffer = new Uint32Array(order.rows.length);
  const counter = new WindowCounter(strings.size);

  const findings: Finding[] = [];
  const nearMisses: Finding[] = [];
  let groups = 0;
  let maxUniqueMailboxes = 0;
  for (let key = 0; key + 1 < order.keyStarts.length; key += 1) {
    const positions = passingPositionsOfKey(context, key, positionBuffer);
    if (positions.length === 0) continue;

    groups += 1;
    const keys = keyBuffer.subarray(0, positions.length);
    for (let index = 0; index < positions.length; index += 1) {
      keys[index] = identity.keyAt(positions[index] ?? 0);
    }

    const emitFinding = (run: WindowRun) => {
      findings.push(buildRunFinding(context, positions, run));
    };
    const emitNearMiss = (run: WindowRun) => {
      if (run.peak <= settings.threshold) nearMisses.push({ ...buildRunFinding(context, positions, run), nearMiss: true });
    };
    const overRuns = new RunMerger(emitFinding);
    const nearRuns = new RunMerger(emitNearMiss);

    let next = 0;
    for (let first = 0; first < positions.length; first += 1) {
      const start = times[positions[first] ?? 0] ?? 0;
      const end = start + settings.spanSeconds;
      while (next < positions.length && (times[positions[next] ?? 0] ?? 0) < end) {
        counter.add(keys[next] ?? 0);
        next += 1;
      }

      const mailboxes = counter.distinct;
      maxUniqueMailboxes = Math.max(maxUniqueMailboxes, mailboxes);
      if (mailboxes > settings.threshold) {
        overRuns.add({ first, next, start, end, peak: mailboxes });
      }
      if (settings.includeNearMisses && (mailboxes > settings.threshold || isNearMissCount(mailboxes, settings.threshold))) {
        nearRuns.add({ first, next, start, end, peak: mailboxes });
      }
      counter.remove(keys[first] ?? 0);
    }
    overRuns.flush();
    nearRuns.flush();
  }

  return { findings: sortFindings(findings), nearMisses: sortFindings(nearMisses), groups, maxUniqueMailboxes };
}

/** A union of overlapping windows: passing positions [first, next) of the key, times [start, end). */
interface WindowRun {
  first: number;
  next: number;
  start: number;
  end: number;
  /** Largest mailbox count of one window in the run. */
  peak: number;
}

/** Merges windows, given in start order, into maximal runs of overlapping windows. */
class RunMerger {
  private open: WindowRun | undefined;

  constructor(private readonly emit: (run: WindowRun) => void) {}

  add(window: WindowRun): void {
    const run = this.open;
    if (run !== undefined && window.start < run.end) {
      run.next = window.next;
      run.end = window.end;
      run.peak = Math.max(run.peak, window.peak);
      return;
    }

    this.flush();
    this.open = { ...window };
  }

  flush(): void {
    if (this.open !== undefined) this.emit(this.open);
    this.open = undefined;
  }
}

function buildRunFinding(context: DetectionContext, positions: Uint32Array, run: WindowRun): Finding {
  const rows = rowsAt(context.order, positions.subarray(run.first, run.next));
  const finding = buildFinding(rows, run.start, context.columns, context.strings, context.identity);
  return { ...finding, windowEnd: run.end, peakMailboxes: run.peak };
}

/** Distinct keys in a window that rows enter and leave, with a count per key. */
class WindowCounter {
  private readonly counts: Uint32Array;
  distinct = 0;

  constructor(keyCount: number) {
    this.counts = new Uint32Array(keyCount);
  }

  add(key: number): void {
    if (key === 0) return;
    const count = this.counts[key] ?? 0;
    if (count === 0) this.distinct += 1;
    this.counts[key] = count + 1;
  }

  remove(key: number): void {
    if (key === 0) return;
    const count = this.counts[key] ?? 0;
    if (count === 1) this.distinct -= 1;
    this.counts[key] = count - 1;
  }
}
