// The findings: an overview table, then one block per finding. The blocks also show near misses
// and the findings the allow-list removed. Each block has the ESCU result fields, the
// application's name, Mailsweep's record counts and times, and the risk fields Splunk ES attaches.

import type { AllowListEntry } from '../../allow-list/allow-list-entry.ts';
import type { AllowListOutcome } from '../../allow-list/apply-allow-list.ts';
import { UNKNOWN_APP_LABEL } from '../../apps/resolve-app-name.ts';
import type { ReportFinding } from '../report-finding.ts';
import { toReportFinding } from '../report-finding.ts';
import { formatUtcTime } from '../../time/format-utc-time.ts';
import { formatCount } from './format-values.ts';
import { html, plainText, type SafeHtml } from './safe-html.ts';

export interface FindingBlockOptions {
  /** Ids of findings with a drill-down in the report, which get a link to it. */
  drillDownIds: ReadonlySet<string>;
  /** True for a group that is not reported: a near miss or a finding the allow-list removed. */
  notReported?: boolean;
}

export function findingsSection(findings: readonly ReportFinding[], options: FindingBlockOptions): SafeHtml {
  const body =
    findings.length === 0
      ? html`<p>No finding.</p>`
      : html`<p class="muted">Times are UTC. The risk fields are those Splunk Enterprise Security attaches to this ESCU detection.</p>
${overviewTable(findings)}
${findings.map((finding, index) => findingArticle(finding, `Finding ${index + 1}`, options))}`;
  return html`<section id="findings">
<h2>Findings</h2>
${body}
</section>`;
}

export function nearMissSection(nearMisses: readonly ReportFinding[]): SafeHtml {
  const noDrillDowns = { drillDownIds: new Set<string>(), notReported: true };
  return html`<section id="near-misses">
<h2>Near misses</h2>
<p class="departure">Groups at the threshold or one below it. ESCU does not report them, but they are listed because the settings request them.</p>
${nearMisses.length === 0 ? html`<p>None.</p>` : nearMisses.map((finding, index) => findingArticle(finding, `Near miss ${index + 1}`, noDrillDowns))}
</section>`;
}

export function allowListSection(entries: readonly AllowListEntry[], outcome: AllowListOutcome): SafeHtml {
  const rows = entries.map((entry, index) => {
    const counts = outcome.entryCounts[index] ?? { findings: 0, records: 0 };
    return html`<tr><td class="number">${index + 1}</td><td>${entry.field}</td><td><code>${entry.value}</code></td><td>${entry.note}</td><td class="number">${formatCount(counts.findings)}</td><td class="number">${formatCount(counts.records)}</td></tr>`;
  });
  const noDrillDowns = { drillDownIds: new Set<string>(), notReported: true };
  const suppressed = outcome.suppressed.map(({ finding }, index) => findingArticle(toReportFinding(finding), `Removed finding ${index + 1}`, noDrillDowns));

  return html`<section id="allow-list">
<h2>Allow-list</h2>
<p class="departure">${formatCount(outcome.suppressed.length)} of the detection's findings (${formatCount(outcome.suppressedRecords)} records) were removed by these entries and are not in the findings above.</p>
<table><thead><tr><th class="number">#</th><th>Field</th><th>Value</th><th>Note</th><th class="number">Findings removed</th><th class="number">Records removed</th></tr></thead>
<tbody>${rows}</tbody></table>
${suppressed}
</section>`;
}

/** Renders one line per finding, linking to its details. */
function overviewTable(findings: readonly ReportFinding[]): SafeHtml {
  return html`<table class="overview"><thead><tr>
<th class="number">#</th><th>Bin (_time)</th><th>ClientAppId</th><th class="number">unique_mailboxes</th><th class="number">Records</th><th class="number">Source IPs</th>
</tr></thead><tbody>
${findings.map(
  (finding, index) => html`<tr>
<td class="number"><a href="#finding-${plainText(finding.id)}">${index + 1}</a></td>
<td><code>${finding.time}</code></td>
<td><code>${finding.clientAppId}</code> ${appName(finding)}</td>
<td class="number">${formatCount(finding.uniqueMailboxes)}</td>
<td class="number">${formatCount(finding.recordCount)}</td>
<td class="number">${formatCount(finding.srcIps.length)}</td>
</tr>`,
)}
</tbody></table>`;
}

function findingArticle(finding: ReportFinding, heading: string, options: FindingBlockOptions): SafeHtml {
  const { risk } = finding;
  const drillDownLink = options.drillDownIds.has(finding.id) ? html` (<a href="#drill-down-${plainText(finding.id)}">drill-down</a>)` : '';

  return html`<article class="${options.notReported === true ? 'finding not-reported' : 'finding'}" id="finding-${plainText(finding.id)}">
<h3>${heading}: <code>${finding.clientAppId}</code> at <code>${finding.time}</code></h3>
<p class="risk"><strong>Risk ${risk.score}:</strong> ${risk.message}</p>
<dl class="facts">
<dt>Finding id</dt><dd><code>${finding.id}</code>${drillDownLink}</dd>
<dt>ClientAppId</dt><dd><code>${finding.clientAppId}</code> ${appName(finding)}</dd>
<dt>ClientInfoString</dt><dd><code>${finding.clientInfoString}</code></dd>
<dt>_time (bin start)</dt><dd><code>${finding.time}</code></dd>
${slidingWindowFacts(finding)}
<dt>First and last record</dt><dd><code>${finding.firstEventTimeUtc}</code> to <code>${finding.lastEventTimeUtc}</code></dd>
<dt>Records</dt><dd>${formatCount(finding.recordCount)}</dd>
<dt>src_ip</dt><dd>${valueList(finding.srcIps)}</dd>
<dt>src_ip, normalised</dt><dd>${valueList(finding.normalizedSrcIps)}</dd>
<dt>Risk fields</dt><dd>score ${risk.score}, risk object <code>${risk.objectField}</code> (type ${risk.objectType}, ${risk.objectRole}), MITRE ATT&amp;CK ${risk.mitreAttack.join(', ')}, analytic stories: ${risk.analyticStories.join('; ')}</dd>
<dt>user (${formatCount(finding.uniqueMailboxes)})</dt><dd>${valueList(finding.users, 'columns')}</dd>
</dl>
</article>`;
}

/** Renders the window of a sliding-window finding, whose `_time` is its first window's start. */
function slidingWindowFacts(finding: ReportFinding): SafeHtml | string {
  if (finding.windowEnd === undefined) return '';
  const peak = finding.peakMailboxes === undefined ? '' : html`<dt>Most mailboxes in one window</dt><dd>${formatCount(finding.peakMailboxes)}</dd>`;
  return html`<dt>Sliding windows over the threshold</dt><dd><code>${finding.time}</code> to <code>${formatUtcTime(finding.windowEnd)}</code></dd>
${peak}`;
}

function appName(finding: ReportFinding): SafeHtml {
  return finding.clientApp.known ? html`${finding.clientApp.name}` : html`<span class="muted">(${UNKNOWN_APP_LABEL})</span>`;
}

/** Renders one value per line, as Splunk shows a multivalue field. */
export function valueList(values: readonly string[], layout: 'lines' | 'columns' = 'lines'): SafeHtml {
  return html`<ul class="${layout === 'columns' ? 'values columns' : 'values'}">${values.map((value) => html`<li><code>${value}</code></li>`)}</ul>`;
}
