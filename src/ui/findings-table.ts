// The findings table: one row per (bin, ClientAppId, ClientInfoString) group over the threshold,
// sortable by every column with header buttons.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { AppNames, Finding } from '../worker/worker-api.ts';
import { formatCount, formatUtcTime } from './format.ts';
import { revealBidiControls } from './reveal-bidi.ts';
import { DETECTION_ORDER, nextSort, sortFindings } from './findings-sort.ts';
import type { FindingColumn, FindingSort } from './findings-sort.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';
import { appTagStyles, renderCompactAppName } from './app-name.ts';
import { drillDownRequestedEvent } from './ui-events.ts';
import { ScrollRailController } from './scroll-rail.ts';
import './value-list.ts';

interface ColumnDefinition {
  column: FindingColumn;
  label: string;
  numeric: boolean;
}

/** Splunk's field names for the ESCU columns, then the columns Mailsweep adds. */
const COLUMNS: readonly ColumnDefinition[] = [
  { column: 'binStart', label: '_time', numeric: false },
  { column: 'clientAppId', label: 'ClientAppId', numeric: false },
  { column: 'clientInfoString', label: 'ClientInfoString', numeric: false },
  { column: 'srcIps', label: 'src_ip', numeric: false },
  { column: 'uniqueMailboxes', label: 'unique_mailboxes', numeric: true },
  { column: 'users', label: 'user', numeric: false },
  { column: 'recordCount', label: 'Records', numeric: true },
  { column: 'firstEventTime', label: 'First event', numeric: false },
  { column: 'lastEventTime', label: 'Last event', numeric: false },
];

/** Renders an ISO time with a break point after the T, which the `.time` style hides in this table. */
function renderTime(epochSeconds: number) {
  const [date = '', timeOfDay = ''] = formatUtcTime(epochSeconds).split('T');
  return html`<span class="nowrap">${date}T</span><wbr /><span class="nowrap">${timeOfDay}</span>`;
}

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Renders a GUID that may wrap once, after its third group; other ids wrap anywhere. */
function renderId(id: string) {
  if (!GUID_PATTERN.test(id)) {
    return html`<span class="anywhere">${revealBidiControls(id)}</span>`;
  }
  return html`<span class="nowrap">${id.slice(0, 19)}</span><wbr /><span class="nowrap">${id.slice(19)}</span>`;
}

/** Renders a header label with a break point after an inner underscore, which the header style hides. */
function renderLabel(label: string) {
  const breakAt = label.indexOf('_', 1);
  if (breakAt < 0) {
    return label;
  }
  return html`${label.slice(0, breakAt + 1)}<wbr />${label.slice(breakAt + 1)}`;
}

/**
 * Renders the normalised source addresses under the raw ones when normalisation changed anything
 * (a port, brackets, `::ffff:`, IPv6 letter case). The raw list stays the ESCU `src_ip`. Values
 * are spans, not list items, so that only the raw list contains `li` elements.
 */
function renderNormalizedIps(finding: Finding) {
  const { srcIps, normalizedSrcIps } = finding;
  const isSame = srcIps.length === normalizedSrcIps.length && srcIps.every((ip, index) => ip === normalizedSrcIps[index]);
  if (isSame) {
    return nothing;
  }

  return html`
    <div class="normalized" data-normalized>
      <span class="muted">Normalised:</span>
      ${normalizedSrcIps.map((ip) => html`<span class="normalized-ip">${revealBidiControls(ip)}</span>`)}
    </div>
  `;
}

/** Identifies a finding's row: its bin (or window start), ClientAppId and ClientInfoString. */
function rowKey(finding: Finding): string {
  return JSON.stringify([finding.binStart, finding.clientAppId, finding.clientInfoString]);
}

/** Rows rendered at first and added per "Show more"; thousands of rows with value lists make the page slow. */
const ROWS_PER_PAGE = 200;

/** Sortable table of findings. */
@customElement('mailsweep-findings-table')
export class FindingsTable extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    appTagStyles,
    css`
      :host {
        display: block;
      }

      /*
       * The box scrolls sideways only. It has no maximum height, so every row is shown and the page
       * scrolls, with no second vertical scroll bar inside it. The box's own horizontal scroll bar,
       * under the last row, is hidden in favour of the rail below.
       */
      .scroll {
        overflow-x: auto;
        scrollbar-width: none;
        border: 1px solid var(--ms-border);
        border-radius: 10px;
        background: var(--ms-surface);
      }

      /* The horizontal scroll bar that stays at the bottom of the window while the table is in view. */
      .rail {
        position: sticky;
        bottom: 0;
        z-index: 2;
        margin: 0 1px;
        overflow-x: auto;
        overflow-y: hidden;
        background: var(--ms-surface-raised);
      }

      .rail > div {
        height: 1px;
      }

      table {
        border-collapse: separate;
        border-spacing: 0;
        width: 100%;
        font-size: 0.9rem;
      }

      caption {
        text-align: left;
        padding: 0.6rem 0.8rem;
        color: var(--ms-muted);
        caption-side: top;
      }

      /* The caption's text stays in view while the table is scrolled sideways. */
      .caption-text {
        display: inline-block;
        position: sticky;
        left: 0.8rem;
        max-width: 60rem;
      }

      th {
        background: var(--ms-surface-raised);
        border-bottom: 1px solid var(--ms-border-strong);
        text-align: left;
        padding: 0;
      }

      th button {
        width: 100%;
        border: 0;
        border-radius: 0;
        background: transparent;
        padding: 0.5rem;
        font-weight: 600;
        font-family: var(--ms-font-mono);
        font-size: 0.82rem;
        display: flex;
        gap: 0.25rem;
        align-items: center;
        justify-content: space-between;
        text-align: left;
      }

      /*
       * Header labels stay on one line, so unique_mailboxes does not split at the <wbr> that
       * renderLabel puts after its underscore. This sets the minimum width of each column.
       */
      th button > span:first-child {
        white-space: nowrap;
      }

      th button > span:first-child wbr {
        display: none;
      }

      th button:focus-visible {
        outline-offset: -3px;
      }

      .arrow {
        color: var(--ms-muted);
        font-size: 0.75rem;
      }

      th[aria-sort] .arrow {
        color: var(--ms-accent);
      }

      td {
        padding: 0.5rem;
        vertical-align: top;
        border-bottom: 1px solid var(--ms-border);
      }

      tbody tr:nth-child(even) td {
        background: var(--ms-row-alternate);
      }

      tbody tr:last-child td {
        border-bottom: 0;
      }

      .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }

      th.num button {
        flex-direction: row-reverse;
      }

      .time,
      .id {
        font-family: var(--ms-font-mono);
        font-size: 0.82rem;
      }

      /*
       * A time reads as one token, so it never breaks between date and time of day. Chromium breaks
       * at a <wbr> even under nowrap, so the one that renderTime puts after the T is hidden here.
       */
      .time {
        white-space: nowrap;
        word-break: keep-all;
      }

      .time wbr {
        display: none;
      }

      .nowrap {
        white-space: nowrap;
      }

      .anywhere {
        overflow-wrap: anywhere;
      }

      /*
       * A client string breaks at its spaces. break-word, unlike anywhere, keeps each token's full
       * width in the column's minimum, so "Client=RESTSystem;;" widens the column instead of splitting.
       */
      .client-info {
        font-family: var(--ms-font-mono);
        font-size: 0.82rem;
        min-width: 12rem;
        max-width: 22rem;
        overflow-wrap: break-word;
      }

      .more {
        margin-top: 0.75rem;
      }

      .normalized {
        margin-top: 0.4rem;
        padding-top: 0.3rem;
        border-top: 1px dashed var(--ms-border);
        font-size: 0.8rem;
      }

      .normalized-ip {
        display: block;
        font-family: var(--ms-font-mono);
        white-space: nowrap;
      }

      .app-name {
        display: block;
        margin-top: 0.25rem;
        font-family: var(--ms-font-sans);
        font-size: 0.8rem;
      }

      .app-tag {
        display: block;
        width: max-content;
        margin-top: 0.25rem;
      }

      /* The Details column stays in view while the table is scrolled sideways. */
      td.details-cell,
      th.details-head {
        position: sticky;
        left: 0;
        z-index: 1;
        border-right: 1px solid var(--ms-border);
      }

      td.details-cell {
        white-space: nowrap;
        background: var(--ms-surface);
      }

      td.details-cell button {
        padding: 0.25rem 0.6rem;
        font-size: 0.85rem;
      }

      tr.selected td {
        box-shadow: inset 0 2px 0 var(--ms-accent), inset 0 -2px 0 var(--ms-accent);
      }
    `,
  ];

  /** Findings in detection order. */
  @property({ attribute: false }) findings: Finding[] = [];

  /** Names of the ClientAppIds, shown under each id. Without it, no names are shown. */
  @property({ attribute: false }) appNames: AppNames | undefined;

  /** Plural noun for the rows in the caption, such as "near misses". */
  @property() noun = 'findings';

  /** Singular form of `noun`. */
  @property() singular = 'finding';

  /** The finding whose drill-down is open, highlighted in the table. */
  @property({ attribute: false }) selected: Finding | undefined;

  @state() private sort: FindingSort = DETECTION_ORDER;
  @state() private visibleCount = ROWS_PER_PAGE;

  constructor() {
    super();
    new ScrollRailController(this);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('findings')) {
      this.sort = DETECTION_ORDER;
      this.visibleCount = ROWS_PER_PAGE;
    }
  }

  override render() {
    const sorted = sortFindings(this.findings, this.sort);
    const visible = sorted.slice(0, this.visibleCount);
    const hiddenCount = sorted.length - visible.length;
    const sortLabel = COLUMNS.find((definition) => definition.column === this.sort.column)?.label ?? '';
    const findingsNoun = this.findings.length === 1 ? this.singular : this.noun;

    return html`
      <div class="scroll" role="region" aria-labelledby="caption" tabindex="0" data-scroll-box>
        <table>
          <caption id="caption">
            <span class="caption-text">
              ${formatCount(this.findings.length)} ${findingsNoun}, sorted by ${sortLabel} (${this.sort.direction}).
              Times are UTC.${this.findings.some((finding) => finding.windowEnd !== undefined)
                ? ' In sliding-window mode, _time is the start of the first window over the threshold.'
                : ''}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col" class="details-head"><span class="visually-hidden">Details</span></th>
              ${COLUMNS.map((definition) => this.renderHeader(definition))}
            </tr>
          </thead>
          <tbody>
            ${visible.map((finding) => this.renderRow(finding))}
          </tbody>
        </table>
      </div>
      <div class="rail" aria-hidden="true" tabindex="-1" data-scroll-rail><div></div></div>
      ${hiddenCount > 0
        ? html`<button type="button" class="more" @click=${this.showMore}>
            Show ${formatCount(Math.min(hiddenCount, ROWS_PER_PAGE))} more (${formatCount(hiddenCount)} not shown)
          </button>`
        : nothing}
    `;
  }

  private renderHeader(definition: ColumnDefinition) {
    const sorted = this.sort.column === definition.column;
    const direction = sorted ? this.sort.direction : undefined;
    let arrow = '↕';
    if (direction) {
      arrow = direction === 'ascending' ? '▲' : '▼';
    }

    return html`
      <th scope="col" class=${definition.numeric ? 'num' : ''} data-column=${definition.column} aria-sort=${direction ?? nothing}>
        <button type="button" @click=${() => { this.sortBy(definition.column); }}>
          <span>${renderLabel(definition.label)}</span><span class="arrow" aria-hidden="true">${arrow}</span>
        </button>
      </th>
    `;
  }

  private renderRow(finding: Finding) {
    return html`
      <tr class=${finding === this.selected ? 'selected' : ''}>
        <td class="details-cell">
          <button
            type="button"
            data-details=${rowKey(finding)}
            aria-pressed=${finding === this.selected ? 'true' : 'false'}
            aria-label=${`Details of ${finding.clientAppId} at ${formatUtcTime(finding.binStart)}`}
            @click=${() => { this.dispatchEvent(drillDownRequestedEvent({ finding })); }}
          >
            Details
          </button>
        </td>
        <td class="time" data-column="binStart">${renderTime(finding.binStart)}</td>
        <td class="id" data-column="clientAppId">
          <span class="app-id">${renderId(finding.clientAppId)}</span>${renderCompactAppName(finding.clientAppId, this.appNames)}
        </td>
        <td class="client-info" data-column="clientInfoString">${revealBidiControls(finding.clientInfoString)}</td>
        <td data-column="srcIps">
          <mailsweep-value-list noun="IP addresses" .values=${finding.srcIps}></mailsweep-value-list>
          ${renderNormalizedIps(finding)}
        </td>
        <td class="num" data-column="uniqueMailboxes">${formatCount(finding.uniqueMailboxes)}</td>
        <td data-column="users"><mailsweep-value-list noun="users" .values=${finding.users}></mailsweep-value-list></td>
        <td class="num" data-column="recordCount">${formatCount(finding.recordCount)}</td>
        <td class="time" data-column="firstEventTime">${renderTime(finding.firstEventTime)}</td>
        <td class="time" data-column="lastEventTime">${renderTime(finding.lastEventTime)}</td>
      </tr>
    `;
  }

  /** Moves the focus to the Details button of a finding, when its row is rendered. */
  focusDetails(finding: Finding): void {
    const key = rowKey(finding);
    const buttons = Array.from(this.renderRoot.querySelectorAll<HTMLButtonElement>('button[data-details]'));
    buttons.find((button) => button.dataset.details === key)?.focus();
  }

  private sortBy(column: FindingColumn): void {
    this.sort = nextSort(this.sort, column);
  }

  private readonly showMore = (): void => {
    this.visibleCount += ROWS_PER_PAGE;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-findings-table': FindingsTable;
  }
}
