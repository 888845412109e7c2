// The state the worker keeps between calls: the session of the latest analysis (its record index),
// the settings and allow-list in force, and the result they gave. Re-detection, drill-downs and
// exports all read from here, so no file is read twice.
import type { AnalysisSession } from '../core/analysis/analysis-session.ts';
import type { AnalysisResult, Finding } from '../core/types.ts';
import { buildInvestigationResult, nameApps } from './investigation-result.ts';
import type { DetectionRequest, DrillDownResult, InvestigationResult, TimelineResult } from './worker-api.ts';

/** True when two findings describe the same group: the key that drill-down requests name. */
function isSameFinding(left: Finding, right: Finding): boolean {
  return left.binStart === right.binStart && left.clientAppId === right.clientAppId && left.clientInfoString === right.clientInfoString;
}

/** One finished analysis and what the page last asked of it. */
export class Investigation {
  readonly #session: AnalysisSession;
  #request: DetectionRequest;
  #result: InvestigationResult;

  /** Applies `request.allowList` to a result that the session detected with `request.settings`. */
  constructor(session: AnalysisSession, request: DetectionRequest, detected: AnalysisResult) {
    this.#session = session;
    this.#request = request;
    this.#result = buildInvestigationResult(detected, request);
  }

  get result(): InvestigationResult {
    return this.#result;
  }

  get request(): DetectionRequest {
    return this.#request;
  }

  /**
   * Re-runs the detection on the kept index and applies the allow-list. Throws a RangeError for
   * invalid settings or allow-list entries and then keeps the previous result.
   */
  redetect(request: DetectionRequest): InvestigationResult {
    const detected = this.#session.detect(request.settings);
    const result = buildInvestigationResult(detected, request);
    this.#request = request;
    this.#result = result;
    return result;
  }

  /**
   * Drills down on a finding that the latest detection showed: kept, suppressed or a near miss.
   * Throws for any other finding, because its records may not match the settings in force.
   */
  drillDown(finding: Finding): DrillDownResult {
    const known = this.#shownFindings().find((shown) => isSameFinding(shown, finding));
    if (!known) {
      throw new Error(
        `The finding of ClientAppId ${finding.clientAppId} is not among the latest results. Pick it again from the findings table.`,
      );
    }

    const details = this.#session.drillDown(known, this.#request.settings);
    const ids = [details.clientAppId, ...details.records.flatMap((record) => (record.appId === undefined ? [] : [record.appId]))];
    return { drillDown: details, appNames: nameApps(ids) };
  }

  timeline(): TimelineResult {
    const timeline = this.#session.timeline(this.#request.settings);
    return { timeline, appNames: nameApps(timeline.apps.map((app) => app.clientAppId)) };
  }

  #shownFindings(): Finding[] {
    const { findings, nearMisses, suppressed } = this.#result;
    return [...findings, ...nearMisses, ...suppressed.map((entry) => entry.finding)];
  }
}

/** Returns the investigation, or throws the message the page shows when there is none. */
export function requireInvestigation(investigation: Investigation | undefined): Investigation {
  if (!investigation) {
    throw new Error('No finished analysis. Run an analysis first.');
  }
  return investigation;
}
