import type { EniDependencies, EniHolder, LambdaEniUse } from '../model/eni-dependencies.js';
import type { NetworkInterface, Snapshot } from '../model/snapshot.js';
import { compareText } from '../model/text-order.js';
import { eniCreator } from './lambda-eni.js';
import { flatMapList, mapDefined } from './lists.js';
import { combinationKey, eniGroupIds, type SnapshotIndex, sortedUnique } from './snapshot-index.js';

/** Who uses a Lambda ENI: the functions and versions whose (subnet, security-group set) matches it. */
export function lambdaEniUse(eni: NetworkInterface, index: SnapshotIndex, accountId: string): LambdaEniUse {
  // The index holds the users of the snapshot's ENIs; an ENI read later is matched by its combination.
  const securityGroupIds = sortedUnique(eniGroupIds(eni));
  const users =
    index.eniUsers.get(eni.NetworkInterfaceId) ??
    (eni.SubnetId === undefined
      ? []
      : (index.combinations.get(combinationKey(eni.SubnetId, securityGroupIds))?.users ?? []));
  // Another account's ENI (a shared VPC subnet) is used by that account's functions, which are not here.
  const ownedHere = eni.OwnerId === undefined || eni.OwnerId === accountId;
  const combinationKnown = ownedHere && eni.SubnetId !== undefined && securityGroupIds.length > 0;
  return {
    networkInterfaceId: eni.NetworkInterfaceId,
    status: eni.Status ?? null,
    subnetId: eni.SubnetId ?? null,
    securityGroupIds,
    creator: eniCreator(eni.Description),
    users: users.map((use) => ({ functionName: use.functionName, version: use.version })),
    orphaned: combinationKnown ? users.length === 0 : null,
  };
}

function holders(
  enisByResource: ReadonlyMap<string, readonly NetworkInterface[]>,
  useById: ReadonlyMap<string, LambdaEniUse>,
): EniHolder[] {
  return [...enisByResource]
    .map(([resourceId, enis]) => {
      const uses = mapDefined(enis, (eni) => useById.get(eni.NetworkInterfaceId));
      return {
        resourceId,
        networkInterfaceIds: sortedUnique(uses.map((use) => use.networkInterfaceId)),
        functions: sortedUnique(flatMapList(uses, (use) => use.users.map((user) => user.functionName))),
        orphanedNetworkInterfaceIds: sortedUnique(
          uses.filter((use) => use.orphaned === true).map((use) => use.networkInterfaceId),
        ),
      };
    })
    .sort((a, b) => compareText(a.resourceId, b.resourceId));
}

/**
 * Every Lambda ENI with its users, and per security group and subnet the ENIs it holds. Null when the ENIs or
 * the functions were not collected: without the functions every ENI would look unused.
 */
export function eniDependencies(snapshot: Snapshot, index: SnapshotIndex): EniDependencies | null {
  if (snapshot.networkInterfaces === null || snapshot.functions === null) return null;
  const uses = snapshot.networkInterfaces
    .map((eni) => lambdaEniUse(eni, index, snapshot.meta.accountId))
    .sort((a, b) => compareText(a.networkInterfaceId, b.networkInterfaceId));
  const useById = new Map(uses.map((use) => [use.networkInterfaceId, use]));
  return {
    networkInterfaces: uses,
    securityGroups: holders(index.lambdaEnisBySecurityGroup, useById),
    subnets: holders(index.lambdaEnisBySubnet, useById),
  };
}
