// The record-level tests of Splunk ESCU "O365 Multiple Mailboxes Accessed via API" (versions 3
// and 4 share one search):
//   Workload=Exchange Operation=MailItemsAccessed AppId=* ClientAppId=*
//   | eval matchRegex=if(match(ClientInfoString, "^Client=WebServices;ExchangeWebServices"), 1, 0)
//   | search (AppId="00000003-0000-0000-c000-000000000000" OR matchRegex=1)

import type { AuditFields } from '../record/audit-fields.ts';

/** AppId of Microsoft Graph. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** ESCU's EWS test. It is case-sensitive and also matches `ExchangeWebServicesProxy/...`. */
export const EWS_CLIENT_INFO_PATTERN = /^Client=WebServices;ExchangeWebServices/;

/** Flag bit: AppId is Microsoft Graph. */
export const GRAPH_APP_ID_FLAG = 1;

/** Flag bit: ClientInfoString matches `EWS_CLIENT_INFO_PATTERN`. */
export const EWS_CLIENT_INFO_FLAG = 2;

/**
 * Tests `Workload=Exchange Operation=MailItemsAccessed`. Splunk compares search-term values
 * without regard to case, so `exchange` and `mailitemsaccessed` pass too.
 */
export function isMailItemsAccessed(fields: AuditFields): boolean {
  return fields.workload?.toLowerCase() === 'exchange' && fields.operation?.toLowerCase() === 'mailitemsaccessed';
}

/** Tests `AppId=* ClientAppId=*`: both present and non-empty (`readAuditFields` drops empty strings). */
export function hasAppIds(fields: AuditFields): boolean {
  return fields.appId !== undefined && fields.clientAppId !== undefined;
}

/**
 * Returns the API flags of a record. `GRAPH_APP_ID_FLAG` is set when AppId is Graph in any letter
 * case, and `EWS_CLIENT_INFO_FLAG` when ClientInfoString matches the EWS pattern. A record passes
 * ESCU's API filter when the result is non-zero.
 */
export function apiAccessFlags(fields: AuditFields): number {
  let flags = 0;
  if (fields.appId?.toLowerCase() === GRAPH_APP_ID) {
    flags |= GRAPH_APP_ID_FLAG;
  }
  if (fields.clientInfoString !== undefined && EWS_CLIENT_INFO_PATTERN.test(fields.clientInfoString)) {
    flags |= EWS_CLIENT_INFO_FLAG;
  }
  return flags;
}
