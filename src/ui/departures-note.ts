// The note above the findings that states whether they come from the ESCU search as published or
// from changed settings. It names each change, so a screenshot of the table cannot pass for ESCU's.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

import { departuresFromEscu } from '../worker/worker-api.ts';
import type { DetectionSettings } from '../worker/worker-api.ts';
import { textStyles } from './shared-styles.ts';

/** Names the settings behind the findings on screen. */
@customElement('mailsweep-departures')
export class DeparturesNote extends LitElement {
  static override styles = [
    textStyles,
    css`
      :host {
        display: block;
        margin-bottom: 0.75rem;
      }

      .departures {
        padding: 0.6rem 0.9rem;
        border-radius: 8px;
        border-left: 4px solid var(--ms-danger);
        background: var(--ms-danger-soft);
      }

      .departures p {
        margin: 0;
        font-weight: 600;
      }

      ul {
        margin: 0.3rem 0 0;
        padding-left: 1.2rem;
      }

      .escu {
        margin: 0;
      }
    `,
  ];

  /** Settings of the findings on screen. */
  @property({ attribute: false }) settings: DetectionSettings | undefined;

  override render() {
    if (!this.settings) {
      return html``;
    }

    const departures = departuresFromEscu(this.settings);
    if (departures.length === 0) {
      return html`<p class="escu muted" data-escu>Detected with the ESCU search's settings as published.</p>`;
    }
    return html`
      <div class="departures" data-departures role="note" aria-label="Departures from ESCU">
        <p>These findings depart from the ESCU search in ${departures.length} ${departures.length === 1 ? 'setting' : 'settings'}:</p>
        <ul>
          ${departures.map((departure) => html`<li>${departure}</li>`)}
        </ul>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-departures': DeparturesNote;
  }
}
