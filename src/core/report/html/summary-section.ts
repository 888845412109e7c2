// The report's first section: what was analysed, with what settings, and what came out of each
// stage of the search.

import type { AnalysisSummary, EmptyReason } from '../../types.ts';
import { ESCU_SETTINGS, type DetectionSettings } from '../../detect/detection-settings.ts';
import { formatSpan } from '../../detect/escu-departures.ts';
import type { ReportProvenance } from '../report-provenance.ts';
import { formatCount, plural } from './format-values.ts';
import { html, type SafeHtml } from './safe-html.ts';

/** Explanation of an empty result, for each stage of the search that can remove everything. */
const EMPTY_REASONS: Readonly<Record<EmptyReason, string>> = {
  'no-records': 'No readable audit record was found in the files.',
  'no-mail-items-accessed': 'The files hold audit records, but no Exchange MailItemsAccessed record, the only event the detection reads.',
  'no-app-ids': 'MailItemsAccessed records were found, but none carries both AppId and ClientAppId, so no OAuth application read mail.',
  'no-api-access': 'MailItemsAccessed records carry app ids, but none went through Microsoft Graph or the EWS client pattern.',
  'below-threshold': 'Applications read mail through Graph or EWS, but no group of one bin, ClientAppId and ClientInfoString exceeded the threshold.',
};

export function summarySection(summary: AnalysisSummary, findingCount: number, provenance: ReportProvenance): SafeHtml {
  const { settings } = provenance.detection;
  const stages: [string, number][] = [
    ['Records read', summary.recordsRead],
    ['Duplicate records removed', summary.duplicatesRemoved],
    ['Records skipped (unreadable)', summary.skippedTotal],
    ['Exchange MailItemsAccessed records', summary.mailItemsAccessed],
    ['… with AppId and ClientAppId', summary.withAppIds],
    ['… through Microsoft Graph or EWS', summary.apiAccess],
    ['… with a ClientInfoString, so in a group', summary.grouped],
    ['Groups (bin, ClientAppId, ClientInfoString)', summary.groups],
    ['Most distinct mailboxes in one group', summary.maxUniqueMailboxes],
    ['Findings reported', findingCount],
  ];

  const outcome =
    findingCount === 0
      ? html`<p class="notice">No finding. ${summary.emptyReason === undefined ? '' : EMPTY_REASONS[summary.emptyReason]}</p>`
      : html`<p>${plural(findingCount, 'finding')}: an application read more than ${plural(settings.threshold, 'distinct mailbox', 'distinct mailboxes')} within ${formatSpan(settings.spanSeconds)}.</p>`;

  return html`<section id="summary">
<h2>Summary</h2>
${outcome}
<dl class="facts">
<dt>Detection</dt><dd>${provenance.detection.name} (Splunk ESCU, MITRE ATT&amp;CK T1114.002)</dd>
<dt>Generated</dt><dd>${provenance.generatedAt} by ${provenance.generator.name} ${provenance.generator.version}</dd>
<dt>Files</dt><dd>${plural(summary.files.length, 'file')}, each with its SHA-256 under Data quality</dd>
</dl>
<table class="stages"><tbody>
${stages.map(([label, count]) => html`<tr><th scope="row">${label}</th><td class="number">${formatCount(count)}</td></tr>`)}
</tbody></table>
${settingsTable(settings, provenance.detection.departures)}
</section>`;
}

/** Renders the settings next to ESCU's, with each departure marked. */
function settingsTable(settings: DetectionSettings, departures: readonly string[]): SafeHtml {
  const escu = ESCU_SETTINGS;
  const rows: [string, string, string][] = [
    ['Bin span', formatSpan(settings.spanSeconds), formatSpan(escu.spanSeconds)],
    ['Threshold (a finding has more than this many mailboxes)', String(settings.threshold), String(escu.threshold)],
    ['Microsoft Graph AppIds', settings.graphAppIds.join(', '), escu.graphAppIds.join(', ')],
    ['EWS ClientInfoString pattern', settings.ewsPattern, escu.ewsPattern],
    ['Counted identity', settings.identity, escu.identity],
    ['User names compared without letter case', yesNo(settings.foldUserCase), yesNo(escu.foldUserCase)],
    ['Window', settings.window, escu.window],
    ['Near misses listed', yesNo(settings.includeNearMisses), yesNo(escu.includeNearMisses)],
  ];

  const verdict =
    departures.length === 0
      ? html`<p>These are the settings of the published ESCU search.</p>`
      : html`<p class="departure">These settings depart from the published ESCU search:</p>
<ul>${departures.map((departure) => html`<li class="departure">${departure}</li>`)}</ul>`;

  return html`<h3>Detection settings</h3>
${verdict}
<table class="settings"><thead><tr><th>Setting</th><th>This report</th><th>ESCU</th></tr></thead><tbody>
${rows.map(
  ([name, value, escuValue]) =>
    html`<tr><th scope="row">${name}</th><td class="${value === escuValue ? '' : 'departure'}"><code>${value}</code></td><td><code>${escuValue}</code></td></tr>`,
)}
</tbody></table>`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
