// The allow-list editor. Each entry suppresses reviewed findings and shows its note and what it
// suppressed in the latest detection. The list is imported and exported as JSON, and shown as the
// body of ESCU's Splunk filter macro and as a KQL clause, so the filters elsewhere can stay in step.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import {
  ALLOW_LIST_FIELDS,
  SPLUNK_FILTER_MACRO_NAME,
  checkAllowListEntry,
  formatAllowListJson,
  parseAllowListJson,
  renderKqlAllowListFilter,
  renderSplunkFilterMacro,
} from '../worker/worker-api.ts';
import type { AllowListEntry, AllowListEntryCount, AllowListField } from '../worker/worker-api.ts';
import { downloadExport } from './export-download.ts';
import { formatCount } from './format.ts';
import { revealBidiControls } from './reveal-bidi.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';
import { allowListChangedEvent } from './ui-events.ts';
import { describeError } from './describe-error.ts';

const VALUE_HINTS: Record<AllowListField, string> = {
  ClientAppId: 'An application id, compared without regard to letter case.',
  ClientIPAddress: 'An IPv4 or IPv6 address or CIDR range, such as 192.0.2.0/24. A finding is suppressed only when every source address is allowed.',
  ClientInfoString: 'A pattern over the whole ClientInfoString, case-sensitive, where * stands for any run of characters.',
};

/** Maximum size of an imported allow-list file, in bytes. A real list is a few kilobytes. */
const MAX_IMPORT_BYTES = 1_000_000;

/**
 * Editor of the allow-list.
 *
 * @fires mailsweep-allow-list-changed - when the user adds, removes or imports entries
 */
@customElement('mailsweep-allow-list-editor')
export class AllowListEditor extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    css`
      :host {
        display: block;
      }

      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 0.9rem;
        background: var(--ms-surface);
      }

      caption {
        text-align: left;
        color: var(--ms-muted);
        padding: 0.3rem 0;
      }

      th,
      td {
        text-align: left;
        padding: 0.4rem 0.5rem;
        border-bottom: 1px solid var(--ms-border);
        vertical-align: top;
      }

      th {
        background: var(--ms-surface-raised);
        font-weight: 600;
      }

      .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }

      .value {
        font-family: var(--ms-font-mono);
        font-size: 0.82rem;
        overflow-wrap: anywhere;
      }

      form {
        display: grid;
        grid-template-columns: minmax(10rem, 12rem) minmax(12rem, 2fr) minmax(12rem, 2fr) auto;
        gap: 0.5rem 0.75rem;
        align-items: end;
        margin-top: 0.75rem;
      }

      form label {
        display: grid;
        gap: 0.2rem;
        font-weight: 500;
      }

      select,
      input[type='text'] {
        font: inherit;
        font-size: 0.9rem;
        padding: 0.35rem 0.5rem;
        border: 1px solid var(--ms-border-strong);
        border-radius: 6px;
        background: var(--ms-surface);
        color: var(--ms-text);
        min-width: 0;
      }

      select:focus-visible,
      input:focus-visible,
      summary:focus-visible,
      pre:focus-visible {
        outline: 3px solid var(--ms-focus);
        outline-offset: 1px;
      }

      .hint {
        grid-column: 1 / -1;
        margin: 0;
        font-size: 0.82rem;
      }

      .errors {
        margin: 0.5rem 0 0;
        padding-left: 1.2rem;
        color: var(--ms-danger);
      }

      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.75rem;
        align-items: center;
      }

      details {
        margin-top: 0.75rem;
      }

      summary {
        cursor: pointer;
        font-weight: 500;
      }

      pre {
        margin: 0.4rem 0 0;
        padding: 0.6rem 0.8rem;
        max-height: 16rem;
        overflow: auto;
        background: var(--ms-surface-raised);
        border-radius: 6px;
        font-size: 0.8rem;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }

      @media (max-width: 60rem) {
        form {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  @property({ attribute: false }) entries: AllowListEntry[] = [];

  /** Suppression counts of each entry in the latest detection, in list order. Absent before an analysis. */
  @property({ attribute: false }) counts: AllowListEntryCount[] | undefined;

  @state() private field: AllowListField = 'ClientAppId';
  @state() private value = '';
  @state() private note = '';
  @state() private errors: string[] = [];

  override render() {
    return html`
      ${this.entries.length === 0
        ? html`<p class="muted" data-empty>No entries: every finding is shown, as with ESCU's default filter macro.</p>`
        : this.renderTable()}
      ${this.renderAddForm()}
      ${this.errors.length > 0
        ? html`<ul class="errors" role="alert">
            ${this.errors.map((error) => html`<li>${revealBidiControls(error)}</li>`)}
          </ul>`
        : nothing}
      <div class="actions">
        <button type="button" @click=${this.onImportClick}>Import allow-list JSON</button>
        <button type="button" ?disabled=${this.entries.length === 0} @click=${this.onExport}>Export allow-list JSON</button>
      </div>
      ${this.renderFilters()}
    `;
  }

  private renderTable() {
    return html`
      <table>
        <caption>
          Findings that match an entry are suppressed. Counts are from the latest detection; an entry credited by several
          findings can share them with other entries.
        </caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
            <th scope="col">Note</th>
            <th scope="col" class="num">Findings suppressed</th>
            <th scope="col" class="num">Records suppressed</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.entries.map((entry, index) => this.renderEntry(entry, index))}
        </tbody>
      </table>
    `;
  }

  private renderEntry(entry: AllowListEntry, index: number) {
    const count = this.counts?.[index];
    return html`
      <tr data-entry=${index + 1}>
        <td>${entry.field}</td>
        <td class="value">${revealBidiControls(entry.value)}</td>
        <td>${revealBidiControls(entry.note)}</td>
        <td class="num" data-count="findings">${count ? formatCount(count.findings) : '–'}</td>
        <td class="num" data-count="records">${count ? formatCount(count.records) : '–'}</td>
        <td>
          <button type="button" aria-label=${`Remove entry ${index + 1}, ${entry.field} ${entry.value}`} @click=${() => { this.removeEntry(index); }}>
            Remove
          </button>
        </td>
      </tr>
    `;
  }

  private renderAddForm() {
    return html`
      <form @submit=${this.onAdd} aria-label="Add an allow-list entry">
        <label>
          Field
          <select .value=${this.field} @change=${this.onFieldChange}>
            ${ALLOW_LIST_FIELDS.map((field) => html`<option value=${field} ?selected=${field === this.field}>${field}</option>`)}
          </select>
        </label>
        <label>
          Value
          <input type="text" spellcheck="false" aria-describedby="value-hint" .value=${this.value} @input=${this.onValueInput} />
        </label>
        <label>
          Note (why it is allowed)
          <input type="text" .value=${this.note} @input=${this.onNoteInput} />
        </label>
        <button type="submit" class="primary">Add entry</button>
        <p class="hint muted" id="value-hint">${VALUE_HINTS[this.field]}</p>
      </form>
    `;
  }

  private renderFilters() {
    let macro: string;
    let kql: string;
    try {
      macro = renderSplunkFilterMacro(this.entries);
      kql = renderKqlAllowListFilter(this.entries);
    } catch (error) {
      // The entries were checked when they were added, so this shows only a list stored by an older version.
      return html`<p class="errors">The list cannot be rendered as filters: ${describeError(error)}</p>`;
    }

    return html`
      <details>
        <summary>Splunk filter macro <span class="mono">${SPLUNK_FILTER_MACRO_NAME}</span></summary>
        <pre tabindex="0" aria-label="Splunk filter macro body" data-filter="splunk">${macro}</pre>
      </details>
      <details>
        <summary>KQL clause to append to a query over findings</summary>
        <pre tabindex="0" aria-label="KQL allow-list clause" data-filter="kql">${kql === '' ? '// The list is empty, so there is nothing to filter.' : kql}</pre>
      </details>
    `;
  }

  private readonly onFieldChange = (event: Event): void => {
    this.field = (event.target as HTMLSelectElement).value as AllowListField;
  };

  private readonly onValueInput = (event: Event): void => {
    this.value = (event.target as HTMLInputElement).value;
  };

  private readonly onNoteInput = (event: Event): void => {
    this.note = (event.target as HTMLInputElement).value;
  };

  private readonly onAdd = (event: Event): void => {
    event.preventDefault();
    const position = this.entries.length + 1;
    const checked = checkAllowListEntry({ field: this.field, value: this.value, note: this.note }, position);
    if (!checked.ok) {
      this.errors = checked.errors;
      return;
    }

    // Duplicates are checked on the whole list, the same way an imported file is.
    const next = [...this.entries, checked.entry];
    const parsed = parseAllowListJson(formatAllowListJson(next), 'The allow-list');
    if (!parsed.ok) {
      this.errors = parsed.errors;
      return;
    }

    this.errors = [];
    this.value = '';
    this.note = '';
    this.dispatchEvent(allowListChangedEvent({ entries: parsed.entries }));
  };

  private removeEntry(index: number): void {
    this.errors = [];
    this.dispatchEvent(allowListChangedEvent({ entries: this.entries.filter((_entry, position) => position !== index) }));
  }

  /**
   * Opens the file picker from an input that is never added to the page, because scripts drive
   * the analysis through the page's only `input[type=file]` (see the README's Automation section).
   */
  private readonly onImportClick = (): void => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.addEventListener(
      'change',
      (event) => {
        void this.onImportFile(event);
      },
      { once: true },
    );
    input.click();
  };

  private readonly onImportFile = async (event: Event): Promise<void> => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) {
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      this.errors = [`${file.name}: ${formatCount(file.size)} bytes is too large for an allow-list (at most ${formatCount(MAX_IMPORT_BYTES)}). Pick the list exported from Mailsweep.`];
      return;
    }

    const parsed = parseAllowListJson(await file.text(), file.name);
    if (!parsed.ok) {
      this.errors = parsed.errors;
      return;
    }
    this.errors = [];
    this.dispatchEvent(allowListChangedEvent({ entries: parsed.entries }));
  };

  private readonly onExport = (): void => {
    downloadExport({ text: formatAllowListJson(this.entries), baseName: 'mailsweep-allow-list', extension: 'json', mimeType: 'application/json' });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-allow-list-editor': AllowListEditor;
  }
}
