import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { ESCU_RULE, escuRiskMessage } from '../../../src/core/risk/escu-rule.ts';
import { findingId, findingRisk } from '../../../src/core/risk/finding-risk.ts';
import { analyzeJsonLines, readGenerated } from '../report/analyzed-fixture.ts';

const ROGUE_GRAPH_APP = '7d3c1a52-9e0b-4f61-b8a2-5c4e2f1d9a03';

describe('findingRisk', () => {
  it('carries the ESCU risk fields of a planted finding', async () => {
    const { result } = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }]);
    const rogue = result.findings.find((finding) => finding.clientAppId === ROGUE_GRAPH_APP);
    if (rogue === undefined) throw new Error('The planted rogue Graph reader was not found.');

    const risk = findingRisk(rogue);

    expect(risk.message).toBe(
      'An Oauth application identified with id 7d3c1a52-9e0b-4f61-b8a2-5c4e2f1d9a03 accessed multiple mailboxes in a short period of time via an API.',
    );
    expect(risk.score).toBe(42);
    expect(risk.objectField).toBe('user');
    expect(risk.objectType).toBe('user');
    expect(risk.objectRole).toBe('victim');
    expect(risk.mitreAttack).toEqual(['T1114.002']);
    expect(risk.analyticStories).toEqual(['Office 365 Collection Techniques', 'NOBELIUM Group']);
    expect(risk.objects).toEqual(rogue.users);
    expect(risk.objects).toContain('anna.kéller@contoso.example');
  });

  it('computes the score from impact and confidence', () => {
    expect((ESCU_RULE.impact * ESCU_RULE.confidence) / 100).toBe(ESCU_RULE.riskScore);
  });

  it('puts the ClientAppId into the message as given', () => {
    expect(escuRiskMessage('<b>x</b>')).toBe('An Oauth application identified with id <b>x</b> accessed multiple mailboxes in a short period of time via an API.');
  });
});

describe('findingId', () => {
  it('gives each planted finding its own 16-digit id', async () => {
    const { result } = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }]);
    const ids = result.findings.map(findingId);

    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('depends on the group key only', async () => {
    const { result } = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }]);
    const [first] = result.findings;
    if (first === undefined) throw new Error('No finding in the planted file.');

    expect(findingId({ ...first, users: ['someone@contoso.example'], recordCount: 1 })).toBe(findingId(first));
    expect(findingId({ ...first, binStart: first.binStart + 600 })).not.toBe(findingId(first));
    expect(findingId({ ...first, clientInfoString: `${first.clientInfoString} ` })).not.toBe(findingId(first));
  });

  it('is the same for the same data in another export format', async () => {
    const fromJsonLines = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }]);
    const fromPurview = await analyzeSources([{ name: 'planted.purview.csv', source: new Blob([readGenerated('planted.purview.csv')]) }]);

    expect(fromPurview.result.findings.map(findingId)).toEqual(fromJsonLines.result.findings.map(findingId));
  });
});
