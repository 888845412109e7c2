import { describe, expect, it } from 'vitest';
import { readAuditData, unwrapRecord } from '../../../src/core/read/unwrap-record.ts';

describe('unwrapRecord', () => {
  it('returns a bare record as it is', () => {
    const record = { Id: '1', Operation: 'MailItemsAccessed' };

    expect(unwrapRecord(record)).toEqual({ record });
  });

  it('parses an AuditData string', () => {
    const wrapper = { RecordType: 50, Identity: '1', AuditData: '{"Id":"1","UserId":"ana@example.com"}' };

    expect(unwrapRecord(wrapper)).toEqual({ record: { Id: '1', UserId: 'ana@example.com' } });
  });

  it('takes an AuditData object', () => {
    expect(unwrapRecord({ AuditData: { Id: '2' } })).toEqual({ record: { Id: '2' } });
  });

  it.each([
    [{ AuditData: '{"Id":' }, 'invalid-audit-data'],
    [{ AuditData: '[1,2]' }, 'invalid-audit-data'],
    [{ AuditData: 42 }, 'invalid-audit-data'],
    [{ AuditData: '  ' }, 'missing-audit-data'],
    [{ AuditData: null }, 'missing-audit-data'],
    [[{ Id: '1' }], 'not-a-record'],
    ['text', 'not-a-record'],
    [null, 'not-a-record'],
  ])('skips %j as %s', (value, reason) => {
    expect(unwrapRecord(value)).toEqual({ skip: reason });
  });
});

describe('readAuditData', () => {
  it('reads a CSV cell', () => {
    expect(readAuditData('{"Path":"\\\\Inbox"}')).toEqual({ record: { Path: '\\Inbox' } });
  });

  it('skips a missing cell', () => {
    expect(readAuditData(undefined)).toEqual({ skip: 'missing-audit-data' });
  });
});
