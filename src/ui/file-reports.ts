// One card per analysed file: its detected format, counts, skipped records by reason, and any
// problem with the file as a whole.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

import type { FileReport, SkipCount } from '../worker/worker-api.ts';
import { formatBytes, formatCount } from './format.ts';
import { encodingLabel, formatLabel, skipReasonExplanation, skipReasonTitle } from './report-text.ts';
import { textStyles } from './shared-styles.ts';

function describeLines(skip: SkipCount): string {
  if (skip.firstLines.length === 0) {
    return '';
  }
  const noun = skip.firstLines.length === 1 ? 'line' : 'lines';
  const more = skip.count > skip.firstLines.length ? ', …' : '';
  const prefix = skip.count > skip.firstLines.length ? 'starting at ' : 'at ';
  return ` ${prefix}${noun} ${skip.firstLines.join(', ')}${more}`;
}

/** Reports of the files of one analysis. */
@customElement('mailsweep-file-reports')
export class FileReports extends LitElement {
  static override styles = [
    textStyles,
    css`
      :host {
        display: block;
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
    `,
  ];

  @property({ attribute: false }) files: FileReport[] = [];

  override render() {
    return html`<div class="files">${this.files.map((file) => this.renderFile(file))}</div>`;
  }

  private renderFile(file: FileReport) {
    const format = file.format === 'unknown' ? formatLabel(file.format) : `${formatLabel(file.format)}, ${encodingLabel(file.encoding)}`;
    const skippedTotal = file.skipped.reduce((sum, skip) => sum + skip.count, 0);

    return html`
      <article>
        <h3>${file.name}</h3>
        <dl>
          <div><dt>Format</dt><dd>${format}</dd></div>
          <div><dt>Size</dt><dd>${formatBytes(file.sizeBytes)}</dd></div>
          <div><dt>Records read</dt><dd>${formatCount(file.recordsRead)}</dd></div>
          <div><dt>MailItemsAccessed (duplicates included)</dt><dd>${formatCount(file.mailItemsAccessed)}</dd></div>
          <div><dt>Duplicates removed</dt><dd>${formatCount(file.duplicatesRemoved)}</dd></div>
          <div><dt>Skipped</dt><dd>${formatCount(skippedTotal)}</dd></div>
        </dl>
        ${file.error ? html`<p class="error"><strong>Problem with this file:</strong> ${file.error}</p>` : nothing}
        ${file.skipped.length > 0 ? html`<ul class="skipped">${file.skipped.map((skip) => this.renderSkip(skip))}</ul>` : nothing}
      </article>
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
