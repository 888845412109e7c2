// The risk fields that each finding carries in every export.

import type { Finding } from '../types.ts';
import { sha256Hex } from '../hash/sha256.ts';
import { ESCU_RULE, escuRiskMessage } from './escu-rule.ts';

/** ESCU's risk annotation of one finding: plain data, so it survives structured cloning and JSON. */
export interface FindingRisk {
  message: string;
  score: number;
  /** Result field whose values are the risk objects (`user`), and their type and role. */
  objectField: string;
  objectType: string;
  objectRole: string;
  /** The risk objects themselves: the finding's distinct users, one risk event each. */
  objects: string[];
  mitreAttack: string[];
  analyticStories: string[];
}

/** Returns the risk fields of a finding, with the ESCU message naming its ClientAppId. */
export function findingRisk(finding: Finding): FindingRisk {
  return {
    message: escuRiskMessage(finding.clientAppId),
    score: ESCU_RULE.riskScore,
    objectField: ESCU_RULE.riskObjectField,
    objectType: ESCU_RULE.riskObjectType,
    objectRole: ESCU_RULE.riskObjectRole,
    objects: [...finding.users],
    mitreAttack: [...ESCU_RULE.mitreAttack],
    analyticStories: [...ESCU_RULE.analyticStories],
  };
}

/**
 * Returns a stable id for a finding: the first 16 hex digits of the SHA-256 of its group key (bin
 * start, ClientAppId, ClientInfoString). The same group gets the same id in every export and in
 * every run over the same data, whatever order the findings are listed in. Two findings share an
 * id only when they are the same group, or with a chance of about 1 in 2^64.
 */
export function findingId(finding: Finding): string {
  const key = JSON.stringify([finding.binStart, finding.clientAppId, finding.clientInfoString]);
  return sha256Hex(new TextEncoder().encode(key)).slice(0, 16);
}
