import { describe, expect, it } from 'vitest';

import {
  apiAccessFlags,
  EWS_CLIENT_INFO_FLAG,
  GRAPH_APP_ID_FLAG,
  hasAppIds,
  isMailItemsAccessed,
} from '../../../src/core/detect/escu-filters.ts';
import { readAuditFields } from '../../../src/core/record/audit-fields.ts';
import { EWS_CLIENT_INFO, ewsRecord, GRAPH_APP_ID, REST_CLIENT_INFO } from '../record/ews-sample-record.ts';

function fieldsOf(fields: Record<string, unknown>) {
  return readAuditFields(ewsRecord(fields));
}

describe('isMailItemsAccessed', () => {
  it('passes the real record', () => {
    expect(isMailItemsAccessed(fieldsOf({}))).toBe(true);
  });

  it('compares Workload and Operation without regard to case', () => {
    expect(isMailItemsAccessed(fieldsOf({ Workload: 'exchange', Operation: 'mailitemsaccessed' }))).toBe(true);
    expect(isMailItemsAccessed(fieldsOf({ Workload: 'EXCHANGE', Operation: 'MAILITEMSACCESSED' }))).toBe(true);
  });

  it('rejects other workloads and operations', () => {
    expect(isMailItemsAccessed(fieldsOf({ Workload: 'SharePoint' }))).toBe(false);
    expect(isMailItemsAccessed(fieldsOf({ Operation: 'MailItemsAccessedX' }))).toBe(false);
    expect(isMailItemsAccessed(fieldsOf({ Operation: 'Send' }))).toBe(false);
    expect(isMailItemsAccessed(fieldsOf({ Workload: undefined }))).toBe(false);
  });
});

describe('hasAppIds', () => {
  it('passes the real record', () => {
    expect(hasAppIds(fieldsOf({}))).toBe(true);
  });

  it('treats an empty AppId as missing', () => {
    expect(hasAppIds(fieldsOf({ AppId: '' }))).toBe(false);
  });

  it('treats an empty ClientAppId as missing', () => {
    expect(hasAppIds(fieldsOf({ ClientAppId: '' }))).toBe(false);
  });

  it('treats null and absent ids as missing', () => {
    expect(hasAppIds(fieldsOf({ AppId: null }))).toBe(false);
    expect(hasAppIds(fieldsOf({ ClientAppId: undefined }))).toBe(false);
  });
});

describe('apiAccessFlags', () => {
  it('flags ExchangeWebServicesProxy as EWS', () => {
    expect(apiAccessFlags(fieldsOf({}))).toBe(EWS_CLIENT_INFO_FLAG);
  });

  it('flags plain ExchangeWebServices as EWS', () => {
    expect(apiAccessFlags(fieldsOf({ ClientInfoString: 'Client=WebServices;ExchangeWebServices/1.0' }))).toBe(EWS_CLIENT_INFO_FLAG);
  });

  it('matches the EWS pattern case-sensitively', () => {
    expect(apiAccessFlags(fieldsOf({ ClientInfoString: EWS_CLIENT_INFO.toLowerCase() }))).toBe(0);
    expect(apiAccessFlags(fieldsOf({ ClientInfoString: 'client=webservices;ExchangeWebServicesProxy/CrossSite' }))).toBe(0);
  });

  it('anchors the EWS pattern at the start', () => {
    expect(apiAccessFlags(fieldsOf({ ClientInfoString: ` ${EWS_CLIENT_INFO}` }))).toBe(0);
    expect(apiAccessFlags(fieldsOf({ ClientInfoString: `Client=OWA;${EWS_CLIENT_INFO}` }))).toBe(0);
  });

  it('flags the Graph AppId in any case', () => {
    expect(apiAccessFlags(fieldsOf({ AppId: GRAPH_APP_ID, ClientInfoString: REST_CLIENT_INFO }))).toBe(GRAPH_APP_ID_FLAG);
    expect(apiAccessFlags(fieldsOf({ AppId: GRAPH_APP_ID.toUpperCase(), ClientInfoString: REST_CLIENT_INFO }))).toBe(GRAPH_APP_ID_FLAG);
  });

  it('sets both flags for a Graph AppId with an EWS ClientInfoString', () => {
    expect(apiAccessFlags(fieldsOf({ AppId: GRAPH_APP_ID }))).toBe(GRAPH_APP_ID_FLAG | EWS_CLIENT_INFO_FLAG);
  });

  it('flags nothing for other apps', () => {
    expect(apiAccessFlags(fieldsOf({ ClientInfoString: 'Client=OutlookService;Outlook-iOS/2.0;' }))).toBe(0);
    expect(apiAccessFlags(fieldsOf({ AppId: `{${GRAPH_APP_ID}}`, ClientInfoString: REST_CLIENT_INFO }))).toBe(0);
    expect(apiAccessFlags(fieldsOf({ ClientInfoString: undefined }))).toBe(0);
  });
});
