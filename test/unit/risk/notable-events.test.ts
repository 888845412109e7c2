import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { buildNotableExport, formatNotableJson } from '../../../src/core/risk/notable-events.ts';
import { GENERATED_AT, TEST_VERSION, analyzeJsonLines, readGenerated } from '../report/analyzed-fixture.ts';

const ARCHIVING_CONNECTOR = '5b9e7c31-0d2a-4c8f-9e61-a3b4c5d6e7f8';

async function plantedExport() {
  const bytes = readGenerated('planted.jsonl');
  const { result } = await analyzeJsonLines([{ name: 'planted.jsonl', bytes }]);
  const exported = buildNotableExport(result.findings, {
    version: TEST_VERSION,
    generatedAt: GENERATED_AT,
    settings: ESCU_SETTINGS,
    files: result.summary.files,
  });
  return { bytes, result, exported };
}

describe('buildNotableExport', () => {
  it('writes one notable event per finding in order', async () => {
    const { result, exported } = await plantedExport();

    expect(exported.notable_events).toHaveLength(5);
    expect(exported.notable_events.map((event) => event.ClientAppId)).toEqual(result.findings.map((finding) => finding.clientAppId));
  });

  it('fills a notable event with the search result and ES fields', async () => {
    const { exported } = await plantedExport();
    const [first] = exported.notable_events;

    expect(first).toEqual({
      _time: '2024-03-14T01:00:00Z',
      search_name: 'ESCU - O365 Multiple Mailboxes Accessed via API - Rule',
      rule_name: 'O365 Multiple Mailboxes Accessed via API',
      security_domain: 'threat',
      risk_score: 42,
      risk_message: `An Oauth application identified with id ${ARCHIVING_CONNECTOR} accessed multiple mailboxes in a short period of time via an API.`,
      'annotations.mitre_attack': ['T1114.002'],
      'annotations.analytic_story': ['Office 365 Collection Techniques', 'NOBELIUM Group'],
      ClientAppId: ARCHIVING_CONNECTOR,
      ClientInfoString: 'Client=REST;Client=RESTSystem;;',
      src_ip: ['192.0.2.40'],
      unique_mailboxes: 7,
      user: [
        'user1@contoso.example',
        'user3@contoso.example',
        'user4@contoso.example',
        'user5@contoso.example',
        'user6@contoso.example',
        'user7@contoso.example',
        'user8@contoso.example',
      ],
      record_count: 14,
      first_event_time: '2024-03-14T01:00:53Z',
      last_event_time: '2024-03-14T01:07:18Z',
      src_ip_normalized: ['192.0.2.40'],
      client_app_name: 'not a known Microsoft application',
      mailsweep_finding_id: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown,
    });
  });

  it('writes one risk event per user of each finding', async () => {
    const { result, exported } = await plantedExport();
    const userCount = result.findings.reduce((total, finding) => total + finding.users.length, 0);

    expect(userCount).toBe(36);
    expect(exported.risk_events).toHaveLength(36);
    for (const notable of exported.notable_events) {
      const risks = exported.risk_events.filter((risk) => risk.mailsweep_finding_id === notable.mailsweep_finding_id);
      expect(risks.map((risk) => risk.risk_object)).toEqual(notable.user);
    }
  });

  it('adds up risk per mailbox across findings', async () => {
    const { exported } = await plantedExport();
    const total = (user: string) =>
      exported.risk_events.filter((risk) => risk.risk_object === user).reduce((sum, risk) => sum + risk.risk_score, 0);

    // user1 is read by the archiving connector, the rogue Graph reader and the rogue EWS script.
    expect(total('user1@contoso.example')).toBe(3 * 42);
    expect(total('anna.kéller@contoso.example')).toBe(42);
    expect(exported.risk_events.every((risk) => risk.risk_object_type === 'user' && risk.source === risk.search_name)).toBe(true);
  });

  it('states the version, settings and input hashes', async () => {
    const { bytes, exported } = await plantedExport();

    expect(exported.mailsweep.format).toBe('mailsweep-notable-events');
    expect(exported.mailsweep.generator).toEqual({ name: 'Mailsweep', version: TEST_VERSION });
    expect(exported.mailsweep.generatedAt).toBe('2024-03-15T09:30:00Z');
    expect(exported.mailsweep.detection.settings).toEqual(ESCU_SETTINGS);
    expect(exported.mailsweep.detection.isEscuDefault).toBe(true);
    expect(exported.mailsweep.detection.departures).toEqual([]);
    expect(exported.mailsweep.inputs).toEqual([
      { name: 'planted.jsonl', sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    ]);
  });

  it('names the known Microsoft application', async () => {
    const { result } = await plantedExport();
    const [first] = result.findings;
    if (first === undefined) throw new Error('No finding in the planted file.');
    const graphClient = { ...first, clientAppId: '00000003-0000-0000-c000-000000000000' };

    const exported = buildNotableExport([graphClient], { version: TEST_VERSION, generatedAt: GENERATED_AT, settings: ESCU_SETTINGS, files: [] });

    expect(exported.notable_events[0]?.client_app_name).toBe('Microsoft Graph');
  });
});

describe('formatNotableJson', () => {
  it('round-trips through JSON.parse', async () => {
    const { result, exported } = await plantedExport();
    const text = formatNotableJson(result.findings, {
      version: TEST_VERSION,
      generatedAt: GENERATED_AT,
      settings: ESCU_SETTINGS,
      files: result.summary.files,
    });

    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(exported);
  });
});
