// Builds src/core/apps/first-party-app-rows.ts, the bundled names of Microsoft first-party
// applications, from MicrosoftApps.csv of the merill/microsoft-info repository (MIT licence).
//
// Usage: npx tsx scripts/build-app-names.ts [path/to/MicrosoftApps.csv]
// The default input is ../shared/corpus/first-party-apps/MicrosoftApps.csv next to the repository.
// The output is deterministic, and a unit test rebuilds it and compares, so commit both together.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Papa from 'papaparse';

const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..');
export const DEFAULT_INPUT = path.resolve(REPOSITORY_ROOT, '../shared/corpus/first-party-apps/MicrosoftApps.csv');
export const OUTPUT_PATH = path.join(REPOSITORY_ROOT, 'src/core/apps/first-party-app-rows.ts');

/** The upstream copy the bundled data was built from. Update all three when the CSV is refreshed. */
export const UPSTREAM = {
  repository: 'merill/microsoft-info',
  path: '_info/MicrosoftApps.csv',
  commit: '43b8a5d9fb6648f3ef36ec051acd988fdd19558b',
  sha256: 'a4455ea6e13f3a45e67dc963356e42a2eee58e2413f1e57d3d04dcec26ae94c3',
} as const;

const EXPECTED_HEADER = ['AppId', 'AppDisplayName', 'AppOwnerOrganizationId', 'Source'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Graph permission ids from the Microsoft docs dictionary: `Mail.Read - Delegated`,
 * `AccessReview.Read.All - Application`. Rows from the Graph source are service principals, so a
 * name such as `RPA - Machine Management Relay Service - Application` there stays an application.
 */
const PERMISSION_NAME = /^[A-Za-z0-9_.-]+ - (?:Delegated|Application)$/;
const COMMUNITY_SUFFIX = ' [Community Contributed]';

/** Name given to Microsoft-owned service principals that have no display name upstream. */
const UNNAMED_APP = 'Microsoft application without a display name';

/** One-letter source codes stored in the rows. `resolveAppName` expands them. */
const SOURCE_CODES: Readonly<Record<string, string>> = { Graph: 'g', EntraDocs: 'd', Learn: 'd', GitHub: 'c' };

/** Counts of what the build kept and left out, printed by the command line. */
export interface AppNameBuildStats {
  rows: number;
  kept: number;
  permissionRows: number;
  invalidIds: string[];
  duplicateIds: string[];
}

export interface AppNameBuild {
  moduleText: string;
  stats: AppNameBuildStats;
}

/**
 * Builds the text of the generated module from the CSV text. Ids are trimmed, cleared of
 * characters that cannot be in a GUID (three upstream ids end in a mis-decoded no-break space) and
 * lower-cased. Rows that are Graph permission ids or whose id is still not a GUID are left out.
 * When an id repeats, the first row wins: upstream orders rows by source priority.
 * Throws when the header is not the expected one.
 */
export function buildAppNameModule(csvText: string, licenceText: string): AppNameBuild {
  const parsed = Papa.parse<string[]>(csvText, { header: false, skipEmptyLines: true });
  const [header = [], ...dataRows] = parsed.data;
  if (header.join(',') !== EXPECTED_HEADER.join(',')) {
    throw new Error(`MicrosoftApps.csv: unexpected header ${header.join(',')}; expected ${EXPECTED_HEADER.join(',')}.`);
  }

  const stats: AppNameBuildStats = { rows: dataRows.length, kept: 0, permissionRows: 0, invalidIds: [], duplicateIds: [] };
  const rowsById = new Map<string, string>();
  for (const [rawId = '', rawName = '', , source = ''] of dataRows) {
    const name = repairName(rawName);
    if (source === 'EntraDocs' && PERMISSION_NAME.test(name)) {
      stats.permissionRows += 1;
      continue;
    }

    const id = normalizeAppId(rawId);
    if (!GUID.test(id)) {
      stats.invalidIds.push(rawId);
      continue;
    }
    if (rowsById.has(id)) {
      stats.duplicateIds.push(id);
      continue;
    }

    rowsById.set(id, formatRow(id, source, name));
  }

  const rows = [...rowsById.keys()].sort().map((id) => rowsById.get(id) ?? '');
  stats.kept = rows.length;
  return { moduleText: renderModule(rows, licenceText), stats };
}

/** Lower-cases an upstream id and removes every character other than hex digits and hyphens. */
export function normalizeAppId(rawId: string): string {
  return rawId.trim().toLowerCase().replace(/[^0-9a-f-]/g, '');
}

/**
 * Repairs names whose UTF-8 bytes were read as Latin-1 upstream (`â€“` for an en dash, `Â` before a
 * no-break space), then folds runs of white space, no-break spaces included, into one space.
 */
export function repairName(rawName: string): string {
  let name = rawName;
  const onlyLatin1 = !/[\u0100-\uffff]/.test(name);
  if (onlyLatin1 && /[\u0080-\u00ff]/.test(name)) {
    const bytes = Uint8Array.from(name, (character) => character.charCodeAt(0));
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Not UTF-8 read as Latin-1 after all: the Latin-1 text is the name as written.
    }
  }
  return name.replace(/\s+/g, ' ').trim();
}

function formatRow(id: string, source: string, name: string): string {
  const code = SOURCE_CODES[source] ?? 'd';
  const community = name.endsWith(COMMUNITY_SUFFIX);
  const bareName = community ? name.slice(0, -COMMUNITY_SUFFIX.length) : name;
  return `${id}\t${community ? 'c' : code}\t${bareName === '' ? UNNAMED_APP : bareName}`;
}

function renderModule(rows: string[], licenceText: string): string {
  const licenceLines = licenceText.trim().split('\n').map((line) => ` * ${line}`.trimEnd());
  return [
    '/*! @license',
    ` * Names of Microsoft first-party applications from ${UPSTREAM.repository}, file ${UPSTREAM.path},`,
    ` * commit ${UPSTREAM.commit} (input sha256 ${UPSTREAM.sha256}).`,
    ' *',
    ...licenceLines,
    ' */',
    '',
    '// Generated by scripts/build-app-names.ts; do not edit. Rebuild with `npm run app-names`.',
    '',
    '/** Where the rows come from, for an about box or a report. */',
    'export const FIRST_PARTY_APPS_SOURCE = {',
    `  repository: ${JSON.stringify(UPSTREAM.repository)},`,
    `  path: ${JSON.stringify(UPSTREAM.path)},`,
    `  commit: ${JSON.stringify(UPSTREAM.commit)},`,
    "  licence: 'MIT License, Copyright (c) 2023 Merill Fernando',",
    '} as const;',
    '',
    '/**',
    ' * One row per application, sorted by id: the lower-case GUID, a tab, the source code, a tab and',
    ' * the name. Source codes: `g` a Microsoft-owned service principal read through Microsoft Graph,',
    ' * `d` the GUID dictionary of the Microsoft Entra docs, `c` a community contribution.',
    ' */',
    'export const FIRST_PARTY_APP_ROWS: readonly string[] = [',
    ...rows.map((row) => `  ${JSON.stringify(row)},`),
    '];',
    '',
  ].join('\n');
}

/** Reads the licence text that ships next to the generated module. */
export function readLicenceText(): string {
  return readFileSync(path.join(REPOSITORY_ROOT, 'src/core/apps/LICENSE-first-party-apps.txt'), 'utf8');
}

function main(inputPath: string): void {
  const bytes = readFileSync(inputPath);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== UPSTREAM.sha256) {
    throw new Error(
      `${inputPath} has sha256 ${digest}, not the recorded ${UPSTREAM.sha256}. ` +
        'If the CSV was refreshed on purpose, update UPSTREAM (commit and sha256) in scripts/build-app-names.ts.',
    );
  }

  const { moduleText, stats } = buildAppNameModule(bytes.toString('utf8'), readLicenceText());
  writeFileSync(OUTPUT_PATH, moduleText);
  console.log(
    `Wrote ${path.relative(REPOSITORY_ROOT, OUTPUT_PATH)}: ${stats.kept} of ${stats.rows} rows; ` +
      `left out ${stats.permissionRows} permission ids, ${stats.invalidIds.length} invalid ids, ${stats.duplicateIds.length} repeated ids.`,
  );
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && path.resolve(invokedPath) === fileURLToPath(import.meta.url)) {
  main(process.argv[2] ?? DEFAULT_INPUT);
}
