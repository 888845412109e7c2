// Totals of a finished analysis: what was read, and how many records passed each detection filter.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

import type { AnalysisSummary, DetectionParams } from '../worker/worker-api.ts';
import { ESCU_DEFAULTS } from '../worker/worker-api.ts';
import { formatCount } from './format.ts';
import { textStyles } from './shared-styles.ts';

interface Total {
  label: string;
  value: number;
  hint: string;
}

function describeParams(params: DetectionParams): string {
  const minutes = params.spanSeconds / 60;
  const span = Number.isInteger(minutes) ? `${minutes}-minute` : `${params.spanSeconds}-second`;
  const isEscu = params.spanSeconds === ESCU_DEFAULTS.spanSeconds && params.threshold === ESCU_DEFAULTS.threshold;
  return (
    `A finding is a ${span} bin in which one application (ClientAppId and ClientInfoString) read more than ` +
    `${params.threshold} distinct mailboxes${isEscu ? ', as in the Splunk ESCU search' : ''}.`
  );
}

/** Input counts and the detection funnel of one analysis. */
@customElement('mailsweep-totals')
export class AnalysisTotals extends LitElement {
  static override styles = [
    textStyles,
    css`
      :host {
        display: block;
      }

      h3 {
        font-size: 0.95rem;
        margin: 1rem 0 0.5rem;
        color: var(--ms-muted);
        font-weight: 600;
      }

      dl {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: 0.5rem;
        margin: 0;
      }

      .total {
        border: 1px solid var(--ms-border);
        border-radius: 8px;
        padding: 0.6rem 0.8rem;
        background: var(--ms-surface);
      }

      dt {
        font-size: 0.85rem;
        color: var(--ms-muted);
      }

      .value {
        margin: 0.15rem 0 0;
        font-size: 1.35rem;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }

      .hint {
        margin: 0.2rem 0 0;
        font-size: 0.8rem;
        font-weight: normal;
        color: var(--ms-muted);
      }

      p {
        margin: 0.75rem 0 0;
      }
    `,
  ];

  @property({ attribute: false }) summary: AnalysisSummary | undefined;

  override render() {
    const summary = this.summary;
    if (!summary) {
      return nothing;
    }

    const input: Total[] = [
      { label: 'Records read', value: summary.recordsRead, hint: 'Audit records found in all files.' },
      { label: 'Duplicates removed', value: summary.duplicatesRemoved, hint: 'Records whose Id was already read.' },
      { label: 'Skipped', value: summary.skippedTotal, hint: 'Records that could not be read. See each file under Data quality.' },
      {
        label: 'Data-quality notices',
        value: summary.files.reduce((total, file) => total + file.notices.length, 0),
        hint: 'Observations about the files, such as missing fields or a capped export. See Data quality.',
      },
    ];
    const funnel: Total[] = [
      { label: 'MailItemsAccessed', value: summary.mailItemsAccessed, hint: 'Exchange MailItemsAccessed records, each Id counted once.' },
      { label: 'With app ids', value: summary.withAppIds, hint: '…that carry both AppId and ClientAppId.' },
      { label: 'Through Graph or EWS', value: summary.apiAccess, hint: '…that used Microsoft Graph or Exchange Web Services.' },
      { label: 'Findings', value: summary.findings, hint: 'Bins over the threshold.' },
    ];

    return html`
      <h3>Input</h3>
      <dl>${input.map((total) => this.renderTotal(total))}</dl>
      <h3>Detection</h3>
      <dl>${funnel.map((total) => this.renderTotal(total))}</dl>
      ${this.renderUngrouped(summary)}
      <p class="muted">${describeParams(summary.params)}</p>
    `;
  }

  private renderUngrouped(summary: AnalysisSummary) {
    const ungrouped = summary.apiAccess - summary.grouped;
    if (ungrouped <= 0) {
      return nothing;
    }
    return html`<p>
      ${formatCount(ungrouped)} of the Graph or EWS records have no ClientInfoString, so they belong to no bin
      and are not counted, as in Splunk.
    </p>`;
  }

  private renderTotal(total: Total) {
    return html`
      <div class="total">
        <dt>${total.label}</dt>
        <dd class="value">${formatCount(total.value)}</dd>
        <dd class="hint">${total.hint}</dd>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-totals': AnalysisTotals;
  }
}
