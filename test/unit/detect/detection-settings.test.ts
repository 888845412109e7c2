import { describe, expect, it } from 'vitest';

import {
  detectionSettingsErrors,
  ESCU_SETTINGS,
  readDetectionSettings,
  resolveDetectionSettings,
  validateDetectionSettings,
  type DetectionSettings,
} from '../../../src/core/detect/detection-settings.ts';
import { departuresFromEscu, formatSpan } from '../../../src/core/detect/escu-departures.ts';

/** A tenant's tuning: an hourly sliding window over delegated reads of two Graph-like APIs. */
const TUNED: DetectionSettings = {
  spanSeconds: 3600,
  threshold: 20,
  graphAppIds: ['00000003-0000-0000-c000-000000000000', '00000002-0000-0ff1-ce00-000000000000'],
  ewsPattern: '',
  identity: 'MailboxOwnerUPN',
  foldUserCase: true,
  window: 'sliding',
  includeNearMisses: true,
};

describe('detectionSettingsErrors', () => {
  it('accepts ESCU and tuned settings', () => {
    expect(detectionSettingsErrors(ESCU_SETTINGS)).toEqual([]);
    expect(detectionSettingsErrors(TUNED)).toEqual([]);
  });

  it('names each invalid field', () => {
    const errors = detectionSettingsErrors({
      ...ESCU_SETTINGS,
      spanSeconds: 0,
      graphAppIds: ['00000003-0000-0000-c000-000000000000', '{00000003-0000-0000-c000-000000000000}'],
      ewsPattern: '^Client=(WebServices',
      identity: 'user',
    });

    expect(errors).toHaveLength(4);
    expect(errors[0]).toBe('Invalid bin span 0 (spanSeconds): expected a whole number of seconds, 1 or more.');
    expect(errors[1]).toBe(
      'Invalid Graph AppId "{00000003-0000-0000-c000-000000000000}" (graphAppIds[1]): expected a GUID such as 00000003-0000-0000-c000-000000000000.',
    );
    expect(errors[2]).toMatch(/^Invalid EWS pattern "\^Client=\(WebServices" \(ewsPattern\): .*Write a JavaScript regular expression/);
    expect(errors[3]).toBe('Invalid counted identity "user" (identity): expected "UserId" or "MailboxOwnerUPN".');
  });

  it('reports missing fields', () => {
    expect(detectionSettingsErrors({ spanSeconds: 600, threshold: 5 })).toEqual([
      "Missing setting graphAppIds: set it or leave out the whole settings object to use ESCU's.",
      "Missing setting ewsPattern: set it or leave out the whole settings object to use ESCU's.",
      "Missing setting identity: set it or leave out the whole settings object to use ESCU's.",
      "Missing setting foldUserCase: set it or leave out the whole settings object to use ESCU's.",
      "Missing setting window: set it or leave out the whole settings object to use ESCU's.",
      "Missing setting includeNearMisses: set it or leave out the whole settings object to use ESCU's.",
    ]);
  });

  it('rejects a value that is not an object', () => {
    expect(detectionSettingsErrors('ESCU')[0]).toMatch(/^Invalid detection settings "ESCU": expected an object with the fields spanSeconds, threshold/);
    expect(detectionSettingsErrors(null)).toHaveLength(1);
    expect(detectionSettingsErrors([ESCU_SETTINGS])).toHaveLength(1);
  });

  it('rejects wrong types in each field', () => {
    const errors = detectionSettingsErrors({
      spanSeconds: '600',
      threshold: Number.POSITIVE_INFINITY,
      graphAppIds: '00000003-0000-0000-c000-000000000000',
      ewsPattern: 5,
      identity: 'UserId',
      foldUserCase: 'no',
      window: 'tumbling',
      includeNearMisses: 1,
    });

    expect(errors.map((error) => /\((\w+)\):/.exec(error)?.[1])).toEqual([
      'spanSeconds',
      'threshold',
      'graphAppIds',
      'ewsPattern',
      'foldUserCase',
      'window',
      'includeNearMisses',
    ]);
  });
});

describe('validateDetectionSettings', () => {
  it('throws one RangeError listing every invalid field', () => {
    const settings = { ...ESCU_SETTINGS, threshold: -1, window: 'hopping' } as unknown as DetectionSettings;

    expect(() => {
      validateDetectionSettings(settings);
    }).toThrow(RangeError);
    expect(() => {
      validateDetectionSettings(settings);
    }).toThrow(
      'Invalid threshold -1 (threshold): expected a number of distinct mailboxes, 0 or more. Invalid window mode "hopping" (window): expected "fixed" or "sliding".',
    );
  });
});

describe('resolveDetectionSettings', () => {
  it('fills left-out fields from ESCU', () => {
    expect(resolveDetectionSettings({ spanSeconds: 300, threshold: 2 })).toEqual({ ...ESCU_SETTINGS, spanSeconds: 300, threshold: 2 });
  });

  it('keeps given fields and copies the id list', () => {
    const resolved = resolveDetectionSettings(TUNED);

    expect(resolved).toEqual(TUNED);
    expect(resolved.graphAppIds).not.toBe(TUNED.graphAppIds);
  });

  it('drops keys that are not settings', () => {
    const withExtra = { ...ESCU_SETTINGS, allowList: [] } as DetectionSettings;

    expect(Object.keys(resolveDetectionSettings(withExtra))).toEqual(Object.keys(ESCU_SETTINGS));
  });
});

describe('readDetectionSettings', () => {
  it('reads stored tuned settings unchanged', () => {
    expect(readDetectionSettings(JSON.parse(JSON.stringify(TUNED)))).toEqual({ settings: TUNED, errors: [] });
  });

  it('replaces only the invalid fields', () => {
    const { settings, errors } = readDetectionSettings({ ...TUNED, threshold: 'twenty', ewsPattern: '[' });

    expect(settings).toEqual({ ...TUNED, threshold: ESCU_SETTINGS.threshold, ewsPattern: ESCU_SETTINGS.ewsPattern });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe('Invalid threshold "twenty" (threshold): expected a number of distinct mailboxes, 0 or more. Using ESCU\'s value.');
    expect(errors[1]).toMatch(/^Invalid EWS pattern "\[" \(ewsPattern\): .* Using ESCU's value\.$/);
  });

  it('fills missing fields without an error', () => {
    expect(readDetectionSettings({ threshold: 8, window: 'sliding' })).toEqual({
      settings: { ...ESCU_SETTINGS, threshold: 8, window: 'sliding' },
      errors: [],
    });
  });

  it('falls back to ESCU for a value that is not an object', () => {
    const { settings, errors } = readDetectionSettings(42);

    expect(settings).toEqual(ESCU_SETTINGS);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Invalid detection settings 42/);
  });
});

describe('departuresFromEscu', () => {
  it('lists nothing for ESCU settings', () => {
    expect(departuresFromEscu(ESCU_SETTINGS)).toEqual([]);
  });

  it('ignores case, spacing and order of Graph ids', () => {
    expect(departuresFromEscu({ ...ESCU_SETTINGS, graphAppIds: [' 00000003-0000-0000-C000-000000000000 '] })).toEqual([]);
  });

  it('labels every departure', () => {
    expect(departuresFromEscu(TUNED)).toEqual([
      'Bin span 1 hour (ESCU: 10 minutes).',
      'Finding when more than 20 mailboxes are read (ESCU: more than 5).',
      'Graph AppIds: 00000003-0000-0000-c000-000000000000, 00000002-0000-0ff1-ce00-000000000000 (ESCU: 00000003-0000-0000-c000-000000000000).',
      'EWS ClientInfoString pattern: none, so no read counts as an EWS read (ESCU: /^Client=WebServices;ExchangeWebServices/).',
      'Counts distinct MailboxOwnerUPN values as mailboxes (ESCU: distinct UserId values).',
      'User names that differ only in letter case count as one mailbox (ESCU: compared case-sensitively).',
      'Sliding 1 hour window, so a burst across a bin edge counts (ESCU: fixed bins aligned to the Unix epoch).',
      'Near misses listed: groups at the threshold or one below it (ESCU lists none).',
    ]);
  });

  it('labels an empty Graph list and a custom EWS pattern', () => {
    expect(departuresFromEscu({ ...ESCU_SETTINGS, graphAppIds: [], ewsPattern: '^Client=WebServices;' })).toEqual([
      'Graph AppIds: none, so no read counts as a Graph read (ESCU: 00000003-0000-0000-c000-000000000000).',
      'EWS ClientInfoString pattern: /^Client=WebServices;/ (ESCU: /^Client=WebServices;ExchangeWebServices/).',
    ]);
  });
});

describe('formatSpan', () => {
  it.each([
    [600, '10 minutes'],
    [60, '1 minute'],
    [3600, '1 hour'],
    [7200, '2 hours'],
    [90, '90 seconds'],
    [1, '1 second'],
  ])('formats %i seconds', (seconds, text) => {
    expect(formatSpan(seconds)).toBe(text);
  });
});
