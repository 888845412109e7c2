import { describe, expect, it } from 'vitest';

import { appNameOrUnknown, resolveAppName, UNKNOWN_APP_LABEL } from '../../../src/core/apps/resolve-app-name.ts';

describe('resolveAppName', () => {
  it('names the APIs and apps seen in MailItemsAccessed records', () => {
    expect(resolveAppName('00000003-0000-0000-c000-000000000000')).toEqual({ known: true, name: 'Microsoft Graph', source: 'graph' });
    expect(resolveAppName('00000002-0000-0ff1-ce00-000000000000')).toEqual({
      known: true,
      name: 'Office 365 Exchange Online',
      source: 'graph',
    });
    expect(resolveAppName('47629505-c2b6-4a80-adb1-9b3a3d233b7b')).toEqual({
      known: true,
      name: 'Microsoft Exchange Web Services',
      source: 'docs',
    });
  });

  it('ignores letter case and surrounding spaces', () => {
    expect(resolveAppName(' 00000003-0000-0000-C000-000000000000\t')).toMatchObject({ known: true, name: 'Microsoft Graph' });
    expect(resolveAppName('D3590ED6-52B3-4102-AEFF-AAD2292AB01C')).toMatchObject({ known: true, name: 'Microsoft Office' });
  });

  it('marks ids outside the list as unknown', () => {
    // The rogue reader of the planted fixtures, and an id that is not a GUID (Elastic's test record).
    expect(resolveAppName('7d3c1a52-9e0b-4f61-b8a2-5c4e2f1d9a03')).toEqual({ known: false });
    expect(resolveAppName('7777777-6666-aaaa-bbbb-123456789012')).toEqual({ known: false });
    expect(resolveAppName('')).toEqual({ known: false });
    expect(appNameOrUnknown('7d3c1a52-9e0b-4f61-b8a2-5c4e2f1d9a03')).toBe(UNKNOWN_APP_LABEL);
    expect(appNameOrUnknown('00000003-0000-0000-c000-000000000000')).toBe('Microsoft Graph');
  });

  it('leaves out Graph permission ids', () => {
    // "AccessReview.Read.All - Application" in the upstream list is a permission, not an app.
    expect(resolveAppName('d07a8cc0-3d51-4b77-b3b0-32704d1f69fa')).toEqual({ known: false });
  });

  it('keeps Graph apps whose name ends like a permission', () => {
    expect(resolveAppName('db040338-7cb4-44df-a22b-785bde7ce0e2')).toEqual({
      known: true,
      name: 'RPA - Machine Management Relay Service - Application',
      source: 'graph',
    });
  });

  it('reads upstream ids with trailing junk', () => {
    // Upstream writes these ids with a mis-decoded no-break space or trailing spaces.
    expect(resolveAppName('420c7602-7f70-4895-9394-d3d679ea36fb')).toMatchObject({
      known: true,
      name: 'Microsoft Teams Shared Devices for Faculty',
    });
    expect(resolveAppName('08987058-cadc-4b81-b6e1-30de50dcbe96')).toMatchObject({ known: true, name: 'Windows Hello for Business GUID 1' });
  });

  it('repairs mis-decoded names', () => {
    expect(resolveAppName('b75074f1-4c54-41bf-970f-c9ac871567f5')).toMatchObject({ name: 'Dynamics 365 Operations \u2013 Activity' });
    expect(resolveAppName('d04ca659-b119-4a92-b8fc-3ede584a9d65')).toMatchObject({ name: 'Dataverse for Customer Insights BASE' });
  });

  it('marks community names and unnamed Microsoft apps', () => {
    expect(resolveAppName('04436913-cf0d-4d2a-9cc6-2ffe7f1d3d1c')).toEqual({
      known: true,
      name: 'Windows Notification Service',
      source: 'community',
    });
    expect(resolveAppName('c4b110d7-6f1d-473d-aa9e-6e74b8b8bd4b')).toEqual({
      known: true,
      name: 'Microsoft application without a display name',
      source: 'graph',
    });
  });
});
