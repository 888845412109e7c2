// Everything the page shows about a finished analysis past its data-quality report: the findings
// with their names and the settings they came from, what the allow-list suppressed, near misses,
// the drill-down of one finding, the timeline and the report exports. It requests drill-downs and
// the timeline from the worker itself, and exports bubble up as events for the page to download.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { AnalysisExportKind, DrillDownResult, Finding, InvestigationResult, TimelineResult } from '../worker/worker-api.ts';
import type { AnalysisClient } from '../worker/worker-client.ts';
import type { DrillDownPanel } from './drill-down-panel.ts';
import { formatCount } from './format.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';
import { exportRequestedEvent } from './ui-events.ts';
import type { DrillDownRequestedDetail } from './ui-events.ts';
import './departures-note.ts';
import './drill-down-panel.ts';
import './empty-result.ts';
import './findings-table.ts';
import './timeline-view.ts';
import { describeError } from './describe-error.ts';

const REPORT_EXPORTS: readonly { kind: AnalysisExportKind; label: string; hint: string }[] = [
  { kind: 'report-html', label: 'Export HTML report', hint: 'One self-contained page to attach to a case: summary, data quality, findings, drill-downs and timeline.' },
  { kind: 'report-json', label: 'Export JSON report', hint: 'The same content as data, with each file\'s SHA-256, the settings and the Mailsweep version.' },
  { kind: 'notable-json', label: 'Export notable events JSON', hint: 'The findings shaped as Splunk ES notable and risk events (risk score 42, risk object user, T1114.002).' },
];

/**
 * Findings, drill-down, timeline and report exports of one analysis.
 *
 * @fires mailsweep-export-requested - when the user asks for an export of the analysis
 */
@customElement('mailsweep-investigation')
export class InvestigationView extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    css`
      :host {
        display: block;
        /* The warning colours of the data-quality report, which the caution refers to. */
        --caution: #8a5300;
        --caution-soft: #fdf1dc;
      }

      @media (prefers-color-scheme: dark) {
        :host {
          --caution: #f0c074;
          --caution-soft: #35290f;
        }
      }

      section {
        margin-top: 1.75rem;
      }

      h2 {
        font-size: 1.2rem;
        margin: 0;
      }

      h3 {
        font-size: 1.05rem;
        margin: 1.25rem 0 0.5rem;
      }

      .section-head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        margin-bottom: 0.75rem;
      }

      .status {
        margin: 0 0 0.75rem;
      }

      .suppressed {
        margin: 0 0 0.75rem;
        padding: 0.5rem 0.8rem;
        border-left: 4px solid var(--ms-accent);
        background: var(--ms-accent-soft);
        border-radius: 6px;
      }

      .suppressed summary {
        cursor: pointer;
      }

      .caution {
        margin: 0 0 0.75rem;
        padding: 0.5rem 0.8rem;
        border-left: 4px solid var(--caution);
        background: var(--caution-soft);
        border-radius: 6px;
      }

      .error {
        margin: 0.75rem 0 0;
        padding: 0.6rem 0.9rem;
        border-left: 4px solid var(--ms-danger);
        background: var(--ms-danger-soft);
        border-radius: 6px;
      }

      mailsweep-drill-down {
        margin-top: 1rem;
      }

      .reports {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
        gap: 0.75rem;
      }

      .report {
        border: 1px solid var(--ms-border);
        border-radius: 8px;
        padding: 0.7rem 0.9rem;
        background: var(--ms-surface);
      }

      .report p {
        margin: 0.4rem 0 0;
        font-size: 0.85rem;
      }
    `,
  ];

  @property({ attribute: false }) result: InvestigationResult | undefined;

  /** The page's worker client, for drill-downs and the timeline. */
  @property({ attribute: false }) client: AnalysisClient | undefined;

  /** Outcome of the latest re-detection, shown under the departures note. Empty after a fresh analysis. */
  @property() redetectStatus = '';

  /** Kinds of export under way, whose buttons wait. */
  @property({ attribute: false }) exporting: ReadonlySet<AnalysisExportKind> = new Set();

  @state() private selected: Finding | undefined;
  @state() private drillDown: DrillDownResult | undefined;
  @state() private drillDownError = '';
  @state() private timeline: TimelineResult | undefined;
  @state() private timelineError = '';

  #timelineRequest = 0;
  #drillDownRequest = 0;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('result')) {
      // A drill-down belongs to the detection it came from, so a new result closes it.
      this.selected = undefined;
      this.drillDown = undefined;
      this.drillDownError = '';
      void this.loadTimeline();
    }
  }

  override render() {
    const result = this.result;
    if (!result) {
      return nothing;
    }

    const count = result.findings.length;
    // With every finding suppressed, the export is still offered and contains the header only.
    const canExport = count > 0 || result.suppressed.length > 0;
    return html`
      <section aria-labelledby="findings-heading" @mailsweep-drill-down-requested=${this.onDrillDownRequested}>
        <div class="section-head">
          <h2 id="findings-heading">${formatCount(count)} ${count === 1 ? 'finding' : 'findings'}</h2>
          ${canExport
            ? html`<button type="button" class="primary" ?disabled=${this.exporting.has('findings-csv')} @click=${() => { this.requestExport('findings-csv'); }}>
                Export CSV
              </button>`
            : nothing}
        </div>
        <mailsweep-departures .settings=${result.settings}></mailsweep-departures>
        ${this.redetectStatus ? html`<p class="muted status" data-redetect-status>${this.redetectStatus}</p>` : nothing}
        ${this.renderSkippedCaution(result)} ${this.renderSuppressed(result)} ${this.renderFindings(result)} ${this.renderNearMisses(result)} ${this.renderDrillDown()}
      </section>

      <section aria-labelledby="timeline-heading">
        <div class="section-head"><h2 id="timeline-heading">Timeline</h2></div>
        ${this.timelineError
          ? html`<p class="error" role="alert">The timeline could not be built: ${this.timelineError}</p>`
          : html`<mailsweep-timeline .timeline=${this.timeline?.timeline} .appNames=${this.timeline?.appNames}></mailsweep-timeline>`}
      </section>

      <section aria-labelledby="reports-heading">
        <div class="section-head"><h2 id="reports-heading">Reports</h2></div>
        <div class="reports">
          ${REPORT_EXPORTS.map(
            (report) => html`
              <div class="report">
                <button type="button" ?disabled=${this.exporting.has(report.kind)} @click=${() => { this.requestExport(report.kind); }}>
                  ${report.label}
                </button>
                <p class="muted">${report.hint}</p>
              </div>
            `,
          )}
        </div>
      </section>
    `;
  }

  private renderFindings(result: InvestigationResult) {
    if (result.findings.length > 0) {
      return html`<mailsweep-findings-table
        data-kept
        .findings=${result.findings}
        .appNames=${result.appNames}
        .selected=${this.selected}
      ></mailsweep-findings-table>`;
    }
    if (result.suppressed.length > 0) {
      return html`<p data-all-suppressed>
        Every finding is suppressed by the allow-list. Open the list above to see them. Export CSV leaves suppressed
        findings out, so it saves the header only.
      </p>`;
    }
    return html`<mailsweep-empty-result .summary=${result.summary}></mailsweep-empty-result>`;
  }

  /** Warns, when there are findings, that the skipped records may have contained more reads. */
  private renderSkippedCaution(result: InvestigationResult) {
    const skipped = result.summary.skippedTotal;
    if (result.findings.length === 0 || skipped === 0) {
      return nothing;
    }
    return html`<p class="caution" data-skipped-caution>
      ${formatCount(skipped)} ${skipped === 1 ? 'record' : 'records'} could not be read, so the findings may be incomplete. See the
      data-quality report above.
    </p>`;
  }

  private renderSuppressed(result: InvestigationResult) {
    if (result.suppressed.length === 0) {
      return nothing;
    }

    const findings = result.suppressed.map((entry) => entry.finding);
    const records = findings.reduce((total, finding) => total + finding.recordCount, 0);
    return html`
      <details class="suppressed" data-suppressed>
        <summary>
          ${formatCount(findings.length)} ${findings.length === 1 ? 'finding' : 'findings'} (${formatCount(records)} records)
          suppressed by the allow-list
        </summary>
        <mailsweep-findings-table
          noun="suppressed findings"
          singular="suppressed finding"
          .findings=${findings}
          .appNames=${result.appNames}
          .selected=${this.selected}
        ></mailsweep-findings-table>
      </details>
    `;
  }

  private renderNearMisses(result: InvestigationResult) {
    if (!result.settings.includeNearMisses) {
      return nothing;
    }

    const { threshold } = result.settings;
    return html`
      <h3 id="near-misses-heading">Near misses</h3>
      <p class="muted">Groups with ${formatCount(Math.max(0, threshold - 1))} or ${formatCount(threshold)} distinct mailboxes: at the threshold or one below it. They are not findings and are not exported as findings.</p>
      ${result.nearMisses.length === 0
        ? html`<p data-no-near-misses>No group came that close.</p>`
        : html`<mailsweep-findings-table
            data-near-misses
            noun="near misses"
            singular="near miss"
            .findings=${result.nearMisses}
            .appNames=${result.appNames}
            .selected=${this.selected}
          ></mailsweep-findings-table>`}
    `;
  }

  private renderDrillDown() {
    if (this.drillDownError) {
      return html`<p class="error" role="alert">The details could not be loaded: ${this.drillDownError}</p>`;
    }
    if (!this.selected || !this.drillDown) {
      return nothing;
    }
    return html`<mailsweep-drill-down
      .finding=${this.selected}
      .drillDown=${this.drillDown.drillDown}
      .appNames=${this.drillDown.appNames}
      @mailsweep-drill-down-closed=${this.onDrillDownClosed}
    ></mailsweep-drill-down>`;
  }

  private requestExport(kind: AnalysisExportKind): void {
    this.dispatchEvent(exportRequestedEvent({ kind }));
  }

  private readonly onDrillDownRequested = async (event: CustomEvent<DrillDownRequestedDetail>): Promise<void> => {
    const { finding } = event.detail;
    const client = this.client;
    if (!client) {
      return;
    }

    this.#drillDownRequest += 1;
    const request = this.#drillDownRequest;
    try {
      const drillDown = await client.drillDown(finding);
      if (request !== this.#drillDownRequest) {
        return;
      }
      this.selected = finding;
      this.drillDown = drillDown;
      this.drillDownError = '';
      await this.updateComplete;
      const panel = this.renderRoot.querySelector<DrillDownPanel>('mailsweep-drill-down');
      await panel?.updateComplete;
      panel?.focusHeading();
    } catch (error) {
      if (request === this.#drillDownRequest) {
        this.selected = undefined;
        this.drillDown = undefined;
        this.drillDownError = describeError(error);
      }
    }
  };

  private readonly onDrillDownClosed = async (): Promise<void> => {
    const finding = this.selected;
    this.selected = undefined;
    this.drillDown = undefined;
    await this.updateComplete;
    if (!finding) {
      return;
    }

    // Focus goes back to the Details button of the finding that was open.
    const table = Array.from(this.renderRoot.querySelectorAll('mailsweep-findings-table')).find((candidate) => candidate.findings.includes(finding));
    table?.focusDetails(finding);
  };

  private async loadTimeline(): Promise<void> {
    this.#timelineRequest += 1;
    const request = this.#timelineRequest;
    this.timeline = undefined;
    this.timelineError = '';
    if (!this.client || !this.result) {
      return;
    }

    try {
      const timeline = await this.client.timeline();
      if (request === this.#timelineRequest) {
        this.timeline = timeline;
      }
    } catch (error) {
      if (request === this.#timelineRequest) {
        this.timelineError = describeError(error);
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-investigation': InvestigationView;
  }
}
