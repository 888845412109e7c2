// Turns a detection result into what the page shows: the allow-list applied after the detection,
// as ESCU's filter macro is applied after `stats`, and a name for every application id on screen.
import { applyAllowList } from '../core/allow-list/apply-allow-list.ts';
import { resolveAppName } from '../core/apps/resolve-app-name.ts';
import type { AnalysisResult } from '../core/types.ts';
import type { AppNames, DetectionRequest, InvestigationResult } from './worker-api.ts';

/** Returns the names of the given ids, each id once. */
export function nameApps(ids: Iterable<string>): AppNames {
  const names: AppNames = {};
  for (const id of ids) {
    names[id] ??= resolveAppName(id);
  }
  return names;
}

/**
 * Applies the request's allow-list to the findings and near misses of `detected`. Only findings are
 * credited to the entries: a near miss is not a finding, so the counts match the Splunk macro's.
 */
export function buildInvestigationResult(detected: AnalysisResult, request: DetectionRequest): InvestigationResult {
  const outcome = applyAllowList(detected.findings, request.allowList);
  const keptNearMisses = applyAllowList(detected.nearMisses ?? [], request.allowList).kept;

  const shownFindings = [...outcome.kept, ...keptNearMisses, ...outcome.suppressed.map((entry) => entry.finding)];
  return {
    summary: detected.summary,
    findings: outcome.kept,
    settings: request.settings,
    allowList: request.allowList,
    nearMisses: keptNearMisses,
    suppressed: outcome.suppressed,
    allowListCounts: outcome.entryCounts,
    appNames: nameApps(shownFindings.map((finding) => finding.clientAppId)),
  };
}
