// Rendering of an application's name next to its id. Elements that use it style `.app-name` and
// `.app-name.unknown` themselves, because styles do not cross shadow roots.
import { html, nothing } from 'lit';

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
