// Offline names for ClientAppId and AppId values, from the bundled list of Microsoft first-party
// applications. The list is not exhaustive, so an id that is not in it is "not a known Microsoft
// application", which does not prove that it belongs to a third party.

import { FIRST_PARTY_APP_ROWS } from './first-party-app-rows.ts';

/** Source of a bundled name. */
export type AppNameSource =
  | 'graph' // a service principal owned by a Microsoft tenant, read through Microsoft Graph
  | 'docs' // the GUID dictionary of the Microsoft Entra documentation
  | 'community'; // a community contribution to the upstream list

/** Result of a lookup: plain data, so it survives structured cloning. */
export type AppNameLookup = { known: true; name: string; source: AppNameSource } | { known: false };

/** Text for an id that is not in the bundled list, for tables and exports. */
export const UNKNOWN_APP_LABEL = 'not a known Microsoft application';

const SOURCES: Readonly<Record<string, AppNameSource>> = { g: 'graph', d: 'docs', c: 'community' };

/** Built on the first lookup: a Map of about 3,400 entries costs nothing until a name is needed. */
let namesById: Map<string, { name: string; source: AppNameSource }> | undefined;

/**
 * Looks up the name of an application id. The id is trimmed and compared without regard to
 * letter case, so `00000003-0000-0000-C000-000000000000` is Microsoft Graph.
 */
export function resolveAppName(id: string): AppNameLookup {
  namesById ??= buildNameMap();
  const entry = namesById.get(id.trim().toLowerCase());
  return entry === undefined ? { known: false } : { known: true, name: entry.name, source: entry.source };
}

/** Returns the name of an id, or `UNKNOWN_APP_LABEL` when it is not in the bundled list. */
export function appNameOrUnknown(id: string): string {
  const lookup = resolveAppName(id);
  return lookup.known ? lookup.name : UNKNOWN_APP_LABEL;
}

function buildNameMap(): Map<string, { name: string; source: AppNameSource }> {
  const map = new Map<string, { name: string; source: AppNameSource }>();
  for (const row of FIRST_PARTY_APP_ROWS) {
    const [id = '', code = '', name = ''] = row.split('\t');
    map.set(id, { name, source: SOURCES[code] ?? 'docs' });
  }
  return map;
}
