import type { CapacityProviderDemand } from '../model/demand.js';
import type { Snapshot } from '../model/snapshot.js';
import type { SnapshotIndex } from './snapshot-index.js';

/**
 * A capacity provider at full scale (demand-providers.ts) against its subnets' free addresses: what the rule
 * capacity-provider-subnet-capacity judges, and what `plan --capacity-provider` answers.
 */

export interface ProviderSubnetFit {
  subnetId: string;
  freeIps: number;
  /** Addresses its instances already hold here (credited only when no other provider uses the subnet). */
  managedInstanceEnis: number;
  capacity: number;
  /** This provider's share at full scale (or its upper bound). */
  needed: number;
}

export type ProviderFit =
  /** No MaxVCpuCount: only account quotas bound the provider. */
  | { verdict: 'unknown'; why: 'no-max-vcpu-count' | 'no-subnet'; subnets: []; short: [] }
  /** Its instance types are not known: the upper bound does not fit, the exact size cannot be told. */
  | { verdict: 'unknown'; why: 'instance-types'; subnets: ProviderSubnetFit[]; short: ProviderSubnetFit[] }
  | { verdict: 'fits'; subnets: ProviderSubnetFit[]; short: [] }
  | { verdict: 'short'; subnets: ProviderSubnetFit[]; short: ProviderSubnetFit[] };

/** Managed instances' ENIs per subnet; their addresses are a provider's own when it is the subnet's only provider. */
export function managedInstanceEnis(snapshot: Snapshot): Map<string, number> {
  const counts = new Map<string, number>();
  for (const eni of snapshot.lambdaOperatedNetworkInterfaces ?? [])
    if (eni.Kind === 'managed-instance' && eni.SubnetId)
      counts.set(eni.SubnetId, (counts.get(eni.SubnetId) ?? 0) + 1);
  return counts;
}

/** "MaxVCpuCount 256 / 2 vCPU": how the instance count at full scale is computed. */
export function providerSizing(demand: CapacityProviderDemand): string {
  return `MaxVCpuCount ${demand.maxVCpuCount} / ${demand.smallestInstanceVcpus ?? demand.smallestInstanceVcpusAtLeast} vCPU`;
}

/** The provider's share of each of its subnets at full scale against the addresses there. */
export function providerFit(
  demand: CapacityProviderDemand,
  snapshot: Snapshot,
  index: SnapshotIndex,
): ProviderFit {
  if (demand.maxVCpuCount === null)
    return { verdict: 'unknown', why: 'no-max-vcpu-count', subnets: [], short: [] };
  if (demand.subnetIds.length === 0) return { verdict: 'unknown', why: 'no-subnet', subnets: [], short: [] };
  const owned = managedInstanceEnis(snapshot);
  const needed = demand.addressesPerSubnet ?? demand.addressesPerSubnetAtMost ?? 0;
  const sharedBy = (subnetId: string) =>
    index.capacityProviders.filter((network) => network.subnetIds.includes(subnetId)).length;
  const subnets = demand.subnetIds.map((subnetId): ProviderSubnetFit => {
    const freeIps = index.subnetById.get(subnetId)?.AvailableIpAddressCount ?? 0;
    const mine = sharedBy(subnetId) === 1 ? (owned.get(subnetId) ?? 0) : 0;
    return { subnetId, freeIps, managedInstanceEnis: mine, capacity: freeIps + mine, needed };
  });
  const short = subnets.filter((s) => s.needed > s.capacity);
  if (short.length === 0) return { verdict: 'fits', subnets, short: [] };
  if (demand.addressesPerSubnet === null)
    return { verdict: 'unknown', why: 'instance-types', subnets, short };
  return { verdict: 'short', subnets, short };
}
