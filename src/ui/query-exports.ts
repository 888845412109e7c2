// Downloads of the current detection as queries for the systems where the data already lives,
// for exports too large for a browser. They need no analysis, only the settings and allow-list.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { DetectionRequest, QueryExport, QueryLanguage } from '../worker/worker-api.ts';
import type { AnalysisClient } from '../worker/worker-client.ts';
import { downloadText } from './download-text.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';
import { describeError } from './describe-error.ts';

const LANGUAGES: readonly { language: QueryLanguage; label: string; hint: string }[] = [
  { language: 'splunk-spl', label: 'Splunk SPL', hint: 'over sourcetype o365:management:activity' },
  { language: 'kql-officeactivity', label: 'KQL for OfficeActivity', hint: 'Microsoft Sentinel' },
  { language: 'kql-cloudappevents', label: 'KQL for CloudAppEvents', hint: 'Microsoft Defender XDR advanced hunting' },
  { language: 'duckdb-sql', label: 'DuckDB SQL', hint: 'over a JSON-lines export of audit records' },
];

/** Buttons that download the detection as SPL, KQL or DuckDB SQL. */
@customElement('mailsweep-query-exports')
export class QueryExports extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    css`
      :host {
        display: block;
      }

      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
        gap: 0.5rem 1rem;
      }

      li {
        display: grid;
        gap: 0.2rem;
      }

      p {
        margin: 0 0 0.6rem;
      }

      .error {
        margin-top: 0.6rem;
        color: var(--ms-danger);
      }
    `,
  ];

  @property({ attribute: false }) client: AnalysisClient | undefined;

  /** The settings and allow-list the queries reproduce. */
  @property({ attribute: false }) request: DetectionRequest | undefined;

  @state() private error = '';
  @state() private pending = false;

  override render() {
    return html`
      <p class="muted">
        Each query carries the settings shown above, names every departure from ESCU and applies the allow-list. A
        setting a language cannot express is named in a comment at the top.
      </p>
      <ul>
        ${LANGUAGES.map(
          (entry) => html`
            <li>
              <button type="button" ?disabled=${this.pending} @click=${() => void this.download(entry.language)}>Download ${entry.label}</button>
              <span class="muted">${entry.hint}</span>
            </li>
          `,
        )}
      </ul>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  private async download(language: QueryLanguage): Promise<void> {
    const { client, request } = this;
    if (!client || !request) {
      return;
    }

    this.pending = true;
    try {
      const queries: QueryExport[] = await client.buildQueries(request);
      const query = queries.find((candidate) => candidate.language === language);
      if (!query) {
        throw new Error(`The worker returned no ${language} query.`);
      }
      this.error = '';
      downloadText(query.text, query.fileName, 'text/plain;charset=utf-8');
    } catch (error) {
      this.error = `The query could not be built: ${describeError(error)}`;
    } finally {
      this.pending = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-query-exports': QueryExports;
  }
}
