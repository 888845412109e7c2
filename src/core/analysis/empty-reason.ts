import type { AnalysisSummary, EmptyReason } from '../types.ts';

type StageCounts = Pick<AnalysisSummary, 'recordsRead' | 'mailItemsAccessed' | 'withAppIds' | 'apiAccess'>;

/**
 * Names the earliest stage of the search that left nothing, for an analysis without findings.
 * When every stage kept records, the groups stayed at or below the threshold. That includes API
 * reads that lack a ClientInfoString and so belong to no group.
 */
export function findEmptyReason(counts: StageCounts): EmptyReason {
  if (counts.recordsRead === 0) {
    return 'no-records';
  }
  if (counts.mailItemsAccessed === 0) {
    return 'no-mail-items-accessed';
  }
  if (counts.withAppIds === 0) {
    return 'no-app-ids';
  }
  if (counts.apiAccess === 0) {
    return 'no-api-access';
  }
  return 'below-threshold';
}
