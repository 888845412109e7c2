// The HTML report: one self-contained page to attach to a case. It has no script, loads nothing
// (inline CSS and SVG only, no fonts, images or links outside the page) and escapes every value
// taken from the files. Its own Content-Security-Policy forbids scripts and every request, so even
// a value that slipped through escaping could not run or fetch anything.

import { FIRST_PARTY_APPS_SOURCE } from '../apps/first-party-app-rows.ts';
import type { ReportInput } from './report-input.ts';
import { buildProvenance } from './report-provenance.ts';
import { toReportFinding } from './report-finding.ts';
import { findingId } from '../risk/finding-risk.ts';
import { REPORT_STYLES } from './html/report-styles.ts';
import { html, plainText, SafeHtml } from './html/safe-html.ts';
import { summarySection } from './html/summary-section.ts';
import { qualitySection } from './html/quality-section.ts';
import { allowListSection, findingsSection, nearMissSection } from './html/findings-section.ts';
import { drillDownSection } from './html/drill-down-section.ts';
import { timelineSection } from './html/timeline-section.ts';

/** Allows inline styles and data: images only, so the report runs no script, opens no connection or frame and submits no form. */
const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Builds the report as one HTML document. */
export function buildHtmlReport(input: ReportInput): string {
  const provenance = buildProvenance({
    version: input.version,
    generatedAt: input.generatedAt,
    settings: input.settings,
    files: input.summary.files,
    allowList: input.allowList?.entries,
  });
  const findings = input.findings.map(toReportFinding);
  const drillDownIds = new Set((input.drillDowns ?? []).map(({ finding }) => findingId(finding)));

  const sections: [id: string, title: string, content: SafeHtml][] = [
    ['summary', 'Summary', summarySection(input.summary, findings.length, provenance)],
    ['data-quality', 'Data quality', qualitySection(input.summary.files)],
    ['findings', 'Findings', findingsSection(findings, { drillDownIds })],
  ];
  if (input.allowList !== undefined) {
    sections.push(['allow-list', 'Allow-list', allowListSection(input.allowList.entries, input.allowList.outcome)]);
  }
  if (input.nearMisses !== undefined) {
    sections.push(['near-misses', 'Near misses', nearMissSection(input.nearMisses.map(toReportFinding))]);
  }
  sections.push(['drill-downs', 'Drill-downs', drillDownSection(input.drillDowns)]);
  sections.push(['timeline', 'Timeline', timelineSection(input.timeline)]);

  const title = `Mailsweep report: ${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}, ${provenance.generatedAt}`;
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${plainText(REPORT_CONTENT_SECURITY_POLICY)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${plainText(`Mailsweep ${input.version}`)}">
<title>${title}</title>
<style>${new SafeHtml(REPORT_STYLES)}</style>
</head>
<body>
<header>
<h1>Mailsweep report</h1>
<p class="muted">${provenance.detection.name}, run offline on Office 365 unified audit log exports. Generated ${provenance.generatedAt} by Mailsweep ${input.version}.</p>
<nav><ol>${sections.map(([id, sectionTitle]) => html`<li><a href="#${id}">${sectionTitle}</a></li>`)}</ol></nav>
</header>
<main>
${sections.map(([, , content]) => content)}
</main>
<footer>
<p class="muted">Application names come from ${FIRST_PARTY_APPS_SOURCE.path} of ${FIRST_PARTY_APPS_SOURCE.repository} (${FIRST_PARTY_APPS_SOURCE.licence}). An id missing from that list is not proof that the application belongs to a third party.</p>
</footer>
</body>
</html>
`;
  return document.html;
}
