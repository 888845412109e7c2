// A small inline SVG chart per application: distinct mailboxes per bin as bars, on a time axis
// shared by all applications, with the threshold as a dashed line. Plain SVG with no script, so it
// renders in the report without any request.

import type { ReportTimeline, ReportTimelineSeries } from '../report-input.ts';
import { formatUtcTime } from '../../time/format-utc-time.ts';
import { html, plainText, type SafeHtml } from './safe-html.ts';

/** Chart size in SVG user units. The CSS scales it to the page width. */
const WIDTH = 720;
const HEIGHT = 120;
const MARGIN = { left: 40, right: 8, top: 8, bottom: 20 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

/** Narrowest bar, so that one bin in a month of data (4,320 ten-minute bins) still shows. */
const MIN_BAR_WIDTH = 1;

/** The time range every chart of one report shares, in Unix epoch seconds: [start, end). */
export interface TimeAxis {
  start: number;
  end: number;
}

/** Returns the range from the earliest bin to the end of the latest, or undefined when no series has a bin. */
export function timeAxisOf(timeline: ReportTimeline): TimeAxis | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const series of timeline.series) {
    for (const bin of series.bins) {
      start = Math.min(start, bin.binStart);
      end = Math.max(end, bin.binStart + timeline.spanSeconds);
    }
  }
  return start < end ? { start, end } : undefined;
}

/** Renders the chart of one application's series. */
export function timelineSvg(series: ReportTimelineSeries, timeline: ReportTimeline, axis: TimeAxis, label: string): SafeHtml {
  const { threshold, spanSeconds } = timeline;
  const peak = series.bins.reduce((max, bin) => Math.max(max, bin.mailboxes), 0);
  // The scale always reaches above the threshold, so the line sits inside the chart.
  const yMax = Math.max(peak, threshold + 1);
  const duration = axis.end - axis.start;
  const x = (seconds: number): number => MARGIN.left + ((seconds - axis.start) / duration) * PLOT_WIDTH;
  const y = (mailboxes: number): number => MARGIN.top + PLOT_HEIGHT - (mailboxes / yMax) * PLOT_HEIGHT;
  const barWidth = Math.max((spanSeconds / duration) * PLOT_WIDTH, MIN_BAR_WIDTH);
  const overCount = series.bins.filter((bin) => bin.mailboxes > threshold).length;

  const bars = series.bins
    .filter((bin) => bin.mailboxes > 0)
    .map((bin) => {
      const over = bin.mailboxes > threshold;
      const top = y(bin.mailboxes);
      // Only bars over the threshold get a tooltip, which keeps a month of bins small.
      const tooltip = over ? html`<title>${plainText(`${formatUtcTime(bin.binStart)}: ${bin.mailboxes} mailboxes`)}</title>` : '';
      return html`<rect class="${over ? 'bar over' : 'bar'}" x="${round(x(bin.binStart))}" y="${round(top)}" width="${round(barWidth)}" height="${round(MARGIN.top + PLOT_HEIGHT - top)}">${tooltip}</rect>`;
    });

  const thresholdY = round(y(threshold));
  // The peak's label is left out when it would overlap the threshold's.
  const peakLabel = thresholdY - MARGIN.top < 12 ? '' : html`<text class="tick" x="${MARGIN.left - 4}" y="${MARGIN.top + 8}" text-anchor="end">${yMax}</text>`;
  const description = `${label}: distinct mailboxes per bin from ${formatUtcTime(axis.start)} to ${formatUtcTime(axis.end)}, peak ${peak}, ${overCount} ${overCount === 1 ? 'bin' : 'bins'} over the threshold of ${threshold}.`;
  return html`<svg class="timeline" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img">
<title>${plainText(description)}</title>
<line class="axis" x1="${MARGIN.left}" y1="${MARGIN.top + PLOT_HEIGHT}" x2="${WIDTH - MARGIN.right}" y2="${MARGIN.top + PLOT_HEIGHT}"/>
${bars}
<line class="threshold" x1="${MARGIN.left}" y1="${thresholdY}" x2="${WIDTH - MARGIN.right}" y2="${thresholdY}"/>
<text class="tick" x="${MARGIN.left - 4}" y="${thresholdY + 3}" text-anchor="end">${threshold}</text>
${peakLabel}
<text class="tick" x="${MARGIN.left}" y="${HEIGHT - 6}">${plainText(formatUtcTime(axis.start))}</text>
<text class="tick" x="${WIDTH - MARGIN.right}" y="${HEIGHT - 6}" text-anchor="end">${plainText(formatUtcTime(axis.end))}</text>
</svg>`;
}

/** Rounds to 0.1 user unit, enough at this size and shorter in the file. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}
