// readOperationProperties over each form exports write OperationProperties in.
import { describe, expect, it } from 'vitest';
import { readOperationProperties } from '../../../src/core/record/operation-properties.ts';

const ARRAY = [
  { Name: 'MailAccessType', Value: 'Bind' },
  { Name: 'IsThrottled', Value: 'False' },
];

describe('readOperationProperties', () => {
  it.each([
    ['an array of Name/Value objects', { OperationProperties: ARRAY }, { mailAccessType: 'Bind', isThrottled: false }],
    ['a JSON string', { OperationProperties: JSON.stringify(ARRAY) }, { mailAccessType: 'Bind', isThrottled: false }],
    [
      'PowerShell hashtable text',
      { OperationProperties: '@{Name=MailAccessType; Value=Sync} @{Name=IsThrottled; Value=True}' },
      { mailAccessType: 'Sync', isThrottled: true },
    ],
    [
      'Splunk parallel multivalue fields',
      { 'OperationProperties{}.Name': ['MailAccessType', 'IsThrottled'], 'OperationProperties{}.Value': ['Bind', 'True'] },
      { mailAccessType: 'Bind', isThrottled: true },
    ],
    [
      'a Splunk CSV cell with line breaks',
      { 'OperationProperties{}.Name': 'MailAccessType\nIsThrottled', 'OperationProperties{}.Value': 'Sync\nFalse' },
      { mailAccessType: 'Sync', isThrottled: false },
    ],
    [
      'Hawk flattened columns',
      {
        OperationProperties_0_Name: 'MailAccessType',
        OperationProperties_0_Value: 'Bind',
        OperationProperties_1_Name: 'IsThrottled',
        OperationProperties_1_Value: 'FALSE',
      },
      { mailAccessType: 'Bind', isThrottled: false },
    ],
    ['a boolean IsThrottled', { OperationProperties: [{ Name: 'IsThrottled', Value: true }] }, { isThrottled: true }],
    ['another access type', { OperationProperties: [{ Name: 'MailAccessType', Value: 'Search' }] }, { mailAccessType: 'Search' }],
  ])('reads %s', (_name, record, expected) => {
    expect(readOperationProperties(record)).toEqual(expected);
  });

  it.each([
    ['System.Object[]', { OperationProperties: 'System.Object[]' }],
    ['an absent field', {}],
    ['invalid JSON text', { OperationProperties: '[{"Name":"MailAccessType",' }],
    ['an AttachmentAccess property only', { OperationProperties: [{ Name: 'AttachmentAccessType', Value: 'Bind' }] }],
    ['an unreadable IsThrottled', { OperationProperties: [{ Name: 'IsThrottled', Value: 'maybe' }] }],
  ])('reads %s as absent', (_name, record) => {
    expect(readOperationProperties(record)).toEqual({});
  });
});
