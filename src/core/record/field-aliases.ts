// One table of the names each export family gives UAL fields and container facts. Names are
// wrapper keys or column names, so they are compared case-insensitively here. Keys inside a real
// UAL record are never looked up through this table: they stay case-sensitive.

/** Export families whose column or key names differ from the UAL record's own names. */
export type SourceFamily = 'sentinel' | 'graph' | 'elastic' | 'splunk' | 'defender';

/** Facts about a record that only its container holds. */
export type ContextField = 'fallbackId' | 'fallbackTime' | 'resultCount';

/**
 * UAL key for each source name, per family, with the source name in lower case.
 *
 * Sentinel OfficeActivity renames a few fields (`OfficeWorkload`, `Client_IPAddress`, `OfficeId`,
 * `Logon_Type`) and keeps the UAL name for the rest, so its table also lists the kept names in their
 * UAL spelling. Graph's outer record is camelCase. Elastic moves the common-schema fields to ECS
 * names. Splunk's add-on adds the CIM `user`. Defender names the operation `ActionType`.
 */
const FIELD_ALIASES: Readonly<Record<SourceFamily, Readonly<Record<string, string>>>> = {
  sentinel: {
    officeworkload: 'Workload',
    client_ipaddress: 'ClientIPAddress',
    officeid: 'Id',
    logon_type: 'LogonType',
    operation: 'Operation',
    recordtype: 'RecordType',
    userid: 'UserId',
    usertype: 'UserType',
    userkey: 'UserKey',
    appid: 'AppId',
    clientappid: 'ClientAppId',
    clientinfostring: 'ClientInfoString',
    clientip: 'ClientIP',
    mailboxownerupn: 'MailboxOwnerUPN',
    mailboxguid: 'MailboxGuid',
    folders: 'Folders',
    operationproperties: 'OperationProperties',
    resultstatus: 'ResultStatus',
    organizationname: 'OrganizationName',
    originatingserver: 'OriginatingServer',
    externalaccess: 'ExternalAccess',
    internallogontype: 'InternalLogonType',
    logonusersid: 'LogonUserSid',
    mailboxownersid: 'MailboxOwnerSid',
  },
  graph: {
    operation: 'Operation',
    service: 'Workload',
    auditlogrecordtype: 'RecordType',
    userprincipalname: 'UserId',
  },
  elastic: {
    'event.action': 'Operation',
    'event.provider': 'Workload',
    'event.id': 'Id',
    'user.id': 'UserId',
    exchangeaggregatedfolders: 'Folders',
    exchangeaggregatedmessages: 'Messages',
  },
  splunk: {
    user: 'UserId',
  },
  defender: {
    actiontype: 'Operation',
  },
};

/**
 * Container names that carry the record's id, time or result count, in lower case. `ReportId`
 * (Defender) is missing on purpose: it identifies the Defender event, not the UAL record.
 */
const CONTEXT_ALIASES: Readonly<Record<string, ContextField>> = {
  identity: 'fallbackId',
  recordid: 'fallbackId',
  officeid: 'fallbackId',
  id: 'fallbackId',
  'event.id': 'fallbackId',
  creationdate: 'fallbackTime',
  timegenerated: 'fallbackTime',
  'timegenerated [utc]': 'fallbackTime',
  createddatetime: 'fallbackTime',
  _time: 'fallbackTime',
  '@timestamp': 'fallbackTime',
  timestamp: 'fallbackTime',
  'timestamp [utc]': 'fallbackTime',
  resultcount: 'resultCount',
};

/** Returns the UAL key that `family` writes as `name`, or undefined when the family keeps the name. */
export function ualKeyFor(family: SourceFamily, name: string): string | undefined {
  return ownEntry(FIELD_ALIASES[family], name.trim().toLowerCase());
}

/**
 * Cache of contextFieldFor results by name as written, null for a name that fills no field. A CSV
 * reader calls it for every cell of every row with the same few column names, so each name is
 * normalised once. The cache stops growing at MAX_CACHED_NAMES names, so JSON with random keys
 * costs only the uncached work.
 */
const contextFieldByName = new Map<string, ContextField | null>();
const MAX_CACHED_NAMES = 10_000;

/** Returns the RecordContext field that a container column or key named `name` fills, if any. */
export function contextFieldFor(name: string): ContextField | undefined {
  const cached = contextFieldByName.get(name);
  if (cached !== undefined) return cached ?? undefined;

  const field = ownEntry(CONTEXT_ALIASES, name.replace(/^\uFEFF/, '').trim().toLowerCase());
  if (contextFieldByName.size < MAX_CACHED_NAMES) contextFieldByName.set(name, field ?? null);
  return field;
}

/** Returns the table's own entry for `name`, so that a column named `constructor` or `__proto__` maps to nothing. */
function ownEntry<Value>(table: Readonly<Record<string, Value>>, name: string): Value | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** Source names of `family` that map to UAL keys, in lower case. */
export function aliasNames(family: SourceFamily): readonly string[] {
  return Object.keys(FIELD_ALIASES[family]);
}
