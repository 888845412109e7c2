import { afterEach } from 'vitest';

/**
 * Puts back the process time zone after each test of the calling suite, so a test may set
 * `process.env.TZ` to prove that a parser does not depend on it.
 */
export function restoreTimeZoneAfterEach(): void {
  const originalTimeZone = process.env.TZ;

  afterEach(() => {
    if (originalTimeZone === undefined) {
      delete process.env.TZ;
    } else {
      process.env.TZ = originalTimeZone;
    }
  });
}
