import type { RuleOutcome } from '../analyze/engine.js';
import { type FirstSeen, firstSeenInEvidence } from '../analyze/first-seen.js';
import { eniCreator } from '../analyze/lambda-eni.js';
import { eniGroupIds, sortedUnique } from '../analyze/snapshot-index.js';
import type { CleanupAction } from '../model/cleanup.js';
import type { NetworkInterface, Snapshot } from '../model/snapshot.js';
import { compareText } from '../model/text-order.js';

/** The rule whose failures are the only ENIs cleanup may ever delete. */
export const ORPHAN_RULE_ID = 'eni-orphaned';

/**
 * At most this many deletions (or dry-run checks) a run: at the default 2 a second that is under half a minute
 * of a scheduled run's time budget; the rest wait for the next run.
 */
export const MAX_DELETIONS_PER_RUN = 50;

export interface CleanupCandidate {
  eni: NetworkInterface;
  firstSeen: FirstSeen;
}

export interface CleanupPlan {
  /** Orphaned, detached and old enough: to re-check and delete, in ENI id order. */
  candidates: CleanupCandidate[];
  /** Orphaned ENIs cleanup leaves alone, each with why. */
  skipped: CleanupAction[];
  notes: string[];
}

/** The action record of an ENI, before any outcome. */
export function actionBase(
  eni: NetworkInterface,
  firstSeen: FirstSeen | undefined,
): Omit<CleanupAction, 'outcome' | 'reason'> {
  return {
    networkInterfaceId: eni.NetworkInterfaceId,
    subnetId: eni.SubnetId ?? null,
    securityGroupIds: sortedUnique(eniGroupIds(eni)),
    creator: eniCreator(eni.Description),
    firstSeen: firstSeen?.at ?? null,
    orphanedHours: firstSeen?.hours ?? null,
  };
}

/**
 * Which ENIs cleanup may delete, from this collection's analysis. Pure. Only an ENI the `eni-orphaned` rule
 * failed (no function or version uses its combination) is considered; it must also be detached (`available`)
 * and have been reported orphaned for at least `minOrphanAgeHours`. An unknown result is never a candidate.
 */
export function planCleanup(
  snapshot: Snapshot,
  orphanOutcome: RuleOutcome | undefined,
  minOrphanAgeHours: number,
): CleanupPlan {
  if (snapshot.meta.incomplete !== undefined)
    return {
      candidates: [],
      skipped: [],
      notes: [`The collection is incomplete (${snapshot.meta.incomplete.reason}): nothing was deleted.`],
    };
  if (orphanOutcome === undefined)
    return {
      candidates: [],
      skipped: [],
      notes: [`Rule ${ORPHAN_RULE_ID} did not run: nothing to clean up.`],
    };
  if (orphanOutcome.error !== undefined)
    return { candidates: [], skipped: [], notes: [`${orphanOutcome.error} Nothing was deleted.`] };

  const eniById = new Map((snapshot.networkInterfaces ?? []).map((eni) => [eni.NetworkInterfaceId, eni]));
  const candidates: CleanupCandidate[] = [];
  const skipped: CleanupAction[] = [];
  const orphans = orphanOutcome.results
    .filter((result) => result.status === 'fail' && result.resourceType === 'network-interface')
    .sort((a, b) => compareText(a.resourceId, b.resourceId));
  for (const result of orphans) {
    const eni = eniById.get(result.resourceId);
    if (eni === undefined) continue;
    const firstSeen = firstSeenInEvidence(result.evidence);
    const skip = (reason: string) =>
      skipped.push({ ...actionBase(eni, firstSeen), outcome: 'skipped', reason });
    if (eni.Status !== 'available') {
      skip(`It is ${eni.Status ?? 'of unknown status'}, not detached (available): Lambda still holds it.`);
    } else if (firstSeen === undefined) {
      skip('Its first-seen time is unknown.');
    } else if (firstSeen.hours < minOrphanAgeHours) {
      skip(
        `Orphaned for ${firstSeen.hours} h (first seen ${firstSeen.at}), less than the minimum of ` +
          `${minOrphanAgeHours} h.`,
      );
    } else if (candidates.length >= MAX_DELETIONS_PER_RUN) {
      skip(`Over this run's limit of ${MAX_DELETIONS_PER_RUN} deletions: left for the next run.`);
    } else {
      candidates.push({ eni, firstSeen });
    }
  }
  const unknown = orphanOutcome.results.filter((result) => result.status === 'unknown').length;
  const notes =
    unknown > 0
      ? [`${unknown} Lambda ENI check${unknown === 1 ? '' : 's'} could not be made (unknown); never touched.`]
      : [];
  return { candidates, skipped, notes };
}
