// Export of the findings as the events Splunk Enterprise Security writes for this detection: one
// notable event per finding and one risk event per user in it. A responder can compare them with
// what ES produced from the same data, or load them next to it.
//
// Field names:
// - `_time`, `search_name`, `rule_name`, `security_domain`, `risk_score`, `risk_message`,
//   `risk_object`, `risk_object_type`, `source` and `analyticstories` are the names ES uses in its
//   notable and risk indexes, so saved searches and dashboards over those indexes read the export.
// - `annotations.mitre_attack` and `annotations.analytic_story` are written as flat keys with a dot,
//   the way Splunk shows the annotations of a correlation search on its events.
// - `ClientAppId`, `ClientInfoString`, `src_ip`, `unique_mailboxes` and `user` are the search's own
//   result fields, and `record_count`, `first_event_time`, `last_event_time` and
//   `src_ip_normalized` are the extra columns of Mailsweep's findings CSV.
// - `client_app_name` and `mailsweep_finding_id` are Mailsweep's: the application's name from the
//   bundled list, and an id that ties each risk event to its notable event.
// - Times are ISO 8601 UTC. `_time` is the bin start, as in the search's results.
// The risk object field `user` contains several users, and the export writes one risk event for each,
// so summing `risk_score` by `risk_object` gives each mailbox's total.

import type { Finding } from '../types.ts';
import { appNameOrUnknown } from '../apps/resolve-app-name.ts';
import { buildProvenance, type ProvenanceOptions, type ReportProvenance } from '../report/report-provenance.ts';
import { formatUtcTime } from '../time/format-utc-time.ts';
import { ESCU_RULE, escuRiskMessage } from './escu-rule.ts';
import { findingId } from './finding-risk.ts';

export const NOTABLE_EXPORT_FORMAT = 'mailsweep-notable-events';
export const NOTABLE_EXPORT_VERSION = 1;

/** Fields both kinds of event carry. */
interface DetectionEventFields {
  _time: string;
  search_name: string;
  risk_score: number;
  risk_message: string;
  'annotations.mitre_attack': string[];
  'annotations.analytic_story': string[];
  ClientAppId: string;
  ClientInfoString: string;
  src_ip: string[];
  unique_mailboxes: number;
  client_app_name: string;
  mailsweep_finding_id: string;
}

/** One finding as a notable event. */
export interface NotableEvent extends DetectionEventFields {
  rule_name: string;
  security_domain: string;
  user: string[];
  record_count: number;
  first_event_time: string;
  last_event_time: string;
  src_ip_normalized: string[];
}

/** One user of one finding as a risk event. */
export interface RiskEvent extends DetectionEventFields {
  /** The search that raised the risk, as ES records it. */
  source: string;
  risk_object: string;
  risk_object_type: string;
  analyticstories: string[];
}

export interface NotableExport {
  mailsweep: { format: typeof NOTABLE_EXPORT_FORMAT; formatVersion: typeof NOTABLE_EXPORT_VERSION } & ReportProvenance;
  notable_events: NotableEvent[];
  risk_events: RiskEvent[];
}

/** Builds the notable and risk events of the findings, in the findings' order, with the provenance. */
export function buildNotableExport(findings: readonly Finding[], provenance: ProvenanceOptions): NotableExport {
  const notableEvents: NotableEvent[] = [];
  const riskEvents: RiskEvent[] = [];

  for (const finding of findings) {
    const common = detectionEventFields(finding);
    notableEvents.push({
      ...common,
      rule_name: ESCU_RULE.name,
      security_domain: ESCU_RULE.securityDomain,
      user: [...finding.users],
      record_count: finding.recordCount,
      first_event_time: formatUtcTime(finding.firstEventTime),
      last_event_time: formatUtcTime(finding.lastEventTime),
      src_ip_normalized: [...finding.normalizedSrcIps],
    });

    for (const user of finding.users) {
      riskEvents.push({
        ...common,
        source: ESCU_RULE.searchName,
        risk_object: user,
        risk_object_type: ESCU_RULE.riskObjectType,
        analyticstories: [...ESCU_RULE.analyticStories],
      });
    }
  }

  return {
    mailsweep: { format: NOTABLE_EXPORT_FORMAT, formatVersion: NOTABLE_EXPORT_VERSION, ...buildProvenance(provenance) },
    notable_events: notableEvents,
    risk_events: riskEvents,
  };
}

/** Formats the notable export as JSON text, indented by two spaces, with a final newline. */
export function formatNotableJson(findings: readonly Finding[], provenance: ProvenanceOptions): string {
  return `${JSON.stringify(buildNotableExport(findings, provenance), null, 2)}\n`;
}

function detectionEventFields(finding: Finding): DetectionEventFields {
  return {
    _time: formatUtcTime(finding.binStart),
    search_name: ESCU_RULE.searchName,
    risk_score: ESCU_RULE.riskScore,
    risk_message: escuRiskMessage(finding.clientAppId),
    'annotations.mitre_attack': [...ESCU_RULE.mitreAttack],
    'annotations.analytic_story': [...ESCU_RULE.analyticStories],
    ClientAppId: finding.clientAppId,
    ClientInfoString: finding.clientInfoString,
    src_ip: [...finding.srcIps],
    unique_mailboxes: finding.uniqueMailboxes,
    client_app_name: appNameOrUnknown(finding.clientAppId),
    mailsweep_finding_id: findingId(finding),
  };
}
