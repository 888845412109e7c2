import { describe, expect, it } from 'vitest';

import { AnalysisSession } from '../../../src/core/analysis/analysis-session.ts';
import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';
import { EWS_APP_ID, ewsRecord, GRAPH_APP_ID, REST_CLIENT_INFO, sweepRecords } from '../record/ews-sample-record.ts';
import { corpusSource, jsonLinesSource } from './audit-file-sources.ts';

const EWS_SAMPLE = 'samples/splunk-escu-datasource_example_log_mailitemsaccessed_ews-python.json';
const EWS_SAMPLE_ORIGINAL = 'splunk-attack-data/security_content_data_source_example_o365_mailitemsaccessed.json';

describe('AnalysisSession', () => {
  it('reports a sweep read from a file', async () => {
    const session = new AnalysisSession();
    const source = jsonLinesSource('sweep.jsonl', sweepRecords(6));
    const report = await session.addFile(source);
    const { summary, findings } = session.detect();

    expect(report).toEqual({
      name: 'sweep.jsonl',
      sizeBytes: source.source.size,
      format: 'json-lines',
      encoding: 'utf-8',
      recordsRead: 6,
      mailItemsAccessed: 6,
      duplicatesRemoved: 0,
      skipped: [],
      notices: [],
      firstRecordTime: Date.UTC(2024, 1, 1, 16, 0, 34) / 1000,
      lastRecordTime: Date.UTC(2024, 1, 1, 16, 5, 34) / 1000,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.clientAppId).toBe(EWS_APP_ID);
    expect(summary).toEqual({
      files: [report],
      recordsRead: 6,
      duplicatesRemoved: 0,
      skippedTotal: 0,
      mailItemsAccessed: 6,
      withAppIds: 6,
      apiAccess: 6,
      grouped: 6,
      groups: 1,
      maxUniqueMailboxes: 6,
      findings: 1,
      params: ESCU_SETTINGS,
    });
  });

  it('counts a duplicate Id across two files once', async () => {
    const session = new AnalysisSession();
    const records = sweepRecords(6);
    const repeated = records.slice(0, 3).map((record) => ({ ...record, Id: `{${String(record.Id).toUpperCase()}}` }));
    const first = await session.addFile(jsonLinesSource('first.jsonl', records));
    const second = await session.addFile(jsonLinesSource('second.jsonl', [...repeated, ewsRecord({ UserId: 'user7@example.onmicrosoft.com' })]));
    const { summary, findings } = session.detect();

    expect(first.duplicatesRemoved).toBe(0);
    expect(second.duplicatesRemoved).toBe(3);
    expect(second.mailItemsAccessed).toBe(4);
    expect(summary.recordsRead).toBe(10);
    expect(summary.duplicatesRemoved).toBe(3);
    expect(summary.mailItemsAccessed).toBe(7);
    expect(findings[0]?.recordCount).toBe(7);
    expect(findings[0]?.uniqueMailboxes).toBe(7);
  });

  it('counts a duplicate Id within one file', async () => {
    const session = new AnalysisSession();
    const [record] = sweepRecords(1);
    const report = await session.addFile(jsonLinesSource('twice.jsonl', [record ?? {}, record ?? {}]));

    expect(report.recordsRead).toBe(2);
    expect(report.duplicatesRemoved).toBe(1);
    expect(session.detect().summary.mailItemsAccessed).toBe(1);
  });

  it('finds the sanitised and the original Splunk sample to be one record', async () => {
    const session = new AnalysisSession();
    await session.addFile(await corpusSource(EWS_SAMPLE));
    const original = await session.addFile(await corpusSource(EWS_SAMPLE_ORIGINAL));

    expect(original.recordsRead).toBe(1);
    expect(original.duplicatesRemoved).toBe(1);
    expect(session.detect().summary.mailItemsAccessed).toBe(1);
  });

  it('never treats records without Id as duplicates', async () => {
    const session = new AnalysisSession();
    const records = sweepRecords(6, { Id: undefined });
    const report = await session.addFile(jsonLinesSource('no-ids.jsonl', [...records, ...records]));

    expect(report.duplicatesRemoved).toBe(0);
    expect(session.detect().summary.mailItemsAccessed).toBe(12);
  });

  it('skips MailItemsAccessed records with an invalid CreationTime', async () => {
    const session = new AnalysisSession();
    const badTimes = ['2024-02-01 16:07:34', '9/20/2023 4:05:03 AM', '', '2024-02-30T00:00:00', 1706803654, null, '/Date(1714989611000)/'];
    const records = [
      ewsRecord(),
      ...badTimes.map((time) => ewsRecord({ CreationTime: time })),
      ewsRecord({ Operation: 'Send', CreationTime: 'yesterday' }),
    ];
    const report = await session.addFile(jsonLinesSource('bad-times.jsonl', records));
    const { summary } = session.detect();

    expect(report.recordsRead).toBe(9);
    expect(report.mailItemsAccessed).toBe(8);
    expect(report.skipped).toEqual([{ reason: 'invalid-creation-time', count: 7, firstLines: [2, 3, 4, 5, 6] }]);
    expect(summary.skippedTotal).toBe(7);
    expect(summary.mailItemsAccessed).toBe(1);
  });

  it('counts records with an empty AppId or ClientAppId as MailItemsAccessed only', async () => {
    const session = new AnalysisSession();
    const records = [...sweepRecords(5), ewsRecord({ AppId: '' }), ewsRecord({ ClientAppId: '' }), ewsRecord({ AppId: null })];
    await session.addFile(jsonLinesSource('app-ids.jsonl', records));
    const { summary } = session.detect();

    expect(summary.mailItemsAccessed).toBe(8);
    expect(summary.withAppIds).toBe(5);
  });

  it('counts an API read without ClientInfoString as not grouped', async () => {
    const session = new AnalysisSession();
    const records = [...sweepRecords(5), ewsRecord({ AppId: GRAPH_APP_ID, ClientInfoString: undefined, UserId: 'user6@example.onmicrosoft.com' })];
    await session.addFile(jsonLinesSource('no-client-info.jsonl', records));
    const { summary, findings } = session.detect();

    expect(summary.apiAccess).toBe(6);
    expect(summary.grouped).toBe(5);
    expect(findings).toEqual([]);
    expect(summary.emptyReason).toBe('below-threshold');
  });

  it('reruns the detection with new parameters', async () => {
    const session = new AnalysisSession();
    await session.addFile(await corpusSource(EWS_SAMPLE));

    expect(session.detect().findings).toEqual([]);

    const { summary, findings } = session.detect({ spanSeconds: 3600, threshold: 0 });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.binStart).toBe(Date.UTC(2024, 1, 1, 16) / 1000);
    expect(findings[0]?.users).toEqual(['user15@example.onmicrosoft.com']);
    expect(summary.params).toEqual({ ...ESCU_SETTINGS, spanSeconds: 3600, threshold: 0 });
    expect(summary.emptyReason).toBeUndefined();
  });

  it('rejects a second addFile while one is running', async () => {
    const session = new AnalysisSession();
    const running = session.addFile(jsonLinesSource('first.jsonl', sweepRecords(6)));

    await expect(session.addFile(jsonLinesSource('second.jsonl', sweepRecords(1)))).rejects.toThrow(/while another file is being read/);
    await running;
    expect(session.files.map((file) => file.name)).toEqual(['first.jsonl']);
  });

  it('reports progress once per slice', async () => {
    const session = new AnalysisSession();
    const source = jsonLinesSource('sweep.jsonl', sweepRecords(6));
    const progress: [number, number][] = [];
    await session.addFile(source, {
      sliceBytes: 1024,
      onProgress: (bytesRead, records) => {
        progress.push([bytesRead, records]);
      },
    });

    expect(progress).toHaveLength(Math.ceil(source.source.size / 1024));
    expect(progress.at(-1)).toEqual([source.source.size, 6]);
  });
});

describe('AnalysisSession empty reasons', () => {
  it('is no-records without files', () => {
    const { summary } = new AnalysisSession().detect();

    expect(summary.recordsRead).toBe(0);
    expect(summary.emptyReason).toBe('no-records');
  });

  it('skips hunting rows without audit-record keys', async () => {
    const session = new AnalysisSession();
    const graphPage = await corpusSource('samples/graph-runhuntingquery_docs-response.json');
    const report = await session.addFile(graphPage);
    const { summary } = session.detect();

    expect(report.recordsRead).toBe(0);
    // The Defender results page contains two process events, and neither is an audit record.
    expect(report.skipped).toEqual([{ reason: 'not-a-record', count: 2, firstLines: [1] }]);
    expect(summary.emptyReason).toBe('no-records');
  });

  it('lists a line holding several skipped values once', async () => {
    const session = new AnalysisSession();
    const report = await session.addFile({ name: 'numbers.json', source: new Blob(['[1,2,3]\n{}\n']) });

    expect(report.skipped).toEqual([{ reason: 'not-a-record', count: 4, firstLines: [1, 2] }]);
  });

  it('is no-mail-items-accessed for Entra ID records', async () => {
    const session = new AnalysisSession();
    const report = await session.addFile(await corpusSource('samples/mgmt-api_docs_retrieve-content_sample-response.json'));
    const { summary } = session.detect();

    expect(report.recordsRead).toBe(3);
    expect(summary.mailItemsAccessed).toBe(0);
    expect(summary.emptyReason).toBe('no-mail-items-accessed');
  });

  it('is no-app-ids for an Outlook for iOS read', async () => {
    const session = new AnalysisSession();
    await session.addFile(await corpusSource('samples/mgmt-api-blob_mailitemsaccessed-bind_office365itpros.json'));
    const { summary } = session.detect();

    expect(summary.mailItemsAccessed).toBe(1);
    expect(summary.withAppIds).toBe(0);
    expect(summary.emptyReason).toBe('no-app-ids');
  });

  it('is no-api-access for REST reads outside Graph', async () => {
    const session = new AnalysisSession();
    await session.addFile(jsonLinesSource('rest.jsonl', sweepRecords(6, { ClientInfoString: REST_CLIENT_INFO })));
    const { summary } = session.detect();

    expect(summary.withAppIds).toBe(6);
    expect(summary.apiAccess).toBe(0);
    expect(summary.emptyReason).toBe('no-api-access');
  });

  it('is below-threshold for the real EWS sample', async () => {
    const session = new AnalysisSession();
    await session.addFile(await corpusSource(EWS_SAMPLE));
    const { summary } = session.detect(ESCU_DEFAULTS);

    expect(summary.apiAccess).toBe(1);
    expect(summary.grouped).toBe(1);
    expect(summary.findings).toBe(0);
    expect(summary.emptyReason).toBe('below-threshold');
  });
});
