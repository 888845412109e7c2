import { describe, expect, it } from 'vitest';

import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { buildTimeline } from '../../../src/core/detect/timeline.ts';
import { FIXTURE_PATHS } from '../../fixtures/generator/fixture-set.ts';
import { SCENARIO_APPS } from '../../fixtures/generator/scenario-directory.ts';
import { parseJsonLines, readRepositoryFile } from '../fixtures/fixture-files.ts';
import { EWS_APP_ID, EWS_CLIENT_INFO, ewsRecord, GRAPH_APP_ID, REST_CLIENT_INFO, sweepRecords } from '../record/ews-sample-record.ts';
import { indexRecords } from './index-records.ts';

const seconds = (iso: string) => Date.parse(`${iso}Z`) / 1000;

const plantedRecords = (() => {
  const seen = new Set<unknown>();
  return parseJsonLines(readRepositoryFile(FIXTURE_PATHS.jsonLines)).filter((record) => !seen.has(record.Id) && seen.add(record.Id));
})();

describe('buildTimeline', () => {
  it('counts mailboxes per bin across client strings', () => {
    const records = [
      ...sweepRecords(6),
      ewsRecord({ UserId: 'user1@example.onmicrosoft.com', ClientInfoString: `${EWS_CLIENT_INFO}x`, CreationTime: '2024-02-01T16:09:00' }),
      ewsRecord({ UserId: 'user7@example.onmicrosoft.com', ClientInfoString: `${EWS_CLIENT_INFO}x`, CreationTime: '2024-02-01T16:09:30' }),
      ewsRecord({ UserId: 'user7@example.onmicrosoft.com', CreationTime: '2024-02-01T17:15:00' }),
      ewsRecord({ UserId: 'user8@example.onmicrosoft.com', ClientInfoString: undefined, AppId: GRAPH_APP_ID, CreationTime: '2024-02-01T17:16:00' }),
      ...sweepRecords(2, { ClientAppId: '7c5a1e2b-0000-4000-8000-00000000b0b0', AppId: GRAPH_APP_ID, ClientInfoString: REST_CLIENT_INFO }),
    ];

    expect(buildTimeline(indexRecords(records), ESCU_SETTINGS)).toEqual({
      spanSeconds: 600,
      threshold: 5,
      firstBinStart: seconds('2024-02-01T16:00:00'),
      lastBinStart: seconds('2024-02-01T17:10:00'),
      apps: [
        {
          clientAppId: EWS_APP_ID,
          binStarts: [seconds('2024-02-01T16:00:00'), seconds('2024-02-01T17:10:00')],
          mailboxes: [7, 1],
          records: [8, 1],
          maxMailboxes: 7,
        },
        {
          clientAppId: '7c5a1e2b-0000-4000-8000-00000000b0b0',
          binStarts: [seconds('2024-02-01T16:00:00')],
          mailboxes: [2],
          records: [2],
          maxMailboxes: 2,
        },
      ],
    });
  });

  it('applies the counted identity and case folding', () => {
    const records = [
      ewsRecord({ UserId: 'svc@example.onmicrosoft.com', MailboxOwnerUPN: 'CEO@example.onmicrosoft.com' }),
      ewsRecord({ UserId: 'svc@example.onmicrosoft.com', MailboxOwnerUPN: 'ceo@example.onmicrosoft.com' }),
      ewsRecord({ UserId: 'svc@example.onmicrosoft.com', MailboxOwnerUPN: 'cfo@example.onmicrosoft.com' }),
    ];
    const index = indexRecords(records);

    expect(buildTimeline(index, ESCU_SETTINGS).apps[0]?.mailboxes).toEqual([1]);
    expect(buildTimeline(index, { ...ESCU_SETTINGS, identity: 'MailboxOwnerUPN' }).apps[0]?.mailboxes).toEqual([3]);
    expect(buildTimeline(index, { ...ESCU_SETTINGS, identity: 'MailboxOwnerUPN', foldUserCase: true }).apps[0]?.mailboxes).toEqual([2]);
  });

  it('is empty without API reads', () => {
    expect(buildTimeline(indexRecords(sweepRecords(3, { ClientInfoString: REST_CLIENT_INFO })), ESCU_SETTINGS)).toEqual({
      spanSeconds: 600,
      threshold: 5,
      apps: [],
    });
  });

  it('shows the planted sweeps as peaks', () => {
    const timeline = buildTimeline(indexRecords(plantedRecords), { ...ESCU_SETTINGS, spanSeconds: 300 });
    const byApp = new Map(timeline.apps.map((app) => [app.clientAppId, app]));

    expect(timeline.spanSeconds).toBe(300);
    expect(timeline.apps[0]?.clientAppId).toBe(SCENARIO_APPS.rogueGraphReader.clientAppId);
    expect(byApp.get(SCENARIO_APPS.rogueGraphReader.clientAppId)?.maxMailboxes).toBe(9);
    expect(byApp.get(SCENARIO_APPS.triageBot.clientAppId)?.binStarts).toEqual([seconds('2024-03-14T14:05:00'), seconds('2024-03-14T14:10:00')]);
    expect(byApp.has(SCENARIO_APPS.journalExporter.clientAppId)).toBe(false);
    expect(byApp.has(SCENARIO_APPS.legacyEwsTool.clientAppId)).toBe(false);
    for (const app of timeline.apps) {
      expect(app.binStarts.every((bin, i) => i === 0 || bin > (app.binStarts[i - 1] ?? 0))).toBe(true);
      expect(app.binStarts.every((bin) => bin % 300 === 0)).toBe(true);
    }
  });

  it('rejects invalid settings', () => {
    expect(() => buildTimeline(indexRecords([]), { ...ESCU_SETTINGS, spanSeconds: -600 })).toThrow(/\(spanSeconds\)/);
  });
});
