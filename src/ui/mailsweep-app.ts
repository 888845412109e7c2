// Root element: takes files from the drop zone or the sample button, runs the analysis in the worker,
// and shows progress, then the data-quality report of each file, the findings and the totals. It also
// publishes its state on <html data-mailsweep-state> for automation: idle, running, done or error.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';

import sampleExportText from '../sample/sample-purview-export.csv?raw';
import { ESCU_DEFAULTS } from '../worker/worker-api.ts';
import type { AnalysisProgress, AnalysisResult } from '../worker/worker-api.ts';
import { AnalysisCancelledError, AnalysisClient } from '../worker/worker-client.ts';
import { downloadText } from './download-text.ts';
import { formatCount, formatFileNameTimestamp } from './format.ts';
import { waitForRender } from './wait-for-render.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';
import type { FilesChosenDetail } from './ui-events.ts';
import './analysis-progress.ts';
import './analysis-totals.ts';
import './drop-zone.ts';
import './empty-result.ts';
import './file-reports.ts';
import './findings-table.ts';

export type AppState = 'idle' | 'running' | 'done' | 'error';

interface Notice {
  kind: 'error' | 'info';
  text: string;
}

const SAMPLE_FILE_NAME = 'sample-purview-export.csv';

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The whole Mailsweep page. */
@customElement('mailsweep-app')
export class MailsweepApp extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    css`
      :host {
        display: block;
        max-width: 96rem;
        margin: 0 auto;
        padding: 1.5rem 1.25rem 3rem;
      }

      header h1 {
        margin: 0;
        font-size: 1.6rem;
        letter-spacing: -0.01em;
      }

      header p {
        margin: 0.35rem 0 1.25rem;
        max-width: 52rem;
      }

      .input {
        display: grid;
        gap: 0.75rem;
      }

      .sample {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 0.75rem;
      }

      section {
        margin-top: 1.75rem;
      }

      h2 {
        font-size: 1.2rem;
        margin: 0 0 0.75rem;
      }

      .section-head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        margin-bottom: 0.75rem;
      }

      .section-head h2 {
        margin: 0;
      }

      .notice {
        margin: 1rem 0 0;
        padding: 0.7rem 0.9rem;
        border-radius: 8px;
        border-left: 4px solid var(--ms-accent);
        background: var(--ms-accent-soft);
      }

      .notice.error {
        border-left-color: var(--ms-danger);
        background: var(--ms-danger-soft);
      }

      mailsweep-progress {
        margin-top: 1rem;
      }
    `,
  ];

  @state() private appState: AppState = 'idle';
  @state() private progress: AnalysisProgress | undefined;
  @state() private startedAt = 0;
  @state() private cancelling = false;
  @state() private result: AnalysisResult | undefined;
  @state() private notice: Notice | undefined;
  @state() private exporting = false;
  @state() private exportingQuality = false;

  readonly #client = new AnalysisClient();
  #publishedStateVersion = 0;
  #runNumber = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('dragover', this.#onWindowDragOver);
    window.addEventListener('drop', this.#onWindowDrop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('dragover', this.#onWindowDragOver);
    window.removeEventListener('drop', this.#onWindowDrop);
    this.#client.dispose();
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('appState')) {
      void this.#publishState(this.appState);
    }
  }

  override render() {
    const running = this.appState === 'running';
    return html`
      <header>
        <h1>Mailsweep</h1>
        <p class="muted">
          Finds OAuth applications that read many mailboxes through Microsoft Graph or Exchange Web Services, in Office
          365 unified audit log exports. It runs the Splunk ESCU search "O365 Multiple Mailboxes Accessed via API"
          (MITRE ATT&CK T1114.002) entirely in this browser: nothing is uploaded.
        </p>
      </header>

      <div class="input">
        <mailsweep-drop-zone ?disabled=${running} @mailsweep-files-chosen=${this.onFilesChosen}></mailsweep-drop-zone>
        <div class="sample">
          <button type="button" ?disabled=${running} @click=${this.onTrySample}>Try a sample</button>
          <span class="muted">A small synthetic Purview export in which two applications each read many mailboxes.</span>
        </div>
      </div>

      ${running
        ? html`<mailsweep-progress
            .progress=${this.progress}
            .startedAt=${this.startedAt}
            ?cancelling=${this.cancelling}
            @mailsweep-cancel-requested=${this.onCancelRequested}
          ></mailsweep-progress>`
        : nothing}
      ${this.notice
        ? html`<p class="notice ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'}>${this.notice.text}</p>`
        : nothing}
      <p class="visually-hidden" role="status">${this.announcement()}</p>
      ${this.result ? this.renderResult(this.result) : nothing}
    `;
  }

  /** Returns the text for screen readers when the analysis starts or finishes. Errors use the alert instead. */
  private announcement(): string {
    if (this.appState === 'running') {
      return 'Analysis started.';
    }
    if (this.appState === 'done' && this.result) {
      const findings = this.result.summary.findings;
      return `Analysis finished: ${formatCount(findings)} ${findings === 1 ? 'finding' : 'findings'}.`;
    }
    return '';
  }

  private renderResult(result: AnalysisResult) {
    const { summary, findings } = result;
    const findingsNoun = summary.findings === 1 ? 'finding' : 'findings';

    // The data-quality report comes first: a capped or incomplete export changes what the findings mean.
    return html`
      <section aria-labelledby="files-heading">
        <div class="section-head">
          <h2 id="files-heading">Data quality</h2>
          <button type="button" ?disabled=${this.exportingQuality} @click=${this.onExportDataQuality}>
            Export data-quality report
          </button>
        </div>
        <mailsweep-file-reports .files=${summary.files}></mailsweep-file-reports>
      </section>

      <section aria-labelledby="findings-heading">
        <div class="section-head">
          <h2 id="findings-heading">${formatCount(summary.findings)} ${findingsNoun}</h2>
          ${findings.length > 0
            ? html`<button type="button" class="primary" ?disabled=${this.exporting} @click=${this.onExportCsv}>
                Export CSV
              </button>`
            : nothing}
        </div>
        ${findings.length > 0
          ? html`<mailsweep-findings-table .findings=${findings}></mailsweep-findings-table>`
          : html`<mailsweep-empty-result .summary=${summary}></mailsweep-empty-result>`}
      </section>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <mailsweep-totals .summary=${summary}></mailsweep-totals>
      </section>
    `;
  }

  private readonly onFilesChosen = (event: CustomEvent<FilesChosenDetail>): void => {
    void this.analyze(event.detail.files, event.detail.notes);
  };

  private readonly onTrySample = (): void => {
    const sample = new File([sampleExportText], SAMPLE_FILE_NAME, { type: 'text/csv' });
    void this.analyze([sample], []);
  };

  private readonly onCancelRequested = (): void => {
    this.cancelling = true;
    this.#client.cancel();
  };

  private readonly onExportCsv = async (): Promise<void> => {
    this.exporting = true;
    try {
      const csv = await this.#client.exportFindingsCsv();
      downloadText(csv, `mailsweep-findings-${formatFileNameTimestamp(new Date())}.csv`, 'text/csv;charset=utf-8');
    } catch (error) {
      this.notice = { kind: 'error', text: `The CSV export failed: ${describeError(error)}` };
    } finally {
      this.exporting = false;
    }
  };

  private readonly onExportDataQuality = async (): Promise<void> => {
    this.exportingQuality = true;
    try {
      const csv = await this.#client.exportDataQualityCsv();
      downloadText(csv, `mailsweep-data-quality-${formatFileNameTimestamp(new Date())}.csv`, 'text/csv;charset=utf-8');
    } catch (error) {
      this.notice = { kind: 'error', text: `The data-quality export failed: ${describeError(error)}` };
    } finally {
      this.exportingQuality = false;
    }
  };

  private async analyze(files: File[], dropNotes: string[]): Promise<void> {
    if (this.appState === 'running') {
      return;
    }

    const folderNotice = dropNotes.length > 0 ? dropNotes.join(' ') : undefined;
    if (files.length === 0) {
      this.notice = folderNotice ? { kind: 'info', text: folderNotice } : undefined;
      return;
    }

    this.appState = 'running';
    this.notice = folderNotice ? { kind: 'info', text: folderNotice } : undefined;
    this.result = undefined;
    this.progress = undefined;
    this.cancelling = false;
    this.startedAt = performance.now();
    this.#runNumber += 1;
    const runNumber = this.#runNumber;

    try {
      this.result = await this.#client.analyze(files, ESCU_DEFAULTS, (progress) => {
        // Progress messages are not awaited by the worker, so one can arrive after its run ended.
        if (runNumber === this.#runNumber && this.appState === 'running') {
          this.progress = progress;
        }
      });
      this.appState = 'done';
    } catch (error) {
      if (error instanceof AnalysisCancelledError) {
        this.notice = { kind: 'info', text: 'The analysis was cancelled. Drop files or pick them to start again.' };
        this.appState = 'idle';
      } else {
        this.notice = { kind: 'error', text: `The analysis failed: ${describeError(error)}` };
        this.appState = 'error';
      }
    } finally {
      this.cancelling = false;
      this.progress = undefined;
    }
  }

  /**
   * Sets <html data-mailsweep-state> once everything the new state shows has rendered, so that a
   * script that reads `done` also finds the table. A later state change supersedes a pending one.
   */
  async #publishState(appState: AppState): Promise<void> {
    this.#publishedStateVersion += 1;
    const version = this.#publishedStateVersion;
    await waitForRender(this);
    if (version === this.#publishedStateVersion) {
      document.documentElement.dataset.mailsweepState = appState;
    }
  }

  // Drops outside the drop zone would otherwise make the browser open the file in place of the page.
  readonly #onWindowDragOver = (event: DragEvent): void => {
    event.preventDefault();
  };

  readonly #onWindowDrop = (event: DragEvent): void => {
    if (event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) {
      void this.analyze(files, []);
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-app': MailsweepApp;
  }
}
