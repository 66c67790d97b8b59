import {
  type HyperplaneCount,
  hasFunctionUsers,
  type QuotaInUse,
  type SubnetDemand,
  type VpcDemand,
} from '../model/demand.js';
import { utilisation } from './demand-formula.js';
import type { DemandInput } from './demand-parameters.js';
import { combinationKey, eniGroupIds } from './snapshot-index.js';

/**
 * The Hyperplane ENI model (how Lambda works today): one ENI per distinct subnet and security-group set; per
 * subnet and per VPC, the ENIs present and the combinations still without one, against the per-VPC quota.
 */

/** Hyperplane tallies per subnet: combinations in use, Lambda ENIs present, combinations without an ENI. */
export type HyperplaneTally = Map<string, { combinations: number; existing: number; missing: number }>;

export function hyperplaneTally({ snapshot, index }: DemandInput): HyperplaneTally {
  const tally: HyperplaneTally = new Map();
  const entry = (subnetId: string) => {
    let counts = tally.get(subnetId);
    if (counts === undefined) {
      counts = { combinations: 0, existing: 0, missing: 0 };
      tally.set(subnetId, counts);
    }
    return counts;
  };
  const present = new Set<string>();
  for (const eni of snapshot.networkInterfaces ?? []) {
    if (!eni.SubnetId) continue;
    present.add(combinationKey(eni.SubnetId, eniGroupIds(eni)));
    entry(eni.SubnetId).existing += 1;
  }
  for (const combo of index.combinations.values()) {
    const counts = entry(combo.subnetId);
    counts.combinations += 1;
    if (!present.has(combo.key)) counts.missing += 1;
  }
  return tally;
}

/** The Hyperplane count over `subnetIds`; ENI figures are null when ENIs were not collected. */
export function hyperplaneCount(
  { snapshot }: DemandInput,
  tally: HyperplaneTally,
  subnetIds: Iterable<string>,
): HyperplaneCount {
  let combinations = 0;
  let existing = 0;
  let missing = 0;
  for (const subnetId of subnetIds) {
    const counts = tally.get(subnetId);
    if (counts === undefined) continue;
    combinations += counts.combinations;
    existing += counts.existing;
    missing += counts.missing;
  }
  const collected = snapshot.networkInterfaces !== null;
  return {
    combinations,
    existingEnis: collected ? existing : null,
    missingEnis: collected ? missing : null,
  };
}

/** The subnets of the tally, by VPC; a subnet that no longer exists belongs to none (it can get no ENI). */
function tallySubnetsByVpc({ index }: DemandInput, tally: HyperplaneTally): Map<string, string[]> {
  const byVpc = new Map<string, string[]>();
  for (const subnetId of tally.keys()) {
    const vpcId = index.subnetById.get(subnetId)?.VpcId;
    if (vpcId === undefined) continue;
    const list = byVpc.get(vpcId);
    if (list) list.push(subnetId);
    else byVpc.set(vpcId, [subnetId]);
  }
  return byVpc;
}

export function vpcDemands(
  input: DemandInput,
  subnets: readonly SubnetDemand[],
  tally: HyperplaneTally,
  quota: QuotaInUse,
): VpcDemand[] {
  // The VPCs of the functions' subnets: a subnet only capacity providers use holds no Hyperplane ENI.
  const vpcIds = [...new Set(subnets.filter(hasFunctionUsers).map((s) => s.vpcId))].sort();
  const tallied = tallySubnetsByVpc(input, tally);
  return vpcIds.map((vpcId): VpcDemand => {
    const inVpc = subnets.filter((s) => s.vpcId === vpcId && hasFunctionUsers(s));
    const count = hyperplaneCount(input, tally, tallied.get(vpcId) ?? []);
    const projectedEnis =
      count.existingEnis === null || count.missingEnis === null
        ? null
        : count.existingEnis + count.missingEnis;
    return {
      vpcId,
      subnets: inVpc.length,
      legacyDemand: inVpc.reduce((sum, s) => sum + s.legacyDemand, 0),
      hyperplane: {
        ...count,
        projectedEnis,
        utilisation: projectedEnis === null ? null : utilisation(projectedEnis, quota.value),
      },
    };
  });
}
