// The bundled app names must be exactly what the generator builds from the corpus copy of
// MicrosoftApps.csv, so the committed data cannot drift from its source or its licence notice.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { buildAppNameModule, DEFAULT_INPUT, OUTPUT_PATH, readLicenceText, UPSTREAM } from '../../../scripts/build-app-names.ts';
import { FIRST_PARTY_APP_ROWS } from '../../../src/core/apps/first-party-app-rows.ts';

const csvBytes = readFileSync(DEFAULT_INPUT);

describe('bundled first-party app names', () => {
  it('come from the recorded upstream copy', () => {
    expect(createHash('sha256').update(csvBytes).digest('hex')).toBe(UPSTREAM.sha256);
  });

  it('match a fresh build byte for byte', () => {
    const { moduleText } = buildAppNameModule(csvBytes.toString('utf8'), readLicenceText());

    expect(moduleText).toBe(readFileSync(OUTPUT_PATH, 'utf8'));
  });

  it('keep every application row and leave out the permissions', () => {
    const { stats } = buildAppNameModule(csvBytes.toString('utf8'), readLicenceText());

    expect(stats.rows).toBe(4428);
    expect(stats.permissionRows).toBe(1047);
    expect(stats.invalidIds).toEqual([]);
    expect(stats.duplicateIds).toEqual([]);
    expect(stats.kept).toBe(4428 - 1047);
    expect(FIRST_PARTY_APP_ROWS).toHaveLength(stats.kept);
  });

  it('carry the MIT licence notice', () => {
    const moduleText = readFileSync(OUTPUT_PATH, 'utf8');

    expect(moduleText.startsWith('/*! @license')).toBe(true);
    expect(moduleText).toContain('Copyright (c) 2023 Merill Fernando');
    expect(moduleText).toContain('The above copyright notice and this permission notice shall be included');
    expect(moduleText).toContain(UPSTREAM.commit);
  });

  it('are sorted lower-case GUIDs with a source code and a name', () => {
    const ids = FIRST_PARTY_APP_ROWS.map((row) => row.split('\t')[0] ?? '');

    expect(ids).toEqual([...ids].sort());
    for (const row of FIRST_PARTY_APP_ROWS) {
      expect(row).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\t[gdc]\t\S/);
    }
  });
});
