// Root element: takes files from the drop zone or the sample button, runs the analysis in the worker,
// and shows progress, then the data-quality report of each file, the findings and the totals. It also
// publishes its state on <html data-mailsweep-state> for automation: idle, running, done or error.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';

import sampleExportText from '../sample/sample-purview-export.csv?raw';
import type { AllowListEntry, AnalysisExportKind, AnalysisProgress, DetectionRequest, DetectionSettings, InvestigationResult } from '../worker/worker-api.ts';
import { AnalysisCancelledError, AnalysisClient } from '../worker/worker-client.ts';
import { loadAllowList, saveAllowList } from './allow-list-storage.ts';
import { downloadExport } from './export-download.ts';
import { formatCount } from './format.ts';
import { revealBidiControls } from './reveal-bidi.ts';
import { offerRetry } from './retry-offer.ts';
import type { RetryOffer } from './retry-offer.ts';
import { loadSettings, saveSettings } from './settings-storage.ts';
import { waitForRender } from './wait-for-render.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';
import type { AllowListChangedDetail, ExportRequestedDetail, FilesChosenDetail, SettingsChangedDetail } from './ui-events.ts';
import './allow-list-editor.ts';
import './analysis-progress.ts';
import './analysis-totals.ts';
import './drop-zone.ts';
import './file-reports.ts';
import './investigation-view.ts';
import './query-exports.ts';
import { changedSettings } from './settings-panel.ts';
import { describeError } from './describe-error.ts';

export type AppState = 'idle' | 'running' | 'done' | 'error';

interface Notice {
  kind: 'error' | 'info';
  text: string;
}

const SAMPLE_FILE_NAME = 'sample-purview-export.csv';

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

      /* The results heading takes the focus after an analysis, and the margin keeps it off the window's edge. */
      #files-heading {
        scroll-margin-top: 1rem;
      }

      #files-heading:focus-visible {
        outline: 3px solid var(--ms-focus);
        outline-offset: 2px;
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

      details.settings {
        margin-top: 1.25rem;
      }

      details.settings > summary {
        cursor: pointer;
        font-weight: 600;
        font-size: 1.05rem;
        margin-bottom: 0.6rem;
      }

    `,
  ];

  @state() private appState: AppState = 'idle';
  @state() private progress: AnalysisProgress | undefined;
  @state() private startedAt = 0;
  @state() private cancelling = false;
  @state() private result: InvestigationResult | undefined;
  @state() private notice: Notice | undefined;
  /** The analysis offered after a failure, without the file that was being read when it failed. */
  @state() private retry: RetryOffer | undefined;
  /** Exports under way, whose buttons wait. */
  @state() private exporting: ReadonlySet<AnalysisExportKind> = new Set();
  /** Detection settings for the next analysis and the current one, kept in localStorage. */
  @state() private settings: DetectionSettings;
  /** Allow-list applied after every detection, kept in localStorage. */
  @state() private allowList: AllowListEntry[];
  /** True while the worker re-detects with new settings. The previous findings stay on screen. */
  @state() private redetecting = false;
  @state() private redetectStatus = '';

  readonly #client = new AnalysisClient();
  #publishedStateVersion = 0;
  #runNumber = 0;
  /** Settings and allow-list of the findings on screen, restored when a re-detection rejects new ones. */
  #appliedRequest: DetectionRequest;
  /** Set when the settings or the allow-list change during a re-detection, which then runs once more. */
  #redetectQueued = false;
  /** The settings start open when stored settings depart from ESCU, so the departure is seen at once. */
  readonly #settingsInitiallyOpen: boolean;
  /** Set when an analysis of files succeeds, so the results are brought into view once they have rendered. */
  #revealResultsPending = false;

  constructor() {
    super();
    const stored = loadSettings(localStorage);
    const storedList = loadAllowList(localStorage);
    this.settings = stored.settings;
    this.allowList = storedList.entries;
    this.#appliedRequest = { settings: stored.settings, allowList: storedList.entries };
    this.#settingsInitiallyOpen = changedSettings(stored.settings).size > 0;
    const problems = [stored.problem, storedList.problem].filter((problem) => problem !== undefined);
    if (problems.length > 0) {
      this.notice = { kind: 'info', text: problems.join(' ') };
    }
  }

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

      ${this.renderSettings()}
      ${running && !this.redetecting
        ? html`<mailsweep-progress
            .progress=${this.progress}
            .startedAt=${this.startedAt}
            ?cancelling=${this.cancelling}
            @mailsweep-cancel-requested=${this.onCancelRequested}
          ></mailsweep-progress>`
        : nothing}
      ${this.notice
        ? html`<p class="notice ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'}>${revealBidiControls(this.notice.text)}</p>`
        : nothing}
      ${this.retry && !running
        ? html`<p class="retry"><button type="button" class="primary" @click=${this.onRetry}>${this.retry.buttonLabel}</button></p>`
        : nothing}
      <p class="visually-hidden" role="status">${this.announcement()}</p>
      ${this.result ? this.renderResult(this.result) : nothing}
    `;
  }

  /** Returns the text for screen readers when the analysis starts or finishes. Errors use the alert instead. */
  private announcement(): string {
    if (this.appState === 'running') {
      return this.redetecting ? 'Detecting again with the new settings.' : 'Analysis started.';
    }
    if (this.appState === 'done' && this.result) {
      const findings = this.result.summary.findings;
      return `Analysis finished: ${formatCount(findings)} ${findings === 1 ? 'finding' : 'findings'}.`;
    }
    return '';
  }

  private renderSettings() {
    const entries = this.allowList.length;
    // Counts belong to the list they were computed with, so none are shown while a changed list re-detects.
    const counts = this.result && this.#appliedRequest.allowList === this.allowList ? this.result.allowListCounts : undefined;
    return html`
      <details class="settings" id="detection-settings" ?open=${this.#settingsInitiallyOpen}>
        <summary>Detection settings</summary>
        <mailsweep-settings-panel
          .settings=${this.settings}
          ?busy=${this.redetecting}
          @mailsweep-settings-changed=${this.onSettingsChanged}
        ></mailsweep-settings-panel>
      </details>
      <details class="settings" id="allow-list" ?open=${entries > 0}>
        <summary>Allow-list (${entries === 0 ? 'empty' : `${formatCount(entries)} ${entries === 1 ? 'entry' : 'entries'}`})</summary>
        <mailsweep-allow-list-editor
          .entries=${this.allowList}
          .counts=${counts}
          @mailsweep-allow-list-changed=${this.onAllowListChanged}
        ></mailsweep-allow-list-editor>
      </details>
      <details class="settings" id="query-exports">
        <summary>Run this detection where the data lives</summary>
        <mailsweep-query-exports .client=${this.#client} .request=${{ settings: this.settings, allowList: this.allowList }}></mailsweep-query-exports>
      </details>
    `;
  }

  private renderResult(result: InvestigationResult) {
    const { summary } = result;

    // The data-quality report comes first: a capped or incomplete export changes what the findings mean.
    return html`
      <section aria-labelledby="files-heading">
        <div class="section-head">
          <h2 id="files-heading" tabindex="-1">Data quality</h2>
          <button type="button" ?disabled=${this.exporting.has('data-quality-csv')} @click=${this.onExportDataQuality}>
            Export data-quality report
          </button>
        </div>
        <mailsweep-file-reports .files=${summary.files}></mailsweep-file-reports>
      </section>

      <mailsweep-investigation
        .result=${result}
        .client=${this.#client}
        .exporting=${this.exporting}
        redetectStatus=${this.redetectStatus}
        @mailsweep-export-requested=${this.onExportRequested}
      ></mailsweep-investigation>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <mailsweep-totals .summary=${summary}></mailsweep-totals>
      </section>
    `;
  }

  private readonly onSettingsChanged = (event: CustomEvent<SettingsChangedDetail>): void => {
    this.settings = event.detail.settings;
    this.#reportStorageProblem(saveSettings(localStorage, this.settings));
    this.#requestRedetect();
  };

  private readonly onAllowListChanged = (event: CustomEvent<AllowListChangedDetail>): void => {
    this.allowList = event.detail.entries;
    this.#reportStorageProblem(saveAllowList(localStorage, this.allowList));
    this.#requestRedetect();
  };

  #reportStorageProblem(problem: string | undefined): void {
    if (problem !== undefined) {
      this.notice = { kind: 'info', text: problem };
    }
  }

  #isRedetectQueued(): boolean {
    return this.#redetectQueued;
  }

  /** Re-detects the finished analysis with the current settings and allow-list, or queues that while one runs. */
  #requestRedetect(): void {
    if (this.redetecting) {
      this.#redetectQueued = true;
    } else if (this.result && this.appState === 'done') {
      void this.redetect();
    }
  }

  /**
   * Re-runs the detection of the finished analysis with the current settings and allow-list, again
   * while changes arrived during the run. When the worker rejects them as invalid, the previous
   * ones are restored, and the findings of the previous request stay.
   */
  private async redetect(): Promise<void> {
    this.redetecting = true;
    this.appState = 'running';
    try {
      do {
        this.#redetectQueued = false;
        const request: DetectionRequest = { settings: this.settings, allowList: this.allowList };
        const started = performance.now();
        this.result = await this.#client.redetect(request);
        this.#appliedRequest = request;
        const elapsed = Math.max(1, Math.round(performance.now() - started));
        this.redetectStatus = `Detected again from the index in ${formatCount(elapsed)} ms, without reading the files.`;
        // The flag is set by change handlers that ran while the worker was busy.
      } while (this.#isRedetectQueued());
    } catch (error) {
      this.redetectStatus = '';
      if (error instanceof Error && error.name === 'RangeError') {
        this.settings = this.#appliedRequest.settings;
        this.allowList = this.#appliedRequest.allowList;
        saveSettings(localStorage, this.settings);
        saveAllowList(localStorage, this.allowList);
      }
      this.notice = { kind: 'error', text: `Detection with the new settings failed, so the findings shown are from the previous ones: ${describeError(error)}` };
    } finally {
      this.redetecting = false;
      this.appState = 'done';
    }
  }

  private readonly onFilesChosen = (event: CustomEvent<FilesChosenDetail>): void => {
    void this.analyze(event.detail.files, event.detail.notes);
  };

  private readonly onRetry = (): void => {
    if (this.retry) {
      void this.analyze(this.retry.files, []);
    }
  };

  private readonly onTrySample = (): void => {
    const sample = new File([sampleExportText], SAMPLE_FILE_NAME, { type: 'text/csv' });
    void this.analyze([sample], []);
  };

  private readonly onCancelRequested = (): void => {
    this.cancelling = true;
    this.#client.cancel();
  };

  private readonly onExportDataQuality = (): void => {
    void this.runExport({ kind: 'data-quality-csv' });
  };

  private readonly onExportRequested = (event: CustomEvent<ExportRequestedDetail>): void => {
    void this.runExport(event.detail);
  };

  /** Formats an export in the worker and downloads it. A failure is shown and leaves the page as it was. */
  private async runExport(request: ExportRequestedDetail): Promise<void> {
    const { kind } = request;
    if (this.exporting.has(kind)) {
      return;
    }

    this.exporting = new Set([...this.exporting, kind]);
    try {
      downloadExport(await this.#client.exportAnalysis(kind, request.finding));
    } catch (error) {
      this.notice = { kind: 'error', text: `The export failed: ${describeError(error)}` };
    } finally {
      this.exporting = new Set([...this.exporting].filter((pending) => pending !== kind));
    }
  }

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
    this.#revealResultsPending = false;
    this.notice = folderNotice ? { kind: 'info', text: folderNotice } : undefined;
    this.retry = undefined;
    this.result = undefined;
    this.progress = undefined;
    this.cancelling = false;
    this.startedAt = performance.now();
    this.#runNumber += 1;
    const runNumber = this.#runNumber;
    // Kept apart from `progress`, which is cleared when the run ends, to tell which file a failure came in.
    let lastProgress: AnalysisProgress | undefined;

    try {
      const request: DetectionRequest = { settings: this.settings, allowList: this.allowList };
      this.result = await this.#client.analyze(files, request, (progress) => {
        // Progress messages are not awaited by the worker, so one can arrive after its run ended.
        if (runNumber === this.#runNumber && this.appState === 'running') {
          this.progress = progress;
          lastProgress = progress;
        }
      });
      this.#appliedRequest = request;
      this.redetectStatus = '';
      this.#revealResultsPending = true;
      this.appState = 'done';

      // Settings or allow-list changed while the files were read apply now, from the index.
      if (this.settings !== request.settings || this.allowList !== request.allowList) {
        void this.redetect();
      }
    } catch (error) {
      if (error instanceof AnalysisCancelledError) {
        this.notice = { kind: 'info', text: 'The analysis was cancelled. Drop files or pick them to start again.' };
        this.appState = 'idle';
      } else {
        this.retry = offerRetry(files, lastProgress);
        const failedIn = this.retry.excludedName === undefined ? '' : ` It failed while reading ${this.retry.excludedName}.`;
        this.notice = { kind: 'error', text: `The analysis failed: ${describeError(error)}${failedIn}` };
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
    if (version !== this.#publishedStateVersion) {
      return;
    }

    // Before `done` is published, so that a script acting on `done` finds the focus already moved.
    if (appState === 'done' && this.#revealResultsPending) {
      this.#revealResultsPending = false;
      this.#revealResults();
    }
    document.documentElement.dataset.mailsweepState = appState;

    // With the page idle or its results shown, the workers for the next drop can load.
    if (appState === 'idle' || appState === 'done') {
      this.#client.prepare();
    }
  }

  /**
   * Scrolls the results to the top of the window and focuses their first heading. The results start
   * below the drop zone and the settings, out of sight on a small window. Nothing moves when the
   * focus has gone elsewhere during the run, such as into the settings, so typing is not interrupted.
   */
  #revealResults(): void {
    const heading = this.renderRoot.querySelector<HTMLElement>('#files-heading');
    const focused = this.shadowRoot?.activeElement ?? null;
    const focusStartedRun = focused === null || focused.matches('mailsweep-drop-zone, .sample button, .retry button');
    if (!heading || !focusStartedRun) {
      return;
    }
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
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
