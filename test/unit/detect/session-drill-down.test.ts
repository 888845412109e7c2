// Drill-down and timeline after reading real export files, so the details come through the readers.
import { openAsBlob } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { AnalysisSession } from '../../../src/core/analysis/analysis-session.ts';
import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { FIXTURE_PATHS } from '../../fixtures/generator/fixture-set.ts';
import { SCENARIO_APPS } from '../../fixtures/generator/scenario-directory.ts';
import { REPOSITORY_ROOT } from '../fixtures/fixture-files.ts';

async function sessionOf(relativePath: string): Promise<AnalysisSession> {
  const session = new AnalysisSession();
  await session.addFile({ name: path.basename(relativePath), source: await openAsBlob(path.join(REPOSITORY_ROOT, relativePath)) });
  return session;
}

describe('drill-down after reading an export', () => {
  it.each([FIXTURE_PATHS.purviewCsv, FIXTURE_PATHS.searchUalCsv, FIXTURE_PATHS.managementApiJson])('reads the details from %s', async (relativePath) => {
    const session = await sessionOf(relativePath);
    const { findings } = session.detect(ESCU_SETTINGS);
    const rogue = findings.find((finding) => finding.clientAppId === SCENARIO_APPS.rogueGraphReader.clientAppId);
    if (rogue === undefined) throw new Error(`No rogue Graph reader finding in ${relativePath}.`);

    const result = session.drillDown(rogue, ESCU_SETTINGS);

    expect(result.records).toHaveLength(27);
    expect(result.throttledRecords).toBe(1);
    expect(result.records.every((record) => record.mailAccessType === 'Bind')).toBe(true);
    expect(result.records.every((record) => record.folderPaths.length > 0)).toBe(true);
    expect(result.records.every((record) => record.operationCount !== undefined && record.operationCount === record.messageIdCount)).toBe(true);
  });

  it('gives the timeline with the threshold', async () => {
    const session = await sessionOf(FIXTURE_PATHS.purviewCsv);
    const timeline = session.timeline({ ...ESCU_SETTINGS, threshold: 4 });

    expect(timeline.threshold).toBe(4);
    expect(timeline.apps[0]?.clientAppId).toBe(SCENARIO_APPS.rogueGraphReader.clientAppId);
    expect(timeline.apps[0]?.maxMailboxes).toBe(9);
  });
});
