// Rendering of an application's name next to its id. Elements that use renderAppName style
// `.app-name` and `.app-name.unknown` themselves, because styles do not cross shadow roots. Elements
// that use renderCompactAppName add appTagStyles and textStyles.
import { css, html, nothing } from 'lit';

import type { AppNames } from '../worker/worker-api.ts';
import { revealBidiControls } from './reveal-bidi.ts';

/** Text for an id that is not in the bundled list of Microsoft first-party applications. */
export const UNKNOWN_APP_TEXT = 'not a known Microsoft application';

/** Renders the bundled name of an application id, or marks it as not a known Microsoft application. Renders nothing without a lookup. */
export function renderAppName(id: string, names: AppNames | undefined) {
  const lookup = names?.[id];
  if (!lookup) {
    return nothing;
  }
  return lookup.known
    ? html`<span class="app-name" data-app-name>${revealBidiControls(lookup.name)}</span>`
    : html`<span class="app-name unknown" data-app-name data-unknown-app>${UNKNOWN_APP_TEXT}</span>`;
}

/** Visible text of the compact tag. Screen readers read the full wording, and the title shows it on hover. */
const UNKNOWN_APP_TAG_TEXT = 'unknown app';

const UNKNOWN_APP_TAG_TITLE =
  'Not a known Microsoft application: this id is not in the bundled list of Microsoft first-party applications. ' +
  'The list is not complete, so this does not prove that the application belongs to a third party.';

/**
 * Renders the bundled name of an application id, or a one-line tag for an id that is not in the
 * list, so that a table row stays short. Renders nothing without a lookup.
 */
export function renderCompactAppName(id: string, names: AppNames | undefined) {
  const lookup = names?.[id];
  if (!lookup) {
    return nothing;
  }
  if (lookup.known) {
    return html`<span class="app-name" data-app-name>${revealBidiControls(lookup.name)}</span>`;
  }
  return html`<span class="app-tag" data-app-name data-unknown-app title=${UNKNOWN_APP_TAG_TITLE}
    ><span aria-hidden="true">${UNKNOWN_APP_TAG_TEXT}</span><span class="visually-hidden">${UNKNOWN_APP_TEXT}</span></span
  >`;
}

/** Style of the compact tag: muted and on one line, readable but quieter than the id it follows. */
export const appTagStyles = css`
  .app-tag {
    position: relative;
    display: inline-block;
    padding: 0 0.35rem;
    border: 1px solid var(--ms-border-strong);
    border-radius: 4px;
    font-family: var(--ms-font-sans);
    font-size: 0.75rem;
    font-weight: 400;
    line-height: 1.4;
    color: var(--ms-muted);
    white-space: nowrap;
  }
`;
