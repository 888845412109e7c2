// A finding as the reports list it: the detection's fields unchanged, plus its id, readable times,
// the name of its application and ESCU's risk fields.

import type { Finding } from '../types.ts';
import { resolveAppName, type AppNameLookup } from '../apps/resolve-app-name.ts';
import { findingId, findingRisk, type FindingRisk } from '../risk/finding-risk.ts';
import { formatUtcTime } from '../time/format-utc-time.ts';

/** A Finding with its report fields. Every Finding field keeps its name and value, so JSON.parse gives the finding back. */
export interface ReportFinding extends Finding {
  /** Stable id of the group (see findingId). */
  id: string;
  /** `binStart`, `firstEventTime` and `lastEventTime` as ISO 8601 UTC. */
  time: string;
  firstEventTimeUtc: string;
  lastEventTimeUtc: string;
  /** ClientAppId in the bundled list of Microsoft first-party applications, or `known: false`. */
  clientApp: AppNameLookup;
  risk: FindingRisk;
}

/** Adds the report fields to a finding. */
export function toReportFinding(finding: Finding): ReportFinding {
  return {
    ...finding,
    id: findingId(finding),
    time: formatUtcTime(finding.binStart),
    firstEventTimeUtc: formatUtcTime(finding.firstEventTime),
    lastEventTimeUtc: formatUtcTime(finding.lastEventTime),
    clientApp: resolveAppName(finding.clientAppId),
    risk: findingRisk(finding),
  };
}
