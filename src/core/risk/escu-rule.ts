// Metadata that Splunk Enterprise Security attaches to a result of the ESCU detection "O365
// Multiple Mailboxes Accessed via API", from the tags of security_content
// detections/cloud/o365_multiple_mailboxes_accessed_via_api.yml, versions 3 and 4. Mailsweep copies
// these values so its exports line up with the notable and risk events ES writes for the same data.

/** The detection's fixed metadata, as its YAML publishes it. */
export const ESCU_RULE = Object.freeze({
  name: 'O365 Multiple Mailboxes Accessed via API',
  /** The detection's id in security_content, stable across its versions. */
  id: '7cd853e9-d370-412f-965d-a2bcff2a2908',
  /** ES names an ESCU correlation search "ESCU - <name> - Rule", and risk events carry it as `search_name`. */
  searchName: 'ESCU - O365 Multiple Mailboxes Accessed via API - Rule',
  securityDomain: 'threat',
  /** risk_score = impact x confidence / 100 = 70 x 60 / 100. */
  riskScore: 42,
  impact: 70,
  confidence: 60,
  /** The risk object is the `user` field of each result, typed as a user, in the role of victim. */
  riskObjectField: 'user',
  riskObjectType: 'user',
  riskObjectRole: 'victim',
  /** MITRE ATT&CK T1114.002, Email Collection: Remote Email Collection. */
  mitreAttack: Object.freeze(['T1114.002']),
  analyticStories: Object.freeze(['Office 365 Collection Techniques', 'NOBELIUM Group']),
});

/**
 * Returns the detection's risk message for one finding. The YAML writes it with a `$ClientAppId$`
 * token, which ES replaces with the result's ClientAppId.
 */
export function escuRiskMessage(clientAppId: string): string {
  return `An Oauth application identified with id ${clientAppId} accessed multiple mailboxes in a short period of time via an API.`;
}
