// The drill-down of one finding: the mailboxes it read, its records, the throttling warning, and the
// same application's activity in the bins before and after. That activity distinguishes a one-off
// burst from a connector that reads this much every day.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

import type { ActivityBin, AppNames, DrillDown, Finding } from '../worker/worker-api.ts';
import { renderAppName } from './app-name.ts';
import { formatCount, formatUtcTime } from './format.ts';
import { revealBidiControls } from './reveal-bidi.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';
import { exportRequestedEvent } from './ui-events.ts';
import './drill-down-records.ts';

/** Fired when the user closes the panel. */
export const DRILL_DOWN_CLOSED_EVENT = 'mailsweep-drill-down-closed';

function plural(count: number, singular: string, pluralForm: string): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Records and context of one finding.
 *
 * @fires mailsweep-export-requested - with kind `drill-down-csv` when the user exports the records
 * @fires mailsweep-drill-down-closed - when the user closes the panel
 */
@customElement('mailsweep-drill-down')
export class DrillDownPanel extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    css`
      :host {
        display: block;
      }

      .panel {
        border: 1px solid var(--ms-border-strong);
        border-radius: 10px;
        padding: 0.9rem 1.1rem 1.1rem;
        background: var(--ms-surface);
      }

      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5rem 1rem;
      }

      h3 {
        margin: 0;
        font-size: 1.1rem;
      }

      h3:focus-visible {
        outline: 3px solid var(--ms-focus);
        outline-offset: 2px;
      }

      h4 {
        margin: 1rem 0 0.4rem;
        font-size: 0.95rem;
      }

      .id {
        margin: 0.2rem 0 0;
        font-family: var(--ms-font-mono);
        font-size: 0.85rem;
        overflow-wrap: anywhere;
      }

      .subtitle {
        margin: 0.3rem 0 0;
      }

      .app-name.unknown {
        color: var(--ms-danger);
        font-weight: 600;
      }

      dl {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
        gap: 0.4rem 1rem;
        margin: 0.75rem 0 0;
      }

      dt {
        font-size: 0.8rem;
        color: var(--ms-muted);
      }

      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }

      .throttled {
        margin: 0.9rem 0 0;
        padding: 0.6rem 0.9rem;
        border-left: 4px solid var(--ms-danger);
        background: var(--ms-danger-soft);
        border-radius: 6px;
      }

      table {
        border-collapse: collapse;
        font-size: 0.85rem;
        width: 100%;
      }

      th,
      td {
        text-align: left;
        padding: 0.3rem 0.5rem;
        border-bottom: 1px solid var(--ms-border);
      }

      th {
        background: var(--ms-surface-raised);
      }

      .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }

      .mono {
        font-family: var(--ms-font-mono);
        font-size: 0.8rem;
        overflow-wrap: anywhere;
      }

      tr.in-finding td {
        font-weight: 600;
        background: var(--ms-accent-soft);
      }

      .columns {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: 1rem;
      }

      .mailboxes {
        max-height: 20rem;
        overflow: auto;
      }

      @media (max-width: 70rem) {
        .columns {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  @property({ attribute: false }) finding: Finding | undefined;
  @property({ attribute: false }) drillDown: DrillDown | undefined;
  @property({ attribute: false }) appNames: AppNames | undefined;

  /** Focuses the heading, so that a keyboard user who pressed Details lands on the panel. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  override render() {
    const { finding, drillDown } = this;
    if (!finding || !drillDown) {
      return nothing;
    }

    return html`
      <div class="panel" role="region" aria-labelledby="drill-down-heading">
        <div class="head">
          <h3 id="drill-down-heading" tabindex="-1">Records of ${revealBidiControls(drillDown.clientAppId)}</h3>
          <div>
            <button type="button" class="primary" @click=${this.onExport}>Export drill-down CSV</button>
            <button type="button" @click=${this.onClose}>Close details</button>
          </div>
        </div>
        <p class="subtitle">${renderAppName(drillDown.clientAppId, this.appNames)}</p>
        <p class="id">ClientInfoString: ${revealBidiControls(drillDown.clientInfoString)}</p>
        ${this.renderFacts(drillDown)} ${this.renderThrottled(drillDown)}
        <div class="columns">
          <div>${this.renderMailboxes(drillDown)}</div>
          <div>${this.renderActivity(drillDown.activity)}</div>
        </div>
        <h4>Records</h4>
        <mailsweep-drill-down-records .records=${drillDown.records} .appNames=${this.appNames}></mailsweep-drill-down-records>
      </div>
    `;
  }

  private renderFacts(drillDown: DrillDown) {
    return html`
      <dl>
        <div><dt>Window (UTC)</dt><dd>${formatUtcTime(drillDown.windowStart)} to ${formatUtcTime(drillDown.windowEnd)}</dd></div>
        <div><dt>First record</dt><dd data-fact="first">${formatUtcTime(drillDown.firstRecordTime)}</dd></div>
        <div><dt>Last record</dt><dd data-fact="last">${formatUtcTime(drillDown.lastRecordTime)}</dd></div>
        <div><dt>Records</dt><dd data-fact="records">${formatCount(drillDown.records.length)}</dd></div>
        <div><dt>Mailboxes (UserId and owner pairs)</dt><dd data-fact="mailboxes">${formatCount(drillDown.mailboxes.length)}</dd></div>
        <div><dt>Records with IsThrottled True</dt><dd data-fact="throttled">${formatCount(drillDown.throttledRecords)}</dd></div>
      </dl>
    `;
  }

  private renderThrottled(drillDown: DrillDown) {
    if (drillDown.throttledRecords === 0) {
      return nothing;
    }
    return html`
      <p class="throttled" role="note" data-throttled-warning>
        <strong>${plural(drillDown.throttledRecords, 'record has', 'records have')} IsThrottled = True.</strong>
        Exchange stopped logging Bind reads of those mailboxes for a while, so the application may have read more messages
        than these records show. The marked rows below are the throttled ones.
      </p>
    `;
  }

  private renderMailboxes(drillDown: DrillDown) {
    return html`
      <h4>Mailboxes</h4>
      <div class="mailboxes" role="region" aria-label="Mailboxes of this finding" tabindex="0">
        <table>
          <thead>
            <tr>
              <th scope="col">UserId</th>
              <th scope="col">MailboxOwnerUPN</th>
              <th scope="col" class="num">Records</th>
              <th scope="col" class="num">Throttled</th>
            </tr>
          </thead>
          <tbody>
            ${drillDown.mailboxes.map(
              (mailbox) => html`
                <tr data-mailbox>
                  <td class="mono">${mailbox.userId === undefined ? '–' : revealBidiControls(mailbox.userId)}</td>
                  <td class="mono">${mailbox.mailboxOwnerUpn === undefined ? '–' : revealBidiControls(mailbox.mailboxOwnerUpn)}</td>
                  <td class="num">${formatCount(mailbox.recordCount)}</td>
                  <td class="num">${formatCount(mailbox.throttledRecords)}</td>
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderActivity(activity: ActivityBin[]) {
    return html`
      <h4>The same application before and after</h4>
      <table data-activity>
        <caption class="visually-hidden">Records and distinct mailboxes of this ClientAppId per bin, over all its ClientInfoStrings. Bold rows overlap the finding.</caption>
        <thead>
          <tr>
            <th scope="col">Bin start (UTC)</th>
            <th scope="col" class="num">Records</th>
            <th scope="col" class="num">Mailboxes</th>
          </tr>
        </thead>
        <tbody>
          ${activity.map(
            (bin) => html`
              <tr class=${bin.inFinding ? 'in-finding' : ''} data-in-finding=${bin.inFinding ? 'true' : 'false'}>
                <td class="mono">${formatUtcTime(bin.binStart)}${bin.inFinding ? html`<span class="visually-hidden"> (in the finding)</span>` : nothing}</td>
                <td class="num">${formatCount(bin.records)}</td>
                <td class="num">${formatCount(bin.mailboxes)}</td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    `;
  }

  private readonly onExport = (): void => {
    if (this.finding) {
      this.dispatchEvent(exportRequestedEvent({ kind: 'drill-down-csv', finding: this.finding }));
    }
  };

  private readonly onClose = (): void => {
    this.dispatchEvent(new CustomEvent(DRILL_DOWN_CLOSED_EVENT, { bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-drill-down': DrillDownPanel;
  }
}
