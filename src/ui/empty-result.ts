// Explanation of an analysis without findings, from the earliest filter that removed every record.
import { LitElement, css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';

import type { AnalysisSummary, EmptyReason } from '../worker/worker-api.ts';
import { formatCount } from './format.ts';
import { textStyles } from './shared-styles.ts';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const EWS_CLIENT_INFO_PREFIX = 'Client=WebServices;ExchangeWebServices';

function plural(count: number, singular: string, pluralForm: string): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

function describeClosestGroup(summary: AnalysisSummary): string {
  const reached = `${formatCount(summary.maxUniqueMailboxes)} distinct ${summary.maxUniqueMailboxes === 1 ? 'mailbox' : 'mailboxes'}`;
  if (summary.groups === 1) {
    return `The only group reached ${reached}.`;
  }
  return `The closest of the ${formatCount(summary.groups)} groups reached ${reached}.`;
}

function describeSpan(spanSeconds: number): string {
  const minutes = spanSeconds / 60;
  return Number.isInteger(minutes) ? `${minutes}-minute` : `${spanSeconds}-second`;
}

function explain(reason: EmptyReason, summary: AnalysisSummary): { headline: string; details: TemplateResult } {
  switch (reason) {
    case 'no-records':
      return {
        headline:
          summary.skippedTotal > 0
            ? `No readable audit records were found: ${plural(summary.skippedTotal, 'record was', 'records were')} skipped, as the data-quality report above explains.`
            : 'No audit records were found in the selected files.',
        details: html`<p>
          Mailsweep reads unified audit log exports: Purview and Search-UnifiedAuditLog CSVs, Management Activity
          API JSON, collector output, and Graph, Sentinel, Defender, Splunk and Elastic exports of the same records.
          The report of each file below says which format was detected and what could not be read.
        </p>`,
      };

    case 'no-mail-items-accessed':
      return {
        headline: `The ${summary.files.length === 1 ? 'file holds' : 'files hold'} ${plural(summary.recordsRead, 'audit record', 'audit records')}, but none is an Exchange MailItemsAccessed event, the only event this detection reads.`,
        details: html`<p>
          Exchange writes MailItemsAccessed only when the tenant's licences and mailbox audit settings allow it. It
          began as an Audit (Premium) event (Microsoft 365 E5 or an E5 Compliance add-on), and Microsoft started
          extending it to Audit (Standard) in 2023. Check that the users are licensed, that the mailbox audit actions
          (AuditOwner, AuditDelegate, AuditAdmin) include MailItemsAccessed, and that the export was not limited to
          other operations.
        </p>`,
      };

    case 'no-app-ids':
      return {
        headline: `${plural(summary.mailItemsAccessed, 'MailItemsAccessed record was', 'MailItemsAccessed records were')} found, but none carries both AppId and ClientAppId.`,
        details: html`<p>
          That is what ordinary mailbox use in Outlook or Outlook on the web looks like. The detection considers only
          reads made by an OAuth application, whose records carry both ids.
        </p>`,
      };

    case 'no-api-access':
      return {
        headline: `${plural(summary.withAppIds, 'MailItemsAccessed record carries', 'MailItemsAccessed records carry')} app ids, but none went through Microsoft Graph or Exchange Web Services.`,
        details: html`<p>
          The detection keeps a record when its AppId is <span class="mono">${GRAPH_APP_ID}</span> (Microsoft Graph)
          or its ClientInfoString starts with <span class="mono">${EWS_CLIENT_INFO_PREFIX}</span> (EWS).
        </p>`,
      };

    case 'below-threshold': {
      const span = describeSpan(summary.params.spanSeconds);
      return {
        headline: `${plural(summary.apiAccess, 'record read', 'records read')} mail through Graph or EWS, but in no ${span} bin did one application read more than ${formatCount(summary.params.threshold)} distinct mailboxes.`,
        details: html`<p>
          A finding needs at least ${formatCount(summary.params.threshold + 1)} distinct mailboxes (UserId values)
          read by the same ClientAppId and ClientInfoString within one ${span} bin. ${describeClosestGroup(summary)}
        </p>`,
      };
    }
  }
}

/** The "no findings" panel. */
@customElement('mailsweep-empty-result')
export class EmptyResult extends LitElement {
  static override styles = [
    textStyles,
    css`
      :host {
        display: block;
      }

      .panel {
        border: 1px solid var(--ms-border);
        border-left: 4px solid var(--ms-accent);
        border-radius: 8px;
        padding: 0.9rem 1.1rem;
        background: var(--ms-surface);
      }

      .caveat {
        font-weight: 600;
      }

      .headline {
        margin: 0;
        font-weight: 600;
      }

      p {
        margin: 0.5rem 0 0;
      }

      .mono {
        overflow-wrap: anywhere;
      }
    `,
  ];

  @property({ attribute: false }) summary: AnalysisSummary | undefined;

  override render() {
    const summary = this.summary;
    if (!summary?.emptyReason) {
      return nothing;
    }

    const { headline, details } = explain(summary.emptyReason, summary);
    // Skipped records were never counted, so they could have changed any stage after 'no-records'.
    const skippedCaveat =
      summary.emptyReason !== 'no-records' && summary.skippedTotal > 0
        ? html`<p class="caveat">
            ${plural(summary.skippedTotal, 'record was', 'records were')} skipped and could change this result. The data
            quality report says why and where.
          </p>`
        : nothing;
    return html`
      <div class="panel" data-reason=${summary.emptyReason}>
        <p class="headline">${headline}</p>
        ${details} ${skippedCaveat}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-empty-result': EmptyResult;
  }
}
