// A multivalue cell: one value per line, long lists collapsed behind a "+N more" button and shown in
// a scroll box once expanded.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import { formatCount } from './format.ts';
import { revealBidiControls } from './reveal-bidi.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';

/** The values of one multivalue field, such as the users or source IPs of a finding. */
@customElement('mailsweep-value-list')
export class ValueList extends LitElement {
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
      }

      li {
        font-family: var(--ms-font-mono);
        font-size: 0.82rem;
        line-height: 1.45;
        white-space: nowrap;
      }

      ul.expanded {
        max-height: 14rem;
        overflow: auto;
        padding-right: 0.5rem;
        border-right: 2px solid var(--ms-border);
      }

      button {
        margin-top: 0.25rem;
        padding: 0.1rem 0.45rem;
        font-size: 0.8rem;
      }
    `,
  ];

  @property({ attribute: false }) values: string[] = [];

  /** Values shown before the list is expanded. */
  @property({ type: Number }) collapsedCount = 5;

  /** Plural noun for the values, used in the expander's accessible name ("Show 4 more users"). */
  @property() noun = 'values';

  @state() private expanded = false;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('values')) {
      this.expanded = false;
    }
  }

  override render() {
    const hiddenCount = this.values.length - this.collapsedCount;
    const collapsible = hiddenCount > 0;
    const visibleValues = collapsible && !this.expanded ? this.values.slice(0, this.collapsedCount) : this.values;

    return html`
      <ul id="values" class=${this.expanded ? 'expanded' : ''} tabindex=${this.expanded ? '0' : nothing}>
        ${visibleValues.map((value) => html`<li>${revealBidiControls(value)}</li>`)}
      </ul>
      ${collapsible
        ? html`<button
            type="button"
            aria-controls="values"
            aria-expanded=${this.expanded ? 'true' : 'false'}
            aria-label=${this.expanded ? `Show fewer ${this.noun}` : `Show ${formatCount(hiddenCount)} more ${this.noun}`}
            @click=${this.toggle}
          >
            ${this.expanded ? 'Show fewer' : `+${formatCount(hiddenCount)} more`}
          </button>`
        : nothing}
    `;
  }

  private readonly toggle = (): void => {
    this.expanded = !this.expanded;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-value-list': ValueList;
  }
}
