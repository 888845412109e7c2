// The timeline: a heat strip of every application's distinct mailboxes over the whole analysis, in
// which a burst is visible at a glance, and a bar chart of one application with the threshold line.
// Both are plain SVG whose size depends on the number of screen columns, never on the number of bins.
import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { AppNames, AppTimeline, Timeline } from '../worker/worker-api.ts';
import { UNKNOWN_APP_TEXT, appTagStyles, renderCompactAppName } from './app-name.ts';
import { formatCount, formatUtcTime } from './format.ts';
import { revealBidiControls } from './reveal-bidi.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';
import { barsPath, cellsPath, chooseColumnCount, foldIntoColumns, niceTicks, timeTicks } from './timeline-columns.ts';
import type { TimeRange } from './timeline-columns.ts';

/**
 * Maximum of screen columns. At 1280 px the chart is about 1,100 px wide, so a column is at least
 * 1.5 px wide. A month of 10-minute bins becomes hourly columns.
 */
const MAX_COLUMNS = 720;

/** Applications in the heat strip before "Show all". */
const COLLAPSED_APP_COUNT = 12;

/** About this many time labels under the bar chart. */
const TIME_TICK_COUNT = 6;

/** Returns the name of a known application, or the id of an application not in the bundled list. */
function appLabel(app: AppTimeline, names: AppNames | undefined): string {
  const lookup = names?.[app.clientAppId];
  return lookup?.known ? lookup.name : app.clientAppId;
}

function isKnownApp(app: AppTimeline, names: AppNames | undefined): boolean {
  return names?.[app.clientAppId]?.known === true;
}

/** Formats a time for an axis label: `03-14 10:00` in UTC, the date only at midnight. */
function formatTick(epochSeconds: number): string {
  const iso = formatUtcTime(epochSeconds);
  const date = iso.slice(5, 10);
  const time = iso.slice(11, 16);
  return time === '00:00' ? date : `${date} ${time}`;
}

function countBinsOver(app: AppTimeline, threshold: number): number {
  return app.mailboxes.filter((value) => value > threshold).length;
}

/** Describes a count of bins over the threshold: "1 bin over the threshold", "3 bins over the threshold". */
function describeBinsOver(app: AppTimeline, threshold: number): string {
  const count = countBinsOver(app, threshold);
  return `${formatCount(count)} ${count === 1 ? 'bin' : 'bins'} over the threshold`;
}

/** Timeline of every application and a chart of the selected one. */
@customElement('mailsweep-timeline')
export class TimelineView extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    appTagStyles,
    css`
      :host {
        display: block;
        --cell-low: color-mix(in srgb, var(--ms-accent) 30%, transparent);
        --cell-mid: color-mix(in srgb, var(--ms-accent) 70%, transparent);
      }

      .strip {
        display: grid;
        grid-template-columns: minmax(10rem, 18rem) minmax(0, 1fr) 4.5rem;
        gap: 2px 0.75rem;
        align-items: center;
      }

      .strip button {
        text-align: left;
        padding: 0.1rem 0.4rem;
        font-size: 0.8rem;
        border-color: transparent;
        background: transparent;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }

      .strip button[aria-pressed='true'] {
        border-color: var(--ms-accent);
        background: var(--ms-accent-soft);
        font-weight: 600;
      }

      .strip svg {
        display: block;
        width: 100%;
        height: 14px;
        background: var(--ms-surface-raised);
      }

      .peak {
        font-size: 0.8rem;
        font-variant-numeric: tabular-nums;
        text-align: right;
      }

      .peak.over {
        color: var(--ms-danger);
        font-weight: 600;
      }

      .low {
        fill: var(--cell-low);
      }

      .mid {
        fill: var(--cell-mid);
      }

      .over {
        fill: var(--ms-danger);
      }

      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 1rem;
        margin: 0.5rem 0 0;
        font-size: 0.8rem;
      }

      .swatch {
        display: inline-block;
        width: 0.8rem;
        height: 0.8rem;
        margin-right: 0.3rem;
        vertical-align: -0.1rem;
      }

      .swatch.low {
        background: var(--cell-low);
      }

      .swatch.mid {
        background: var(--cell-mid);
      }

      .swatch.over {
        background: var(--ms-danger);
      }

      h3 {
        font-size: 1rem;
        margin: 1.25rem 0 0.5rem;
        overflow-wrap: anywhere;
      }

      .chart {
        display: grid;
        grid-template-columns: 3rem minmax(0, 1fr);
        grid-template-rows: 200px auto;
      }

      .y-axis,
      .x-axis,
      .plot {
        position: relative;
      }

      .y-axis span {
        position: absolute;
        right: 0.4rem;
        transform: translateY(50%);
        font-size: 0.75rem;
        font-variant-numeric: tabular-nums;
        color: var(--ms-muted);
      }

      .plot {
        border-left: 1px solid var(--ms-border-strong);
        border-bottom: 1px solid var(--ms-border-strong);
      }

      .plot svg {
        display: block;
        width: 100%;
        height: 100%;
      }

      .bar {
        fill: var(--cell-mid);
      }

      .bar.over {
        fill: var(--ms-danger);
      }

      .threshold-line {
        stroke: var(--ms-danger);
        stroke-width: 1.5px;
        stroke-dasharray: 6 4;
      }

      .threshold-label {
        position: absolute;
        right: 0.25rem;
        transform: translateY(-100%);
        font-size: 0.75rem;
        color: var(--ms-danger);
        background: var(--ms-surface);
        padding: 0 0.25rem;
      }

      .x-axis {
        grid-column: 2;
        height: 1.4rem;
      }

      .x-axis span {
        position: absolute;
        top: 0.2rem;
        transform: translateX(-50%);
        font-size: 0.75rem;
        color: var(--ms-muted);
        white-space: nowrap;
      }

      .unknown {
        font-size: 0.7rem;
        color: var(--ms-danger);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) timeline: Timeline | undefined;
  @property({ attribute: false }) appNames: AppNames | undefined;

  @state() private selectedAppId: string | undefined;
  @state() private showAll = false;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const apps = this.timeline?.apps ?? [];
    if (changed.has('timeline') && !apps.some((app) => app.clientAppId === this.selectedAppId)) {
      this.selectedAppId = apps[0]?.clientAppId;
    }
  }

  override render() {
    const timeline = this.timeline;
    if (!timeline || timeline.apps.length === 0 || timeline.firstBinStart === undefined || timeline.lastBinStart === undefined) {
      return html`<p class="muted" data-timeline-empty>No Graph or EWS reads to draw.</p>`;
    }

    const range: TimeRange = { start: timeline.firstBinStart, end: timeline.lastBinStart + timeline.spanSeconds };
    const columnCount = chooseColumnCount(range, timeline.spanSeconds, MAX_COLUMNS);
    const apps = this.showAll ? timeline.apps : timeline.apps.slice(0, COLLAPSED_APP_COUNT);
    const selected = timeline.apps.find((app) => app.clientAppId === this.selectedAppId);

    return html`
      <p class="muted">
        ${formatUtcTime(range.start)} to ${formatUtcTime(range.end)} UTC. Each cell is the largest number of distinct mailboxes
        in ${columnCount === Math.ceil((range.end - range.start) / timeline.spanSeconds) ? 'one bin' : 'the bins it covers'}.
        Pick an application for its chart.
      </p>
      <div class="strip" role="group" aria-label="Distinct mailboxes per bin, one row per application">
        ${apps.map((app) => this.renderStripRow(app, range, columnCount, timeline.threshold))}
      </div>
      ${timeline.apps.length > COLLAPSED_APP_COUNT
        ? html`<button type="button" @click=${this.toggleShowAll}>
            ${this.showAll ? `Show the ${COLLAPSED_APP_COUNT} busiest only` : `Show all ${formatCount(timeline.apps.length)} applications`}
          </button>`
        : nothing}
      <p class="legend" aria-hidden="true">
        <span><span class="swatch low"></span>up to half the threshold</span>
        <span><span class="swatch mid"></span>up to the threshold (${formatCount(timeline.threshold)})</span>
        <span><span class="swatch over"></span>over the threshold</span>
      </p>
      ${selected ? this.renderChart(selected, range, columnCount, timeline.threshold) : nothing}
    `;
  }

  private renderStripRow(app: AppTimeline, range: TimeRange, columnCount: number, threshold: number) {
    const columns = foldIntoColumns(app, range, columnCount);
    const half = threshold / 2;
    const label = appLabel(app, this.appNames);
    const known = isKnownApp(app, this.appNames);
    const description =
      `${known ? `${label} (${app.clientAppId})` : `${app.clientAppId} (${UNKNOWN_APP_TEXT})`}: at most ${formatCount(app.maxMailboxes)} distinct mailboxes in one bin, ` +
      `${describeBinsOver(app, threshold)}.`;

    return html`
      <button
        type="button"
        aria-pressed=${app.clientAppId === this.selectedAppId ? 'true' : 'false'}
        aria-label=${`Chart of ${description}`}
        title=${app.clientAppId}
        data-app=${app.clientAppId}
        @click=${() => { this.selectedAppId = app.clientAppId; }}
      >
        <span class=${known ? '' : 'mono'}>${revealBidiControls(label)}</span>${known ? nothing : html` <span class="unknown">unknown</span>`}
      </button>
      <svg viewBox="0 0 ${columnCount} 1" preserveAspectRatio="none" role="img" aria-label=${description}>
        <path class="low" d=${cellsPath(columns, (value) => value <= half)}></path>
        <path class="mid" d=${cellsPath(columns, (value) => value > half && value <= threshold)}></path>
        <path class="over" d=${cellsPath(columns, (value) => value > threshold)}></path>
      </svg>
      <span class="peak ${app.maxMailboxes > threshold ? 'over' : ''}" aria-hidden="true">max ${formatCount(app.maxMailboxes)}</span>
    `;
  }

  private renderChart(app: AppTimeline, range: TimeRange, columnCount: number, threshold: number) {
    const columns = foldIntoColumns(app, range, columnCount);
    const ticks = niceTicks(Math.max(app.maxMailboxes, threshold + 1), 4);
    const maxValue = ticks.at(-1) ?? 1;
    const thresholdPercent = (threshold / maxValue) * 100;
    const length = range.end - range.start;
    const known = isKnownApp(app, this.appNames);

    // As in the strip, a known application shows its name, then its id. An unknown one shows its id and a tag.
    return html`
      <h3 id="chart-heading">
        <span class=${known ? '' : 'mono'}>${revealBidiControls(appLabel(app, this.appNames))}</span>
        ${known ? html`<span class="mono muted">${revealBidiControls(app.clientAppId)}</span>` : renderCompactAppName(app.clientAppId, this.appNames)}
      </h3>
      <div class="chart" data-chart=${app.clientAppId}>
        <div class="y-axis" aria-hidden="true">
          ${ticks.map((tick) => html`<span style="bottom: ${(tick / maxValue) * 100}%">${formatCount(tick)}</span>`)}
        </div>
        <div class="plot">
          <svg
            viewBox="0 0 ${columnCount} ${maxValue}"
            preserveAspectRatio="none"
            role="img"
            aria-labelledby="chart-heading"
            aria-describedby="chart-description"
          >
            ${svg`<path class="bar" d=${barsPath(columns, maxValue, (value) => value <= threshold)}></path>`}
            ${svg`<path class="bar over" d=${barsPath(columns, maxValue, (value) => value > threshold)}></path>`}
            ${svg`<line class="threshold-line" x1="0" x2=${columnCount} y1=${maxValue - threshold} y2=${maxValue - threshold} vector-effect="non-scaling-stroke"></line>`}
          </svg>
          <span class="threshold-label" style="bottom: ${thresholdPercent}%; transform: translateY(50%)" data-threshold>
            threshold: more than ${formatCount(threshold)}
          </span>
        </div>
        <div class="x-axis" aria-hidden="true">
          ${timeTicks(range, TIME_TICK_COUNT).map((time) => html`<span style="left: ${((time - range.start) / length) * 100}%">${formatTick(time)}</span>`)}
        </div>
      </div>
      <p class="visually-hidden" id="chart-description">
        Distinct mailboxes per bin, from ${formatUtcTime(range.start)} to ${formatUtcTime(range.end)}. At most
        ${formatCount(app.maxMailboxes)}; ${describeBinsOver(app, threshold)} of ${formatCount(threshold)}.
      </p>
    `;
  }

  private readonly toggleShowAll = (): void => {
    this.showAll = !this.showAll;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-timeline': TimelineView;
  }
}
