// Drill-downs: for each finding given one, the mailboxes it read, its records (throttled ones
// highlighted) and the same application's activity around its bin.

import type { ReportDrillDown, ReportDrillDownRecord, ReportFindingDrillDown } from '../report-input.ts';
import { findingId } from '../../risk/finding-risk.ts';
import { formatCount, formatTime } from './format-values.ts';
import { valueList } from './findings-section.ts';
import { html, plainText, type SafeHtml } from './safe-html.ts';

export function drillDownSection(drillDowns: readonly ReportFindingDrillDown[] | undefined): SafeHtml {
  let body: SafeHtml | SafeHtml[];
  if (drillDowns === undefined) {
    body = html`<p class="muted">Not included in this export.</p>`;
  } else if (drillDowns.length === 0) {
    body = html`<p>No finding was drilled into.</p>`;
  } else {
    body = drillDowns.map(({ finding, drillDown }) => drillDownBlock(findingId(finding), finding.clientAppId, finding.binStart, drillDown));
  }
  return html`<section id="drill-downs">
<h2>Drill-downs</h2>
${body}
</section>`;
}

function drillDownBlock(id: string, clientAppId: string, binStart: number, drillDown: ReportDrillDown): SafeHtml {
  const throttled = drillDown.records.filter((record) => record.isThrottled === true).length;
  const throttledNote =
    throttled === 0
      ? ''
      : html`<p class="error">${formatCount(throttled)} ${throttled === 1 ? 'record has' : 'records have'} IsThrottled = True: Exchange stopped logging Bind reads of that mailbox for 24 hours, so the application may have read more than the log shows.</p>`;

  return html`<article id="drill-down-${plainText(id)}">
<h3>Finding <a href="#finding-${plainText(id)}">${id}</a>: <code>${clientAppId}</code> at <code>${formatTime(binStart)}</code></h3>
${throttledNote}
<h4>Mailboxes</h4>
<table><thead><tr><th>UserId</th><th>MailboxOwnerUPN</th><th class="number">Records</th></tr></thead><tbody>
${drillDown.mailboxes.map((mailbox) => html`<tr><td><code>${mailbox.userId}</code></td><td><code>${mailbox.mailboxOwnerUpn ?? ''}</code></td><td class="number">${formatCount(mailbox.records)}</td></tr>`)}
</tbody></table>
<h4>Records</h4>
<table><thead><tr><th>Time (UTC)</th><th>UserId</th><th>MailboxOwnerUPN</th><th>Client IP</th><th>Access</th><th class="number">OperationCount</th><th>Throttled</th><th>Folders</th><th class="number">Message-id count</th></tr></thead><tbody>
${drillDown.records.map(recordRow)}
</tbody></table>
<h4>Same application, bins around the finding</h4>
<table><thead><tr><th>Bin start (UTC)</th><th class="number">Records</th><th class="number">Distinct mailboxes</th></tr></thead><tbody>
${drillDown.activity.map(
  (bin) =>
    html`<tr${bin.binStart === binStart ? html` class="current"` : ''}><td><code>${formatTime(bin.binStart)}</code>${bin.binStart === binStart ? ' (finding)' : ''}</td><td class="number">${formatCount(bin.records)}</td><td class="number">${formatCount(bin.mailboxes)}</td></tr>`,
)}
</tbody></table>
</article>`;
}

/** Renders IsThrottled: a highlighted True, False, or nothing when the record has no IsThrottled value. */
function throttledCell(isThrottled: boolean | undefined): SafeHtml | string {
  if (isThrottled === true) return html`<span class="throttled-flag">True</span>`;
  if (isThrottled === false) return 'False';
  return '';
}

function recordRow(record: ReportDrillDownRecord): SafeHtml {
  const throttled = record.isThrottled === true;
  return html`<tr${throttled ? html` class="throttled"` : ''}>
<td><code>${formatTime(record.time)}</code></td>
<td><code>${record.userId}</code></td>
<td><code>${record.mailboxOwnerUpn ?? ''}</code></td>
<td><code>${record.clientIp}</code></td>
<td>${record.mailAccessType ?? ''}</td>
<td class="number">${record.operationCount === undefined ? '' : formatCount(record.operationCount)}</td>
<td>${throttledCell(record.isThrottled)}</td>
<td>${valueList(record.folderPaths)}</td>
<td class="number">${record.messageIdCount === undefined ? '' : formatCount(record.messageIdCount)}</td>
</tr>`;
}
