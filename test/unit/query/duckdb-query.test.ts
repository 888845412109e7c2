// The exported DuckDB query, run with DuckDB on the planted fixture export, must give the findings
// of Mailsweep's own detection for each setting it can express.

import { openAsBlob } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import type { AnalysisSession } from '../../../src/core/analysis/analysis-session.ts';
import { ESCU_SETTINGS, type DetectionSettings } from '../../../src/core/detect/detection-settings.ts';
import { buildDuckDbQuery } from '../../../src/core/query/duckdb-query.ts';
import { REPOSITORY_ROOT } from '../fixtures/fixture-files.ts';
import { findingRows, runDuckDbQuery } from './duckdb-runner.ts';

const JSON_LINES = path.join(REPOSITORY_ROOT, 'test/fixtures/generated/planted.jsonl');
const PURVIEW_CSV = path.join(REPOSITORY_ROOT, 'test/fixtures/generated/planted.purview.csv');

function settingsWith(changes: Partial<DetectionSettings>): DetectionSettings {
  return { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds], ...changes };
}

let session: AnalysisSession;

beforeAll(async () => {
  ({ session } = await analyzeSources([{ name: 'planted.jsonl', source: await openAsBlob(JSON_LINES) }]));
});

describe('DuckDB query', () => {
  it('gives the planted findings with ESCU settings', async () => {
    const expected = findingRows(session.detect(ESCU_SETTINGS).findings);

    const rows = await runDuckDbQuery(buildDuckDbQuery(settingsWith({}), [], { format: 'json-lines', path: JSON_LINES }));

    expect(expected).toHaveLength(5);
    expect(rows).toEqual(expected);
  });

  it('reads the AuditData column of a Purview CSV', async () => {
    const { result } = await analyzeSources([{ name: 'planted.purview.csv', source: await openAsBlob(PURVIEW_CSV) }]);

    const rows = await runDuckDbQuery(buildDuckDbQuery(settingsWith({}), [], { format: 'purview-csv', path: PURVIEW_CSV }));

    expect(result.findings).toHaveLength(5);
    expect(rows).toEqual(findingRows(result.findings));
  });

  const variants: [string, Partial<DetectionSettings>, number][] = [
    // 20-minute bins join the archiver's two bins into one and the triage bot's 3 + 3 mailboxes
    // at 14:08 and 14:11; more than 4 also takes the reporting tool's 5.
    ['a longer span and a lower threshold', { spanSeconds: 1200, threshold: 4 }, 6],
    ['an uneven span', { spanSeconds: 420 }, 9],
    ['Graph reads only', { ewsPattern: '' }, 4],
    ['EWS reads only', { graphAppIds: [] }, 1],
    // The EWS tool that logs `client=webservices;...` at 16:20 passes a case-insensitive pattern.
    ['a custom EWS pattern', { ewsPattern: '^[Cc]lient=[Ww]eb[Ss]ervices;' }, 6],
    ['MailboxOwnerUPN as the counted identity', { identity: 'MailboxOwnerUPN' }, 5],
    // The CRM sync's six UserIds are three mailboxes in two letter cases.
    ['user names folded to lower case', { foldUserCase: true }, 4],
    ['no API filter at all', { graphAppIds: [], ewsPattern: '' }, 0],
  ];

  for (const [name, changes, findingCount] of variants) {
    it(`agrees with Mailsweep for ${name}`, async () => {
      const settings = settingsWith(changes);
      const expected = findingRows(session.detect(settings).findings);

      const rows = await runDuckDbQuery(buildDuckDbQuery(settings, [], { format: 'json-lines', path: JSON_LINES }));

      expect(expected).toHaveLength(findingCount);
      expect(rows).toEqual(expected);
    });
  }

  it('flags near misses as Mailsweep lists them', async () => {
    const settings = settingsWith({ includeNearMisses: true });
    const result = session.detect(settings);
    const expected = [
      ...findingRows(result.findings).map((row) => ({ ...row, nearMiss: false })),
      ...findingRows(result.nearMisses ?? []).map((row) => ({ ...row, nearMiss: true })),
    ].sort(
      (left, right) =>
        left.binStart - right.binStart ||
        compare(left.clientAppId, right.clientAppId) ||
        compare(left.clientInfoString, right.clientInfoString),
    );

    const rows = await runDuckDbQuery(buildDuckDbQuery(settings, [], { format: 'json-lines', path: JSON_LINES }));

    expect(result.nearMisses?.length).toBeGreaterThan(0);
    expect(rows).toEqual(expected);
  });
});

function compare(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}
