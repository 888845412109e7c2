// One planted dataset written in every export shape: each shape read through the core must give
// exactly the planted findings CSV, with the format, encoding, record and duplicate counts that
// the fixture manifest states.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { formatFindingsCsv } from '../../../src/core/export/findings-csv.ts';
import { ESCU_DEFAULTS, type Finding, type NamedSource } from '../../../src/core/types.ts';
import { LOSSY_SHAPE_FILES, type ShapeFixture } from '../../fixtures/generator/shape-files.ts';

const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../../..');
const GENERATED_DIR = path.join(REPOSITORY_ROOT, 'test/fixtures/generated');
const SHAPES_DIR = path.join(GENERATED_DIR, 'shapes');

const SHAPES = JSON.parse(readFileSync(path.join(SHAPES_DIR, 'shapes.json'), 'utf8')) as ShapeFixture[];
const EXPECTED_CSV = readFileSync(path.join(GENERATED_DIR, 'expected-findings.csv'), 'utf8');
const EXPECTED_FINDINGS = JSON.parse(readFileSync(path.join(GENERATED_DIR, 'expected-findings.json'), 'utf8')) as Finding[];

/** Reads the shape's files into memory, so a small slice size costs no file reads. */
function shapeSources(fixture: Pick<ShapeFixture, 'files'>): NamedSource[] {
  return fixture.files.map((file) => ({ name: file, source: new Blob([readFileSync(path.join(SHAPES_DIR, file))]) }));
}

describe('every export shape', () => {
  it('the manifest lists every shape file', () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(29);
    expect(new Set(SHAPES.map((fixture) => fixture.label)).size).toBe(SHAPES.length);
    for (const file of SHAPES.flatMap((fixture) => fixture.files)) {
      expect(existsSync(path.join(SHAPES_DIR, file)), file).toBe(true);
    }
  });

  describe.each(SHAPES)('$label', (fixture) => {
    it('gives the planted findings CSV', async () => {
      const { result } = await analyzeSources(shapeSources(fixture), ESCU_DEFAULTS);

      expect(formatFindingsCsv(result.findings)).toBe(EXPECTED_CSV);
    });

    it('reports format and encoding per file', async () => {
      const { result } = await analyzeSources(shapeSources(fixture), ESCU_DEFAULTS);
      const reports = result.summary.files.map(({ name, format, encoding }) => ({ name, format, encoding }));

      expect(reports).toEqual(fixture.reports);
      expect(result.summary.files.map((report) => report.error)).toEqual(fixture.reports.map(() => undefined));
    });

    it('counts records, duplicates and no skips', async () => {
      const { result } = await analyzeSources(shapeSources(fixture), ESCU_DEFAULTS);

      expect(result.summary.recordsRead).toBe(fixture.recordsRead);
      expect(result.summary.duplicatesRemoved).toBe(fixture.duplicatesRemoved);
      expect(result.summary.files.flatMap((report) => report.skipped)).toEqual([]);
      expect(result.summary.skippedTotal).toBe(0);
    });
  });

  // Seven bytes split every multi-byte character, UTF-16 code unit, BOM and CRLF somewhere.
  it('gives the same findings at a 7-byte slice size', async () => {
    const mismatched: string[] = [];
    for (const fixture of SHAPES) {
      const { result } = await analyzeSources(shapeSources(fixture), ESCU_DEFAULTS, { sliceBytes: 7 });
      if (formatFindingsCsv(result.findings) !== EXPECTED_CSV) {
        mismatched.push(fixture.label);
      }
    }

    expect(mismatched).toEqual([]);
  }, 300_000);

  describe('shapes that lose detection data', () => {
    it('Elastic documents without event.original give normalized src_ip values', async () => {
      const { result } = await analyzeSources(shapeSources({ files: [LOSSY_SHAPE_FILES.elasticWithoutOriginal] }), ESCU_DEFAULTS);

      // client.ip is all that is left of ClientIPAddress, so src_ip shows the normalized addresses.
      const expected = EXPECTED_FINDINGS.map((finding) => ({ ...finding, srcIps: finding.normalizedSrcIps }));
      expect(result.findings).toEqual(expected);
      expect(result.findings[2]?.srcIps).toEqual(['203.0.113.50']);
    });

    it('AuditDataOnly CSV without app id columns gives no finding and says why', async () => {
      const { result } = await analyzeSources(shapeSources({ files: [LOSSY_SHAPE_FILES.auditDataOnlyWithoutAppIds] }), ESCU_DEFAULTS);
      const report = result.summary.files[0];

      expect(result.findings).toEqual([]);
      expect(result.summary.emptyReason).toBe('no-app-ids');
      expect(report?.recordsRead).toBe(SHAPES[0]?.recordsRead);
      expect(report?.notices.map((notice) => notice.code)).toContain('missing-fields');
      expect(report?.notices.find((notice) => notice.code === 'missing-fields')?.message).toMatch(/ClientAppId/);
    });
  });
});
