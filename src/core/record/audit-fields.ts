// The UAL record fields that the ESCU detection and the de-duplication read, taken from one
// parsed AuditData object. Key names are case-sensitive, as in the Management Activity API
// schema: `ClientIPAddress` is read, `ClientIpAddress` is not.

/** Detection fields of one audit record; `undefined` when the field is absent or unusable. */
export interface AuditFields {
  id: string | undefined;
  creationTime: string | undefined;
  workload: string | undefined;
  operation: string | undefined;
  appId: string | undefined;
  clientAppId: string | undefined;
  clientInfoString: string | undefined;
  clientIpAddress: string | undefined;
  userId: string | undefined;
  mailboxOwnerUpn: string | undefined;
}

/**
 * Reads the detection fields of one UAL record.
 *
 * Strings are kept exactly as written and numbers become their decimal text (some exports
 * write ids and counts as numbers). Null, booleans, objects, arrays and the empty string become
 * `undefined`, because Splunk's `AppId=*` and `stats ... by` treat an empty value as missing.
 */
export function readAuditFields(record: Record<string, unknown>): AuditFields {
  return {
    id: readText(record.Id),
    creationTime: readText(record.CreationTime),
    workload: readText(record.Workload),
    operation: readText(record.Operation),
    appId: readText(record.AppId),
    clientAppId: readText(record.ClientAppId),
    clientInfoString: readText(record.ClientInfoString),
    clientIpAddress: readText(record.ClientIPAddress),
    userId: readText(record.UserId),
    mailboxOwnerUpn: readText(record.MailboxOwnerUPN),
  };
}

function readText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value === '' ? undefined : value;
  }

  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }

  return undefined;
}

/**
 * Keys of the UAL common schema. Every audit record carries at least one of them, so an object
 * without any (a Splunk, Elastic or Graph envelope, a content listing, `{}`) is not a record.
 */
const COMMON_SCHEMA_KEYS = ['CreationTime', 'Operation', 'Workload', 'RecordType'] as const;

/** Tells whether `record` has any UAL common-schema key, compared case-sensitively. */
export function hasCommonSchemaKey(record: Record<string, unknown>): boolean {
  return COMMON_SCHEMA_KEYS.some((key) => Object.hasOwn(record, key));
}
