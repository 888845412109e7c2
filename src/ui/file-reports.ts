// The data-quality report of one analysis. Files with a problem, skipped records or notices each get
// a card, files with warnings first. Files read cleanly share one compact table. Long lists of cards
// or rows start collapsed, so that the findings below stay within reach after a drop of many files.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';

import type { FileNotice, FileNoticeCode, FileReport, SkipCount } from '../worker/worker-api.ts';
import { formatBytes, formatCount, formatUtcTime } from './format.ts';
import { revealBidiControls } from './reveal-bidi.ts';
import { encodingLabel, formatLabel, skipReasonExplanation, skipReasonTitle } from './report-text.ts';
import { textStyles } from './shared-styles.ts';

/**
 * Describes where skipped records start: " at lines 4, 9", or ", first seen at line 1" when there
 * are more records than lines. `firstLines` lists a line once, however many records start on it,
 * and only the first few lines.
 */
function describeLines(skip: SkipCount): string {
  const lines = skip.firstLines;
  if (lines.length === 0) {
    return '';
  }
  const where = `${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}`;
  return skip.count === lines.length ? ` at ${where}` : `, first seen at ${where}`;
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

/** Renders a file's time range with each time kept on one line. */
function renderTimeRange(file: FileReport) {
  if (file.firstRecordTime === undefined || file.lastRecordTime === undefined) {
    return 'no timed records';
  }
  return html`<span class="nowrap">${formatUtcTime(file.firstRecordTime)}</span> to <span class="nowrap">${formatUtcTime(file.lastRecordTime)}</span>`;
}

function countSkipped(file: FileReport): number {
  return file.skipped.reduce((sum, skip) => sum + skip.count, 0);
}

/** True when the file has a problem, skipped records or a warning, any of which can change the findings. */
function hasWarnings(file: FileReport): boolean {
  return file.error !== undefined || countSkipped(file) > 0 || file.notices.some((notice) => NOTICE_DISPLAY[notice.code].level === 'warning');
}

/** True when the file has anything to report beyond its counts, so it gets a card of its own. */
function needsCard(file: FileReport): boolean {
  return file.error !== undefined || countSkipped(file) > 0 || file.notices.length > 0;
}

/** File names in the order people sort them: `user2.csv` before `user10.csv`. */
const fileNameOrder = new Intl.Collator('en', { numeric: true });

function byName(left: FileReport, right: FileReport): number {
  return fileNameOrder.compare(left.name, right.name);
}

/** Maximum of clean files whose table starts open. A longer table starts collapsed. */
const MAX_OPEN_CLEAN_FILES = 10;

/**
 * Maximum of cards shown open. More start collapsed under a summary of their kinds. A card with one
 * long warning is about 250 px high in a 1280 px wide Chromium window, so four keep the findings
 * within two 900 px screens.
 */
const MAX_OPEN_CARDS = 4;

interface FileGroups {
  /** Files with warnings, then files with notes only, each group by name. */
  cards: FileReport[];
  warned: number;
  /** Files read cleanly, by name. */
  clean: FileReport[];
}

function groupFiles(files: readonly FileReport[]): FileGroups {
  const warned = files.filter(hasWarnings).sort(byName);
  const notesOnly = files.filter((file) => needsCard(file) && !hasWarnings(file)).sort(byName);
  const clean = files.filter((file) => !needsCard(file)).sort(byName);
  return { cards: [...warned, ...notesOnly], warned: warned.length, clean };
}

function countFiles(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'file' : 'files'}`;
}

/** Describes how many files have warnings, notes only, or nothing to report. */
function describeOverview(groups: FileGroups): string {
  const total = groups.cards.length + groups.clean.length;
  const notesOnly = groups.cards.length - groups.warned;
  const sentences: string[] = [];

  if (groups.warned === 0) {
    sentences.push(total === 1 ? 'The file has no warnings.' : `None of the ${countFiles(total)} has warnings.`);
  } else {
    sentences.push(`${formatCount(groups.warned)} of ${countFiles(total)} ${groups.warned === 1 ? 'has' : 'have'} warnings.`);
  }

  if (notesOnly > 0) {
    sentences.push(`${countFiles(notesOnly)} ${notesOnly === 1 ? 'has' : 'have'} notes only.`);
  }

  if (groups.clean.length > 0) {
    sentences.push(`${countFiles(groups.clean.length)} read cleanly.`);
  }
  return sentences.join(' ');
}

/** Names what a card reports: the problem with the file, each skip reason and each notice. */
function listKinds(file: FileReport): string[] {
  const kinds = file.error === undefined ? [] : ['Problem with the file'];
  kinds.push(...file.skipped.filter((skip) => skip.count > 0).map((skip) => skipReasonTitle(skip.reason)));
  kinds.push(...file.notices.map((notice) => NOTICE_DISPLAY[notice.code].title));
  return kinds;
}

/** Describes the collapsed cards, such as "10 files with warnings: Detection fields missing (9), Invalid JSON (1)". */
function describeCards(groups: FileGroups): string {
  const filesPerKind = new Map<string, number>();
  for (const file of groups.cards) {
    for (const kind of new Set(listKinds(file))) {
      filesPerKind.set(kind, (filesPerKind.get(kind) ?? 0) + 1);
    }
  }

  const what = groups.warned === groups.cards.length ? 'warnings' : 'warnings or notes';
  const kinds = [...filesPerKind].map(([kind, count]) => `${kind} (${formatCount(count)})`).join(', ');
  return `${countFiles(groups.cards.length)} with ${what}: ${kinds}`;
}

function describeFormat(file: FileReport): string {
  return file.format === 'unknown' ? formatLabel(file.format) : `${formatLabel(file.format)}, ${encodingLabel(file.encoding)}`;
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

      .overview {
        margin: 0 0 0.75rem;
      }

      .overview.warned {
        font-weight: 600;
        color: var(--notice-warning);
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

      article.warned {
        border-left: 4px solid var(--notice-warning);
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

      .nowrap {
        white-space: nowrap;
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

      details {
        border: 1px solid var(--ms-border);
        border-radius: 10px;
        background: var(--ms-surface);
      }

      details.cards {
        border-left: 4px solid var(--notice-warning);
      }

      details.cards[open] > .files {
        padding: 0 0.75rem 0.75rem;
      }

      .files + details,
      details + details {
        margin-top: 0.75rem;
      }

      summary {
        padding: 0.6rem 1.1rem;
        cursor: pointer;
        font-weight: 600;
      }

      summary:focus-visible {
        outline: 3px solid var(--ms-focus);
        outline-offset: 2px;
      }

      .scroll {
        overflow-x: auto;
        border-top: 1px solid var(--ms-border);
      }

      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 0.88rem;
      }

      th,
      td {
        padding: 0.35rem 0.6rem;
        text-align: left;
        vertical-align: top;
        border-bottom: 1px solid var(--ms-border);
      }

      thead th {
        color: var(--ms-muted);
        font-weight: 600;
        background: var(--ms-surface-raised);
      }

      tbody th {
        font-weight: 500;
        overflow-wrap: break-word;
        min-width: 12rem;
      }

      tbody tr:last-child > * {
        border-bottom: 0;
      }

      .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }

      td.time-range {
        font-family: var(--ms-font-mono);
        font-size: 0.82rem;
      }
    `,
  ];

  @property({ attribute: false }) files: FileReport[] = [];

  override render() {
    const groups = groupFiles(this.files);
    return html`
      <p class="overview ${groups.warned > 0 ? 'warned' : ''}">${describeOverview(groups)}</p>
      ${groups.cards.length > 0 ? this.renderCards(groups) : nothing}
      ${groups.clean.length > 0 ? this.renderCleanFiles(groups.clean) : nothing}
    `;
  }

  /** Renders the cards, collapsed under a summary of their kinds when there are many. */
  private renderCards(groups: FileGroups) {
    const cards = html`<div class="files">${groups.cards.map((file) => this.renderCard(file))}</div>`;
    if (groups.cards.length <= MAX_OPEN_CARDS) {
      return cards;
    }

    return html`
      <details class="cards" .open=${live(false)}>
        <summary>${describeCards(groups)}</summary>
        ${cards}
      </details>
    `;
  }

  private renderCard(file: FileReport) {
    return html`
      <article data-file=${file.name} class=${hasWarnings(file) ? 'warned' : 'noted'}>
        <h3 class="file-name">${revealBidiControls(file.name)}</h3>
        <dl>
          <div><dt>Format</dt><dd data-fact="format">${describeFormat(file)}</dd></div>
          <div><dt>Size</dt><dd data-fact="size">${formatBytes(file.sizeBytes)}</dd></div>
          <div><dt>Records read</dt><dd data-fact="recordsRead">${formatCount(file.recordsRead)}</dd></div>
          <div><dt>MailItemsAccessed (duplicates included)</dt><dd data-fact="mailItemsAccessed">${formatCount(file.mailItemsAccessed)}</dd></div>
          <div><dt>Duplicates removed</dt><dd data-fact="duplicatesRemoved">${formatCount(file.duplicatesRemoved)}</dd></div>
          <div><dt>Skipped</dt><dd data-fact="skipped">${formatCount(countSkipped(file))}</dd></div>
          <div><dt>Records from (UTC)</dt><dd class="time-range" data-fact="timeRange">${renderTimeRange(file)}</dd></div>
        </dl>
        ${file.error ? html`<p class="error"><strong>Problem with this file:</strong> ${revealBidiControls(file.error)}</p>` : nothing}
        ${file.notices.length > 0 ? html`<ul class="notices">${file.notices.map((notice) => this.renderNotice(notice))}</ul>` : nothing}
        ${file.skipped.length > 0 ? html`<ul class="skipped">${file.skipped.map((skip) => this.renderSkip(skip))}</ul>` : nothing}
      </article>
    `;
  }

  /**
   * Renders the files without notices, errors or skipped records as one table. Every render sets the
   * open state, and renders happen only when the files change, so each analysis starts from the default.
   */
  private renderCleanFiles(clean: FileReport[]) {
    const open = clean.length <= MAX_OPEN_CLEAN_FILES;
    return html`
      <details class="clean" .open=${live(open)}>
        <summary>${countFiles(clean.length)} read cleanly</summary>
        <div class="scroll">
          <table>
            <caption class="visually-hidden">Files read without notices, errors or skipped records. MailItemsAccessed includes duplicates. Times are UTC.</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Format</th>
                <th scope="col">Encoding</th>
                <th scope="col" class="num">Size</th>
                <th scope="col" class="num">Records read</th>
                <th scope="col" class="num">MailItemsAccessed</th>
                <th scope="col" class="num">Duplicates removed</th>
                <th scope="col">Records from (UTC)</th>
              </tr>
            </thead>
            <tbody>
              ${clean.map((file) => this.renderCleanRow(file))}
            </tbody>
          </table>
        </div>
      </details>
    `;
  }

  private renderCleanRow(file: FileReport) {
    return html`
      <tr data-file=${file.name}>
        <th scope="row" class="file-name">${revealBidiControls(file.name)}</th>
        <td data-fact="format">${formatLabel(file.format)}</td>
        <td data-fact="encoding">${encodingLabel(file.encoding)}</td>
        <td class="num" data-fact="size">${formatBytes(file.sizeBytes)}</td>
        <td class="num" data-fact="recordsRead">${formatCount(file.recordsRead)}</td>
        <td class="num" data-fact="mailItemsAccessed">${formatCount(file.mailItemsAccessed)}</td>
        <td class="num" data-fact="duplicatesRemoved">${formatCount(file.duplicatesRemoved)}</td>
        <td class="time-range" data-fact="timeRange">${renderTimeRange(file)}</td>
      </tr>
    `;
  }

  private renderNotice(notice: FileNotice) {
    const { title, level } = NOTICE_DISPLAY[notice.code];
    return html`
      <li class="notice ${level}" data-code=${notice.code}>
        <span class="level">${level === 'warning' ? 'Warning' : 'Note'}</span><strong>${title}.</strong> ${revealBidiControls(notice.message)}
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
