import { describe, expect, it } from 'vitest';

import { parseCreationTime } from '../../../src/core/time/creation-time.ts';
import { formatUtcTime } from '../../../src/core/time/format-utc-time.ts';

describe('formatUtcTime', () => {
  it('omits the fraction for whole seconds', () => {
    expect(formatUtcTime(Date.UTC(2024, 1, 1, 16) / 1000)).toBe('2024-02-01T16:00:00Z');
  });

  it('writes milliseconds otherwise', () => {
    expect(formatUtcTime(parseCreationTime('2024-02-01T16:00:00.25'))).toBe('2024-02-01T16:00:00.250Z');
    expect(formatUtcTime(parseCreationTime('2024-02-01T16:07:34.9999999'))).toBe('2024-02-01T16:07:34.999Z');
  });
});
