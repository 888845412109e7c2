// The timeline section: one chart per ClientAppId, all on the same time axis, applications with
// bins over the threshold first.

import { resolveAppName } from '../../apps/resolve-app-name.ts';
import { formatSpan } from '../../detect/escu-departures.ts';
import type { ReportTimeline, ReportTimelineSeries } from '../report-input.ts';
import { timeAxisOf, timelineSvg } from './timeline-svg.ts';
import { html, type SafeHtml } from './safe-html.ts';

export function timelineSection(timeline: ReportTimeline | undefined): SafeHtml {
  const axis = timeline === undefined ? undefined : timeAxisOf(timeline);
  let body: SafeHtml | SafeHtml[];
  if (timeline === undefined) {
    body = html`<p class="muted">Not included in this export.</p>`;
  } else if (axis === undefined) {
    body = html`<p>No application read mail through Graph or EWS.</p>`;
  } else {
    const ordered = [...timeline.series].sort((left, right) => peakOf(right) - peakOf(left) || compareIds(left, right));
    body = ordered.map((series) => {
      const app = resolveAppName(series.clientAppId);
      const label = app.known ? `${series.clientAppId} (${app.name})` : series.clientAppId;
      return html`<figure>
<figcaption><code>${series.clientAppId}</code>${app.known ? html` ${app.name}` : ''}</figcaption>
${timelineSvg(series, timeline, axis, label)}
</figure>`;
    });
  }

  const legend =
    timeline === undefined
      ? ''
      : html`<p class="muted">Distinct mailboxes per bin of ${formatSpan(timeline.spanSeconds)}, on one time axis for all applications. The dashed line is the threshold (${timeline.threshold}), and red bars exceed it.</p>`;
  return html`<section id="timeline">
<h2>Timeline</h2>
${legend}
${body}
</section>`;
}

function peakOf(series: ReportTimelineSeries): number {
  return series.bins.reduce((max, bin) => Math.max(max, bin.mailboxes), 0);
}

/** Orders by UTF-16 code unit, as the findings are ordered. */
function compareIds(left: ReportTimelineSeries, right: ReportTimelineSeries): number {
  if (left.clientAppId < right.clientAppId) return -1;
  if (left.clientAppId > right.clientAppId) return 1;
  return 0;
}
