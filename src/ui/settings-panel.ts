// The detection settings form. Each control shows the ESCU value next to it and is marked when it
// departs from it. A valid change applies when the control is committed (Enter, leaving a text
// field, or ticking a box), so the findings follow without a separate Apply step. While any field
// is invalid, no change applies: the form names the invalid fields and marks the changes that wait.
import { LitElement, css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import { ESCU_SETTINGS, formatSpan } from '../worker/worker-api.ts';
import type { CountedIdentity, DetectionSettings, WindowMode } from '../worker/worker-api.ts';
import { DRAFT_FIELD_NAMES, changedDraftFields, draftFromSettings, settingsFromDraft } from './settings-draft.ts';
import type { DraftErrors, SettingsDraft } from './settings-draft.ts';
import { escuSettings } from './settings-storage.ts';
import { buttonStyles, textStyles } from './shared-styles.ts';
import { settingsChangedEvent } from './ui-events.ts';

type SettingName = keyof DetectionSettings;

function sameIdList(left: readonly string[], right: readonly string[]): boolean {
  const normalize = (ids: readonly string[]) => [...new Set(ids.map((id) => id.toLowerCase()))].sort();
  return JSON.stringify(normalize(left)) === JSON.stringify(normalize(right));
}

/** Returns the names of the settings whose value differs from ESCU's. */
export function changedSettings(settings: DetectionSettings): Set<SettingName> {
  const changed = new Set<SettingName>();
  if (settings.spanSeconds !== ESCU_SETTINGS.spanSeconds) changed.add('spanSeconds');
  if (settings.threshold !== ESCU_SETTINGS.threshold) changed.add('threshold');
  if (!sameIdList(settings.graphAppIds, ESCU_SETTINGS.graphAppIds)) changed.add('graphAppIds');
  if (settings.ewsPattern !== ESCU_SETTINGS.ewsPattern) changed.add('ewsPattern');
  if (settings.identity !== ESCU_SETTINGS.identity) changed.add('identity');
  if (settings.foldUserCase !== ESCU_SETTINGS.foldUserCase) changed.add('foldUserCase');
  if (settings.window !== ESCU_SETTINGS.window) changed.add('window');
  if (settings.includeNearMisses !== ESCU_SETTINGS.includeNearMisses) changed.add('includeNearMisses');
  return changed;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** Describes why the form's changes are not applied: the invalid fields, then the changes that wait for them. */
function describeBlockedChanges(invalid: (keyof SettingsDraft)[], waiting: (keyof SettingsDraft)[]): string {
  if (invalid.length === 0) {
    return '';
  }
  const names = joinNames(invalid.map((name) => DRAFT_FIELD_NAMES[name]));
  const blocked =
    invalid.length === 1
      ? `${names} is invalid, so no change is applied until it is fixed.`
      : `${names} are invalid, so no change is applied until they are fixed.`;
  return waiting.length === 0 ? blocked : `${blocked} Not applied yet: ${joinNames(waiting.map((name) => DRAFT_FIELD_NAMES[name]))}.`;
}

/**
 * Form for the detection settings.
 *
 * @fires mailsweep-settings-changed - when the user commits a valid change or restores the ESCU defaults
 */
@customElement('mailsweep-settings-panel')
export class SettingsPanel extends LitElement {
  static override styles = [
    buttonStyles,
    textStyles,
    css`
      :host {
        display: block;
      }

      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr));
        gap: 0.75rem 1rem;
      }

      fieldset {
        margin: 0;
        border: 1px solid var(--ms-border);
        border-radius: 8px;
        padding: 0.6rem 0.9rem 0.8rem;
        background: var(--ms-surface);
        min-width: 0;
      }

      legend {
        font-weight: 600;
        padding: 0 0.3rem;
      }

      .field {
        display: grid;
        gap: 0.2rem;
        margin-top: 0.5rem;
      }

      .field > label,
      .choice-label {
        font-weight: 500;
      }

      .choice {
        display: flex;
        align-items: baseline;
        gap: 0.4rem;
        margin-top: 0.3rem;
      }

      input[type='number'],
      input[type='text'],
      textarea {
        font: inherit;
        font-size: 0.9rem;
        padding: 0.35rem 0.5rem;
        border: 1px solid var(--ms-border-strong);
        border-radius: 6px;
        background: var(--ms-surface);
        color: var(--ms-text);
        min-width: 0;
      }

      input[type='number'] {
        width: 8rem;
      }

      textarea,
      input[type='text'] {
        font-family: var(--ms-font-mono);
        font-size: 0.82rem;
      }

      textarea {
        resize: vertical;
        min-height: 3.2rem;
      }

      input:focus-visible,
      textarea:focus-visible {
        outline: 3px solid var(--ms-focus);
        outline-offset: 1px;
      }

      [aria-invalid='true'] {
        border-color: var(--ms-danger);
      }

      .hint {
        font-size: 0.8rem;
        color: var(--ms-muted);
        overflow-wrap: anywhere;
      }

      .error {
        font-size: 0.85rem;
        color: var(--ms-danger);
      }

      .departure {
        display: inline-block;
        margin-left: 0.35rem;
        padding: 0 0.4rem;
        border-radius: 4px;
        font-size: 0.75rem;
        font-weight: 600;
        background: var(--ms-danger-soft);
        color: var(--ms-danger);
      }

      .waiting {
        display: inline-block;
        margin-left: 0.35rem;
        padding: 0 0.4rem;
        border: 1px solid var(--ms-border-strong);
        border-radius: 4px;
        font-size: 0.75rem;
        font-weight: 600;
        color: var(--ms-muted);
      }

      .blocked {
        color: var(--ms-danger);
        font-weight: 600;
      }

      .actions {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
    `,
  ];

  /** The settings in force: the last ones applied. */
  @property({ attribute: false }) settings: DetectionSettings = escuSettings();

  /** True while a re-detection runs. Controls stay editable, but the restore button is disabled. */
  @property({ type: Boolean }) busy = false;

  @state() private draft: SettingsDraft = draftFromSettings(escuSettings());
  @state() private errors: DraftErrors = {};

  /** Fields changed in the form but not applied because another field is invalid. Each render sets it. */
  #waiting = new Set<keyof SettingsDraft>();

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('settings')) {
      this.draft = draftFromSettings(this.settings);
      this.errors = {};
    }
  }

  override render() {
    const changed = changedSettings(this.settings);
    const invalid = Object.keys(this.errors) as (keyof SettingsDraft)[];
    this.#waiting = new Set(
      invalid.length === 0 ? [] : [...changedDraftFields(this.draft, this.settings)].filter((name) => !invalid.includes(name)),
    );
    return html`
      <form @submit=${this.onSubmit} novalidate>
        <fieldset>
          <legend>Time window</legend>
          ${this.renderTextField({
            name: 'spanSeconds',
            label: 'Bin span (seconds)',
            type: 'number',
            escu: `ESCU: 600 seconds (10 minutes). Now ${formatSpan(this.settings.spanSeconds)}.`,
            changed,
          })}
          ${this.renderChoices('window', 'Window', changed, [
            { value: 'fixed', label: 'Fixed bins aligned to the epoch (ESCU)' },
            { value: 'sliding', label: 'Sliding window of the same length, which also catches a burst across a bin edge' },
          ])}
        </fieldset>

        <fieldset>
          <legend>Threshold</legend>
          ${this.renderTextField({
            name: 'threshold',
            label: 'A finding reads more than this many mailboxes',
            type: 'number',
            escu: 'ESCU: more than 5.',
            changed,
          })}
          ${this.renderCheckbox('includeNearMisses', 'Also show near misses: groups at the threshold or one below it', 'ESCU: not shown.', changed)}
        </fieldset>

        <fieldset>
          <legend>API filter</legend>
          ${this.renderTextField({
            name: 'graphAppIds',
            label: 'AppIds that count as Microsoft Graph (one a line)',
            type: 'textarea',
            escu: `ESCU: ${ESCU_SETTINGS.graphAppIds.join(', ')} only.`,
            changed,
          })}
          ${this.renderTextField({
            name: 'ewsPattern',
            label: 'EWS pattern for ClientInfoString (JavaScript regular expression, case-sensitive)',
            type: 'text',
            escu: `ESCU: ${ESCU_SETTINGS.ewsPattern}. Leave empty to turn the EWS test off.`,
            changed,
          })}
        </fieldset>

        <fieldset>
          <legend>Mailboxes counted</legend>
          ${this.renderChoices('identity', 'Identity counted as a mailbox', changed, [
            { value: 'UserId', label: 'UserId (ESCU)' },
            { value: 'MailboxOwnerUPN', label: 'MailboxOwnerUPN, which tells apart the mailboxes one delegate opened' },
          ])}
          ${this.renderCheckbox('foldUserCase', 'Treat user names that differ only in letter case as one mailbox', 'ESCU: case-sensitive.', changed)}
        </fieldset>

        <div class="actions">
          <button type="button" ?disabled=${this.busy || changed.size === 0} @click=${this.onRestoreEscu}>Restore ESCU defaults</button>
          <span class="muted" data-departure-count>
            ${changed.size === 0 ? 'All settings are the ESCU defaults.' : `${changed.size} ${changed.size === 1 ? 'setting departs' : 'settings depart'} from ESCU.`}
          </span>
          <span class="blocked" role="status" data-settings-blocked>${describeBlockedChanges(invalid, [...this.#waiting])}</span>
        </div>
      </form>
    `;
  }

  /** Marks a field that departs from ESCU, and one whose change waits for an invalid field to be fixed. */
  private renderDeparture(name: SettingName, changed: Set<SettingName>) {
    return html`${changed.has(name) ? html`<span class="departure" data-departure=${name}>Changed from ESCU</span>` : nothing}${this.#waiting.has(name)
      ? html`<span class="waiting" data-waiting=${name}>Not applied yet</span>`
      : nothing}`;
  }

  private renderTextField(field: {
    name: 'spanSeconds' | 'threshold' | 'graphAppIds' | 'ewsPattern';
    label: string;
    type: 'number' | 'text' | 'textarea';
    escu: string;
    changed: Set<SettingName>;
  }): TemplateResult {
    const { name } = field;
    const error = this.errors[name];
    const describedBy = error ? `${name}-escu ${name}-error` : `${name}-escu`;
    let minimum: string | undefined;
    if (field.type === 'number') {
      minimum = name === 'spanSeconds' ? '1' : '0';
    }
    const control =
      field.type === 'textarea'
        ? html`<textarea
            id=${name}
            rows="2"
            spellcheck="false"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedBy}
            .value=${this.draft[name]}
            @input=${this.onTextInput}
            @change=${this.onCommit}
          ></textarea>`
        : html`<input
            id=${name}
            type=${field.type}
            spellcheck="false"
            min=${minimum ?? nothing}
            step=${field.type === 'number' ? '1' : nothing}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedBy}
            .value=${this.draft[name]}
            @input=${this.onTextInput}
            @change=${this.onCommit}
          />`;

    return html`
      <div class="field">
        <label for=${name}>${field.label}${this.renderDeparture(name, field.changed)}</label>
        ${control}
        <span class="hint" id=${`${name}-escu`}>${field.escu}</span>
        ${error ? html`<span class="error" id=${`${name}-error`} role="alert">${error}</span>` : nothing}
      </div>
    `;
  }

  private renderChoices(
    name: 'window' | 'identity',
    legend: string,
    changed: Set<SettingName>,
    choices: { value: WindowMode | CountedIdentity; label: string }[],
  ): TemplateResult {
    return html`
      <div class="field" role="radiogroup" aria-labelledby=${`${name}-legend`}>
        <span class="choice-label" id=${`${name}-legend`}>${legend}${this.renderDeparture(name, changed)}</span>
        ${choices.map(
          (choice) => html`
            <label class="choice">
              <input
                type="radio"
                name=${name}
                .value=${choice.value}
                .checked=${this.draft[name] === choice.value}
                @change=${this.onCommit}
              />
              <span>${choice.label}</span>
            </label>
          `,
        )}
      </div>
    `;
  }

  private renderCheckbox(name: 'includeNearMisses' | 'foldUserCase', label: string, escu: string, changed: Set<SettingName>): TemplateResult {
    return html`
      <div class="field">
        <label class="choice">
          <input type="checkbox" name=${name} aria-describedby=${`${name}-escu`} .checked=${this.draft[name]} @change=${this.onCommit} />
          <span>${label}${this.renderDeparture(name, changed)}</span>
        </label>
        <span class="hint" id=${`${name}-escu`}>${escu}</span>
      </div>
    `;
  }

  /** Keeps typed text in the draft without applying it, so a re-render does not erase it. */
  private readonly onTextInput = (event: Event): void => {
    const control = event.target as HTMLInputElement | HTMLTextAreaElement;
    this.draft = { ...this.draft, [control.id]: control.value };
  };

  private readonly onCommit = (event: Event): void => {
    const control = event.target as HTMLInputElement | HTMLTextAreaElement;
    const draft = { ...this.draft };
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      draft[control.name as 'includeNearMisses' | 'foldUserCase'] = control.checked;
    } else if (control instanceof HTMLInputElement && control.type === 'radio') {
      if (control.name === 'window') {
        draft.window = control.value as WindowMode;
      } else {
        draft.identity = control.value as CountedIdentity;
      }
    } else {
      draft[control.id as 'spanSeconds' | 'threshold' | 'graphAppIds' | 'ewsPattern'] = control.value;
    }
    this.draft = draft;
    this.apply();
  };

  /** Enter in a single-line field submits the form, which the change event has already applied. */
  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    this.apply();
  };

  private readonly onRestoreEscu = (): void => {
    this.draft = draftFromSettings(escuSettings());
    this.apply();
  };

  private apply(): void {
    const { settings, errors } = settingsFromDraft(this.draft);
    this.errors = errors;
    if (settings && JSON.stringify(settings) !== JSON.stringify(this.settings)) {
      this.dispatchEvent(settingsChangedEvent({ settings }));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mailsweep-settings-panel': SettingsPanel;
  }
}
