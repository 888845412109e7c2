// Entries of the allow-list: known-good applications, addresses or clients whose findings a
// responder has reviewed and wants out of the way. It plays the part of ESCU's filter macro
// `o365_multiple_mailboxes_accessed_via_api_filter`.

/** The finding field an entry is compared with. */
export type AllowListField = 'ClientAppId' | 'ClientIPAddress' | 'ClientInfoString';

export const ALLOW_LIST_FIELDS: readonly AllowListField[] = ['ClientAppId', 'ClientIPAddress', 'ClientInfoString'];

/**
 * One allow-list entry. Plain data, so it survives structured cloning and JSON.
 *
 * - `ClientAppId`: an application id, compared with the finding's ClientAppId without regard to
 *   letter case.
 * - `ClientIPAddress`: an IPv4 or IPv6 address or CIDR range (`192.0.2.0/24`, `2001:db8::/32`),
 *   compared with the finding's source addresses after normalisation (port, brackets and
 *   `::ffff:` removed).
 * - `ClientInfoString`: a glob over the whole ClientInfoString, case-sensitive, where `*` stands
 *   for any run of characters.
 */
export interface AllowListEntry {
  field: AllowListField;
  value: string;
  /** Reason the entry is allowed (the product, the owner, a ticket). It is required so that the list explains itself. */
  note: string;
}
