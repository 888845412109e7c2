// Files that look like audit exports but hold something else. They are explained instead of
// being read as "no findings".

const EXPORTS_TO_USE =
  'Use an export that keeps the audit records: the Microsoft Purview audit search CSV, ' +
  'Search-UnifiedAuditLog output, or the Management Activity API content blobs.';

/**
 * Names what a set of wrapper keys or CSV column names (in lower case) belongs to when it is
 * not an audit record, with what to export instead. Returns undefined for anything else.
 */
export function describeNonRecordKeys(lowerCaseKeys: ReadonlySet<string>): string | undefined {
  const has = (name: string): boolean => lowerCaseKeys.has(name);
  const hasAppIds = has('appid') || has('clientappid');

  if (has('contenturi') && has('contentid')) {
    return (
      'This file is a Management Activity API content listing (contentUri, contentId): it lists blobs of ' +
      'audit records but holds none. Download each contentUri and analyse the blobs instead.'
    );
  }

  if (has('unique_mailboxes') && has('src_ip') && has('clientappid')) {
    return (
      'This file is the output of the ESCU search "O365 Multiple Mailboxes Accessed via API" ' +
      '(_time, ClientAppId, ClientInfoString, src_ip, unique_mailboxes, user): it holds findings, not audit ' +
      `records, so it cannot be analysed again. ${EXPORTS_TO_USE}`
    );
  }

  if (has('sessionid') && has('action') && has('user') && has('timestamp') && !hasAppIds && !has('operation')) {
    return (
      'This file is a Microsoft-Extractor-Suite sessions summary (TimeStamp, User, Action, SessionId, ClientIP): ' +
      `it has no AppId, ClientAppId or ClientInfoString, which the detection needs. ${EXPORTS_TO_USE}`
    );
  }

  // NOTE: the Get-MessageIDs column set is inferred from the tool's purpose, not from a sample file.
  if ((has('internetmessageid') || has('messageid')) && !hasAppIds && !has('operation') && !has('workload')) {
    return (
      'This file is a list of message ids (Microsoft-Extractor-Suite Get-MessageIDs): it has no audit ' +
      `records. ${EXPORTS_TO_USE}`
    );
  }

  return undefined;
}
