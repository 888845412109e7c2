// One card per analysed file: its detected format, counts, time range, data-quality notices,
// skipped records by reason, and any problem with the file as a whole.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

import type { FileNotice, FileNoticeCode, FileReport, SkipCount } from '../worker/worker-api.ts';
import { formatBytes, formatCount, formatUtcTime } from './format.ts';
import { encodingLabel, formatLabel, skipReasonExplanation, skipReasonTitle } from './report-text.ts';
import { textStyles } from './shared-styles.ts';

function describeLines(skip: SkipCount): string {
  if (skip.firstLines.length === 0) {
    return '';
  }
  const noun = skip.firstLines.length === 1 ? 'line' : 'lines';
  const more = skip.count > skip.firstLines.length ? ' and others' : '';
  const prefix = skip.count > skip.firstLines.length ? 'starting at ' : 'at ';
  return ` ${prefix}${noun} ${skip.firstLines.join(', ')}${more}`;
}

/** 'warning' for notices that can hide or distort findings, 'info' for how the file was read. */
type NoticeLevel = 'warning' | 'info';

const NOTICE_DISPLAY: Record<FileNoticeCode, { title: string; level: NoticeLevel }> = {
  'not-audit-records': { title: 'Not audit records', level: 'warning' },
  'missing-fields': { title: 'Detection fields missing', level: 'warning' },
  'capped-export': { title: 'Export may be capped', level: 'warning' },
  'result-count-exceeds-rows': { title: 'Export incomplete', level: 'warning' },
  'audit-data-truncated': { title: 'AuditData cut short', level: 'warning' },
  'day-month-ambiguous': { title: 'Day and month order uncertain', level: 'warning' },
  'time-gap': { title: 'Gaps in time', level: 'warning' },
  'encoding-fallback': { title: 'Read as Windows-1252', level: 'info' },
  'fallback-time': { title: "Times from the export's date column", level: 'info' },
};

function describeTimeRange(file: FileReport): string | undefined {
  if (file.firstRecordTime === undefined || file.lastRecordTime === undefined) {
    return undefined;
  }
  return `${formatUtcTime(file.firstRecordTime)} to ${formatUtcTime(file.lastRecordTime)}`;
}

/** Reports of the files of one analysis. */
@customElement('mailsweep-file-reports')
export class FileReports extends LitElement {
  static override styles = [
    textStyles,
    css`
      :host {
        display: block;
        --notice-warning: #8a5300;
        --notice-warning-soft: #fdf1dc;
      }

      @media (prefers-color-scheme: dark) {
        :host {
          --notice-warning: #f0c074;
          --notice-warning-soft: #35290f;
        }
      }

      .files {
        display: grid;
        gap: 0.75rem;
      }

      article {
        border: 1px solid var(--ms-border);
        border-radius: 10px;
        padding: 0.9rem 1.1rem;
        background: var(--ms-surface);
      }

      h3 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
        overflow-wrap: anywhere;
      }

      dl {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem 1.5rem;
        margin: 0;
      }

      dl div {
        display: flex;
        gap: 0.4rem;
      }

      dt {
        color: var(--ms-muted);
      }

      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }

      .error {
        margin: 0.75rem 0 0;
        padding: 0.6rem 0.8rem;
        border-left: 4px solid var(--ms-danger);
        background: var(--ms-danger-soft);
        border-radius: 4px;
      }

      ul {
        margin: 0.75rem 0 0;
        padding-left: 1.2rem;
      }

      li + li {
        margin-top: 0.35rem;
      }

      .notices {
        list-style: none;
        padding: 0;
      }

      .notice {
        padding: 0.5rem 0.75rem;
        border-left: 4px solid var(--ms-accent);
        background: var(--ms-accent-soft);
        border-radius: 4px;
      }

      .notice.warning {
        border-left-color: var(--notice-warning);
        background: var(--notice-warning-soft);
      }

      .level {
        font-size: 0.8rem;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.03em;
        margin-right: 0.4rem;
      }

      .notice.warning .level {
        color: var(--notice-warning);
      }
    `,
  ];

  @property({ attribute: false }) files: FileReport[] = [];

  override render() {
    return html`<div class="files">${this.files.map((file) => this.renderFile(file))}</div>`;
  }

  private renderFile(file: FileReport) {
    const format = file.format === 'unknown' ? formatLabel(file.format) : `${formatLabel(file.format)}, ${encodingLabel(file.encoding)}`;
    const skippedTotal = file.skipped.reduce((sum, skip) => sum + skip.count, 0);
    const timeRange = describeTimeRange(file);

    return html`
      <article data-file=${file.name}>
        <h3>${file.name}</h3>
        <dl>
          <div><dt>Format</dt><dd>${format}</dd></div>
          <div><dt>Size</dt><dd>${formatBytes(file.sizeBytes)}</dd></div>
          <div><dt>Records read</dt><dd>${formatCount(file.recordsRead)}</dd></div>
          <div><dt>MailItemsAccessed (duplicates included)</dt><dd>${formatCount(file.mailItemsAccessed)}</dd></div>
          <div><dt>Duplicates removed</dt><dd>${formatCount(file.duplicatesRemoved)}</dd></div>
          <div><dt>Skipped</dt><dd>${formatCount(skippedTotal)}</dd></div>
          <div><dt>Records from (UTC)</dt><dd class="time-range">${timeRange ?? 'no timed records'}</dd></div>
        </dl>
        ${file.error ? html`<p class="error"><strong>Problem with this file:</strong> ${file.error}</p>` : nothing}
        ${file.notices.length > 0 ? html`<ul class="notices">${file.notices.map((notice) => this.renderNotice(notice))}</ul>` : nothing}
        ${file.skipped.length > 0 ? html`<ul class="skipped">${file.skipped.map((skip) => this.renderSkip(skip))}</ul>` : nothing}
      </article>
    `;
  }

  private renderNotice(notice: FileNotice) {
    const { title, level } = NOTICE_DISPLAY[notice.code];
    return html`
      <li class="notice ${level}" data-code=${notice.code}>
        <span class="level">${level === 'warning' ? 'Warning' : 'Note'}</span><strong>${title}.</strong> ${notice.message}
      </li>
    `;
  }

  private renderSkip(skip: SkipCount) {
    const records = skip.count === 1 ? 'record' : 'records';
    return html`
      <li>
        <strong>${skipReasonTitle(skip.reason)}</strong>: ${formatCount(skip.count)} ${records}${describeLines(skip)}.
        <span class="muted">${skipReasonExplanation(skip.reason)}</span>
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-file-reports': FileReports;
  }
}
