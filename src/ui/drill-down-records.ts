// The records behind one finding, one row per audit record. Rows with IsThrottled True are marked,
// because Exchange had stopped logging that mailbox's Bind reads and the record undercounts.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { AppNames, DrillDownRecord } from '../worker/worker-api.ts';
import { UNKNOWN_APP_TEXT } from './app-name.ts';
import { formatCount, formatUtcTime } from './format.ts';
import { revealBidiControls } from './reveal-bidi.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';

/** Rows shown at first and added per "Show more", so that a finding of a few thousand records stays responsive. */
const ROWS_PER_PAGE = 100;

function renderOptional(value: string | number | undefined) {
  if (value === undefined) {
    return html`<span class="muted">–</span>`;
  }
  return typeof value === 'number' ? formatCount(value) : revealBidiControls(value);
}

function renderThrottled(record: DrillDownRecord) {
  if (record.isThrottled === undefined) {
    return html`<span class="muted">–</span>`;
  }
  return record.isThrottled ? html`<strong class="throttled-flag">True</strong>` : 'False';
}

/** Table of a finding's records. */
@customElement('mailsweep-drill-down-records')
export class DrillDownRecords extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    css`
      :host {
        display: block;
      }

      .scroll {
        overflow: auto;
        max-height: 32rem;
        border: 1px solid var(--ms-border);
        border-radius: 8px;
      }

      table {
        border-collapse: separate;
        border-spacing: 0;
        width: 100%;
        font-size: 0.85rem;
      }

      caption {
        text-align: left;
        padding: 0.4rem 0.6rem;
        color: var(--ms-muted);
      }

      th {
        position: sticky;
        top: 0;
        background: var(--ms-surface-raised);
        text-align: left;
        padding: 0.4rem 0.5rem;
        border-bottom: 1px solid var(--ms-border-strong);
        white-space: nowrap;
      }

      td {
        padding: 0.35rem 0.5rem;
        border-bottom: 1px solid var(--ms-border);
        vertical-align: top;
      }

      .mono {
        font-family: var(--ms-font-mono);
        font-size: 0.8rem;
      }

      .time {
        white-space: nowrap;
      }

      .wrap {
        overflow-wrap: anywhere;
        min-width: 8rem;
      }

      .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }

      tr.throttled td {
        background: var(--ms-danger-soft);
      }

      .throttled-flag {
        color: var(--ms-danger);
      }

      .folders {
        margin: 0;
        padding: 0;
        list-style: none;
      }

      .more {
        margin-top: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) records: DrillDownRecord[] = [];
  @property({ attribute: false }) appNames: AppNames | undefined;

  @state() private visibleCount = ROWS_PER_PAGE;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('records')) {
      this.visibleCount = ROWS_PER_PAGE;
    }
  }

  override render() {
    const visible = this.records.slice(0, this.visibleCount);
    const hidden = this.records.length - visible.length;
    return html`
      <div class="scroll" role="region" aria-labelledby="records-caption" tabindex="0">
        <table>
          <caption id="records-caption">
            ${formatCount(this.records.length)} ${this.records.length === 1 ? 'record' : 'records'} in time order. Times are UTC.
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">UserId</th>
              <th scope="col">MailboxOwnerUPN</th>
              <th scope="col">Client IP</th>
              <th scope="col">AppId</th>
              <th scope="col">MailAccessType</th>
              <th scope="col">OperationCount</th>
              <th scope="col">IsThrottled</th>
              <th scope="col">Folders</th>
              <th scope="col">Message-id count</th>
            </tr>
          </thead>
          <tbody>
            ${visible.map((record) => this.renderRecord(record))}
          </tbody>
        </table>
      </div>
      ${hidden > 0
        ? html`<button type="button" class="more" @click=${this.showMore}>
            Show ${formatCount(Math.min(hidden, ROWS_PER_PAGE))} more records (${formatCount(hidden)} not shown)
          </button>`
        : nothing}
    `;
  }

  private renderRecord(record: DrillDownRecord) {
    const appName = record.appId === undefined ? undefined : this.appNames?.[record.appId];
    return html`
      <tr class=${record.isThrottled === true ? 'throttled' : ''} data-throttled=${record.isThrottled === true ? 'true' : 'false'}>
        <td class="time mono">${formatUtcTime(record.time)}</td>
        <td class="wrap mono">${renderOptional(record.userId)}</td>
        <td class="wrap mono">${renderOptional(record.mailboxOwnerUpn)}</td>
        <td class="mono">${renderOptional(record.clientIp)}</td>
        <td class="wrap">
          <span class="mono">${renderOptional(record.appId)}</span>
          ${appName ? html`<br /><span class="muted">${appName.known ? revealBidiControls(appName.name) : UNKNOWN_APP_TEXT}</span>` : nothing}
        </td>
        <td>${renderOptional(record.mailAccessType)}</td>
        <td class="num">${renderOptional(record.operationCount)}</td>
        <td>${renderThrottled(record)}</td>
        <td class="wrap mono">
          ${record.folderPaths.length === 0
            ? html`<span class="muted">–</span>`
            : html`<ul class="folders">
                ${record.folderPaths.map((path) => html`<li>${revealBidiControls(path)}</li>`)}
              </ul>`}
        </td>
        <td class="num">${renderOptional(record.messageIdCount)}</td>
      </tr>
    `;
  }

  private readonly showMore = (): void => {
    this.visibleCount += ROWS_PER_PAGE;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-drill-down-records': DrillDownRecords;
  }
}
