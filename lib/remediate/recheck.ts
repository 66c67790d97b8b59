import { parseLambdaEniDescription } from '../analyze/lambda-eni.js';
import { combinationKey, eniGroupIds, type SnapshotIndex, sortedUnique } from '../analyze/snapshot-index.js';
import type { NetworkInterface } from '../model/snapshot.js';

/**
 * Whether an ENI, as re-described just before its deletion, may still be deleted: null when it may, else why
 * not. Pure. It must still be a Lambda ENI, detached (`available`, no attachment), and its (subnet,
 * security-group set), as it is now, must have no user among this collection's functions and versions.
 *
 * Functions are deliberately not listed again: a function configured for this combination since the collection
 * makes Lambda attach the ENI (so it is no longer `available`), which the re-describe shows.
 */
export function reasonNotToDelete(
  fresh: NetworkInterface | undefined,
  index: SnapshotIndex,
  accountId: string,
): string | null {
  if (fresh === undefined) return 'It no longer exists (deleted since the collection).';
  if (fresh.OwnerId !== undefined && fresh.OwnerId !== accountId)
    return `It belongs to account ${fresh.OwnerId}, not ${accountId}.`;
  if (fresh.InterfaceType !== 'lambda' && parseLambdaEniDescription(fresh.Description) === null)
    return `It is no longer a Lambda ENI (type ${fresh.InterfaceType ?? 'none'}, description "${(fresh.Description ?? '').slice(0, 80)}").`;
  if (fresh.Status !== 'available') return `It is now ${fresh.Status ?? 'of unknown status'}, not available.`;
  if (fresh.Attachment !== undefined) return 'It is attached again.';
  const groups = sortedUnique(eniGroupIds(fresh));
  if (fresh.SubnetId === undefined || groups.length === 0)
    return 'Its subnet or security groups are unknown now, so its users cannot be checked.';
  const users = index.combinations.get(combinationKey(fresh.SubnetId, groups))?.users ?? [];
  if (users.length > 0) {
    const names = sortedUnique(users.map((use) => use.functionName));
    return `Its subnet and security groups (${fresh.SubnetId}; ${groups.join(', ')}) are now those of ${names.join(', ')}.`;
  }
  return null;
}
