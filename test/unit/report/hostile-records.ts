// A sweep whose free-text fields carry markup, script URLs and bidi controls, as a forged or
// tampered export could. The report must show them as inert text.

import { ewsRecord } from '../record/ews-sample-record.ts';

/** Starts with the EWS prefix, so the detection keeps the records, then tries to open a script. */
export const HOSTILE_CLIENT_INFO = 'Client=WebServices;ExchangeWebServices/<script>alert("cis")</script>\u202Efdp.exe';

export const HOSTILE_USERS = [
  '<img src=x onerror=alert(1)>@contoso.example',
  'javascript:alert(2)//@contoso.example',
  'invoice\u202Efdp.exe@contoso.example',
  '"><svg onload=alert(3)>@contoso.example',
  'isolate\u2066start\u2069@contoso.example',
  "o'brien&co@contoso.example",
  'plain.user@contoso.example',
];

export const HOSTILE_IP = '<b>203.0.113.9</b>';

/** Seven reads by one EWS client in one 10-minute bin, each of a different hostile UserId. */
export function hostileSweep(): Record<string, unknown>[] {
  return HOSTILE_USERS.map((userId, index) =>
    ewsRecord({
      UserId: userId,
      ClientInfoString: HOSTILE_CLIENT_INFO,
      ClientIPAddress: index === 0 ? HOSTILE_IP : '203.0.113.9',
      CreationTime: `2024-02-01T16:0${index}:34`,
    }),
  );
}
