// Progress of a running analysis: a bar with the share of bytes read, the read rate, and Cancel.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

import type { AnalysisProgress } from '../worker/worker-api.ts';
import { formatBytes, formatCount } from './format.ts';
import { revealBidiControls } from './reveal-bidi.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';
import { cancelRequestedEvent } from './ui-events.ts';

/**
 * Progress bar of the running analysis.
 *
 * @fires mailsweep-cancel-requested - when the user presses Cancel
 */
@customElement('mailsweep-progress')
export class AnalysisProgressView extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    css`
      :host {
        display: block;
      }

      .panel {
        border: 1px solid var(--ms-border);
        border-radius: 10px;
        padding: 1rem 1.25rem;
        background: var(--ms-surface);
      }

      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem 1rem;
      }

      progress {
        flex: 1 1 16rem;
        height: 0.9rem;
        accent-color: var(--ms-accent);
      }

      .percent {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
        min-width: 3.5rem;
        text-align: right;
      }

      .details {
        margin: 0.5rem 0 0;
        font-variant-numeric: tabular-nums;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** Latest progress report, or undefined before the first one arrives. */
  @property({ attribute: false }) progress: AnalysisProgress | undefined;

  /** `performance.now()` when the analysis started, for the read rate. */
  @property({ attribute: false }) startedAt = 0;

  /** Set once Cancel was pressed, until the analysis stops. */
  @property({ type: Boolean }) cancelling = false;

  override render() {
    const progress = this.progress;
    const percent = progress && progress.totalBytes > 0 ? Math.floor((progress.bytesRead / progress.totalBytes) * 100) : 0;

    return html`
      <div class="panel">
        <div class="row">
          <progress max="100" .value=${percent} aria-label="Analysis progress"></progress>
          <span class="percent">${percent}%</span>
          <span class="rate muted">${this.renderRate(progress)}</span>
          <button type="button" ?disabled=${this.cancelling} @click=${this.onCancel}>
            ${this.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
        <p class="details muted">${this.renderDetails(progress)}</p>
      </div>
    `;
  }

  private renderRate(progress: AnalysisProgress | undefined) {
    const elapsedSeconds = (performance.now() - this.startedAt) / 1000;
    if (!progress || progress.bytesRead === 0 || elapsedSeconds <= 0) {
      return nothing;
    }
    const megabytesPerSecond = progress.bytesRead / 1e6 / elapsedSeconds;
    return `${megabytesPerSecond.toFixed(1)} MB/s`;
  }

  private renderDetails(progress: AnalysisProgress | undefined): string {
    if (!progress) {
      return 'Starting…';
    }
    if (progress.phase === 'detecting' || progress.phase === 'done') {
      return `Read ${formatCount(progress.records)} records from ${formatBytes(progress.totalBytes)}. Looking for API mailbox sweeps…`;
    }

    const fileNumber = progress.fileCount > 1 ? `File ${progress.fileIndex + 1} of ${progress.fileCount}: ` : '';
    return (
      `${fileNumber}${revealBidiControls(progress.fileName)}. ${formatBytes(progress.bytesRead)} of ${formatBytes(progress.totalBytes)}, ` +
      `${formatCount(progress.records)} records so far.`
    );
  }

  private readonly onCancel = (): void => {
    this.dispatchEvent(cancelRequestedEvent());
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-progress': AnalysisProgressView;
  }
}
