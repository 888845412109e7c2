// The place where files enter: a drop target around a real file input, so that both dragging and
// the keyboard-reachable picker work.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import { buttonStyles, textStyles } from './shared-styles.ts';
import { filesChosenEvent } from './ui-events.ts';

/** Dropped files, each named by its path relative to the drop, and sentences about what was not read. */
interface DroppedFiles {
  files: File[];
  notes: string[];
}

/**
 * Collects the dropped files, reading dropped folders recursively. Each file of a folder is named
 * by its path from the dropped folder (`logs/2024-03/a.csv`). Hidden files and folders (names
 * starting with `.`, such as `.DS_Store` or `.git`) are skipped and counted in a note.
 */
async function collectDroppedFiles(transfer: DataTransfer): Promise<DroppedFiles> {
  // The items are only readable during the drop event, so the entries are taken before any await.
  const entries: FileSystemEntry[] = [];
  const plainFiles: File[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') {
      continue;
    }
    const entry = item.webkitGetAsEntry();
    const file = item.getAsFile();
    if (entry !== null) {
      entries.push(entry);
    } else if (file !== null) {
      plainFiles.push(file);
    }
  }

  const dropped: DroppedFiles = { files: plainFiles, notes: [] };
  const tally = { hidden: 0, unreadable: [] as string[] };
  for (const entry of entries) {
    await collectEntry(entry, '', dropped.files, tally);
  }

  if (tally.hidden > 0) {
    const items = tally.hidden === 1 ? '1 hidden file or folder was' : `${tally.hidden} hidden files or folders were`;
    dropped.notes.push(`${items} skipped (names starting with a dot).`);
  }
  if (tally.unreadable.length > 0) {
    dropped.notes.push(`These dropped items could not be read, so they are not analysed: ${tally.unreadable.join(', ')}.`);
  }
  return dropped;
}

async function collectEntry(
  entry: FileSystemEntry,
  parentPath: string,
  files: File[],
  tally: { hidden: number; unreadable: string[] },
): Promise<void> {
  const path = parentPath === '' ? entry.name : `${parentPath}/${entry.name}`;
  if (entry.name.startsWith('.')) {
    tally.hidden += 1;
    return;
  }

  try {
    if (isDirectory(entry)) {
      for (const child of await readAllEntries(entry)) {
        await collectEntry(child, path, files, tally);
      }
    } else if (isFile(entry)) {
      const file = await new Promise<File>((resolve, reject) => {
        entry.file(resolve, reject);
      });
      // A new File over the same bytes (no copy) carries the relative path as its name.
      files.push(parentPath === '' ? file : new File([file], path, { type: file.type, lastModified: file.lastModified }));
    }
  } catch {
    tally.unreadable.push(path);
  }
}

/** Reads every entry of a folder: readEntries returns them in batches (100 in Chromium) until an empty one. */
async function readAllEntries(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => {
      reader.readEntries(resolve, reject);
    });
    if (batch.length === 0) {
      return all;
    }
    all.push(...batch);
  }
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

/**
 * Drop target and file picker for audit-log exports.
 *
 * @fires mailsweep-files-chosen - when the user drops or picks one or more files or folders
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
          Audit log exports as CSV or JSON, also gzip-compressed or in a ZIP archive, or a whole folder. Several
          files at once are analysed together. Files are read in this browser and never uploaded.
        </p>
        <input
          type="file"
          multiple
          aria-labelledby="drop-title"
          accept=".csv,.json,.jsonl,.ndjson,.log,.txt,.gz,.zip,text/csv,application/json,application/gzip,application/zip"
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

    void collectDroppedFiles(event.dataTransfer).then(({ files, notes }) => {
      if (files.length > 0 || notes.length > 0) {
        this.dispatchEvent(filesChosenEvent({ files, notes }));
      }
    });
  };

  private readonly onPick = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    // Cleared so that choosing the same file again fires another change.
    input.value = '';
    if (files.length > 0) {
      this.dispatchEvent(filesChosenEvent({ files, notes: [] }));
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-drop-zone': DropZone;
  }
}
