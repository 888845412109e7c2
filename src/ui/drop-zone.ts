// The place where files enter: a drop target around a real file input, so that both dragging and
// the keyboard-reachable picker work.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import { buttonStyles, textStyles } from './shared-styles.ts';
import { filesChosenEvent } from './ui-events.ts';

/** Splits dropped items into files and folders. Folders arrive as unreadable zero-byte entries. */
function splitDroppedItems(transfer: DataTransfer): { files: File[]; skippedFolders: string[] } {
  const files: File[] = [];
  const skippedFolders: string[] = [];

  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') {
      continue;
    }
    const entry = item.webkitGetAsEntry();
    const file = item.getAsFile();
    if (entry?.isDirectory) {
      skippedFolders.push(entry.name);
    } else if (file) {
      files.push(file);
    }
  }
  return { files, skippedFolders };
}

/**
 * Drop target and file picker for audit-log exports.
 *
 * @fires mailsweep-files-chosen - when the user drops or picks one or more files
 */
@customElement('mailsweep-drop-zone')
export class DropZone extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    css`
      :host {
        display: block;
      }

      .zone {
        border: 2px dashed var(--ms-border-strong);
        border-radius: 10px;
        padding: 1.5rem;
        background: var(--ms-surface);
        text-align: center;
        transition: border-color 120ms, background-color 120ms;
      }

      .zone.dragging {
        border-color: var(--ms-accent);
        background: var(--ms-accent-soft);
      }

      .zone.disabled {
        opacity: 0.6;
      }

      .title {
        margin: 0 0 0.35rem;
        font-size: 1.1rem;
        font-weight: 600;
      }

      p {
        margin: 0 0 1rem;
      }

      input[type='file'] {
        font: inherit;
        max-width: 100%;
      }

      input[type='file']::file-selector-button {
        font: inherit;
        margin-right: 0.75rem;
        padding: 0.5rem 0.9rem;
        border-radius: 6px;
        border: 1px solid var(--ms-accent);
        background: var(--ms-accent);
        color: var(--ms-accent-text);
        cursor: pointer;
      }

      input[type='file']:disabled::file-selector-button {
        cursor: not-allowed;
      }
    `,
  ];

  /** Set while an analysis runs, so that no second one starts. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private dragging = false;

  override render() {
    const zoneClass = ['zone', this.dragging ? 'dragging' : '', this.disabled ? 'disabled' : ''].join(' ');
    return html`
      <div
        class=${zoneClass}
        @dragenter=${this.onDragOver}
        @dragover=${this.onDragOver}
        @dragleave=${this.onDragLeave}
        @drop=${this.onDrop}
      >
        <p class="title" id="drop-title">Drop audit log exports here</p>
        <p class="muted">
          Purview audit search CSV, Search-UnifiedAuditLog CSV, or Management Activity API JSON. Several files at
          once are analysed together. Files are read in this browser and never uploaded.
        </p>
        <input
          type="file"
          multiple
          aria-labelledby="drop-title"
          accept=".csv,.json,.jsonl,.ndjson,.log,.txt,text/csv,application/json"
          ?disabled=${this.disabled}
          @change=${this.onPick}
        />
      </div>
    `;
  }

  private readonly onDragOver = (event: DragEvent): void => {
    // Without preventDefault the browser would open the dropped file in place of the page.
    event.preventDefault();
    if (event.dataTransfer) {
      event.dataTransfer.dropEffect = this.disabled ? 'none' : 'copy';
    }
    this.dragging = !this.disabled;
  };

  private readonly onDragLeave = (event: DragEvent): void => {
    const target = event.relatedTarget;
    if (target instanceof Node && (event.currentTarget as Node).contains(target)) {
      return;
    }
    this.dragging = false;
  };

  private readonly onDrop = (event: DragEvent): void => {
    event.preventDefault();
    this.dragging = false;
    if (this.disabled || !event.dataTransfer) {
      return;
    }

    const { files, skippedFolders } = splitDroppedItems(event.dataTransfer);
    if (files.length > 0 || skippedFolders.length > 0) {
      this.dispatchEvent(filesChosenEvent({ files, skippedFolders }));
    }
  };

  private readonly onPick = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    // Cleared so that choosing the same file again fires another change.
    input.value = '';
    if (files.length > 0) {
      this.dispatchEvent(filesChosenEvent({ files, skippedFolders: [] }));
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-drop-zone': DropZone;
  }
}
