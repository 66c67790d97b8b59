import type { CapacityProviderDemand } from '../../model/demand.js';
import type { RuleResult } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { ProviderNetwork } from '../capacity-providers.js';
import { providerDemand } from '../demand-providers.js';
import { providerLabel, providerResult, unlistedProvider } from '../provider-result.js';
import type { Rule } from '../rule.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { shortfallSeverity } from './subnet-eni-capacity.js';

interface SubnetFit {
  subnetId: string;
  freeIps: number;
  /** Addresses its instances already hold here (credited only when no other provider uses the subnet). */
  managedInstanceEnis: number;
  capacity: number;
  /** This provider's share at full scale (or its upper bound). */
  needed: number;
}

/** Managed instances' ENIs per subnet; their addresses are the provider's own when it is the subnet's only provider. */
function managedInstanceEnis(snapshot: Snapshot): Map<string, number> {
  const counts = new Map<string, number>();
  for (const eni of snapshot.lambdaOperatedNetworkInterfaces ?? [])
    if (eni.Kind === 'managed-instance' && eni.SubnetId)
      counts.set(eni.SubnetId, (counts.get(eni.SubnetId) ?? 0) + 1);
  return counts;
}

function fits(
  demand: CapacityProviderDemand,
  perSubnet: number,
  index: SnapshotIndex,
  owned: ReadonlyMap<string, number>,
): SubnetFit[] {
  const sharedBy = (subnetId: string) =>
    index.capacityProviders.filter((network) => network.subnetIds.includes(subnetId)).length;
  return demand.subnetIds.map((subnetId) => {
    const freeIps = index.subnetById.get(subnetId)?.AvailableIpAddressCount ?? 0;
    const mine = sharedBy(subnetId) === 1 ? (owned.get(subnetId) ?? 0) : 0;
    return { subnetId, freeIps, managedInstanceEnis: mine, capacity: freeIps + mine, needed: perSubnet };
  });
}

function judge(
  network: ProviderNetwork,
  demand: CapacityProviderDemand,
  snapshot: Snapshot,
  index: SnapshotIndex,
) {
  const label = providerLabel(network);
  const evidence = { demand };
  if (demand.maxVCpuCount === null)
    return providerResult(network, {
      status: 'unknown',
      message: `Cannot size ${label} at full scale: it sets no MaxVCpuCount, so only account quotas bound it.`,
      evidence,
    });
  if (demand.subnetIds.length === 0)
    return providerResult(network, {
      status: 'unknown',
      message: `Cannot size ${label}: none of its subnets exists.`,
      evidence,
    });
  const owned = managedInstanceEnis(snapshot);
  const exact = demand.addressesPerSubnet;
  const bound = demand.addressesPerSubnetAtMost ?? 0;
  const subnets = fits(demand, exact ?? bound, index, owned);
  const short = subnets.filter((s) => s.needed > s.capacity);
  const sizing = `MaxVCpuCount ${demand.maxVCpuCount} / ${demand.smallestInstanceVcpus ?? demand.smallestInstanceVcpusAtLeast} vCPU`;
  const withEvidence = { ...evidence, subnets };
  if (short.length === 0)
    return providerResult(network, {
      status: 'pass',
      message:
        `${label} at full scale (${sizing}${exact === null ? ' at most' : ''} = ` +
        `${demand.instancesAtFullScale ?? demand.instancesAtMost} instances) fits its subnets' free addresses.`,
      evidence: withEvidence,
    });
  if (exact === null)
    return providerResult(network, {
      status: 'unknown',
      message:
        `${label} could need up to ${bound} addresses in each of its subnets (${sizing} per instance, the fewest ` +
        `possible), more than ${short.map((s) => `${s.subnetId} has (${s.capacity})`).join(', ')}; its instance ` +
        `types ${demand.unknownInstanceTypes.length > 0 ? `(${demand.unknownInstanceTypes.join(', ')}) ` : ''}` +
        'are not known well enough to tell. List AllowedInstanceTypes to size it.',
      evidence: withEvidence,
    });
  const worst = short.reduce((a, b) => (b.needed - b.capacity > a.needed - a.capacity ? b : a));
  return providerResult(network, {
    status: 'fail',
    severity: shortfallSeverity(worst.needed, worst.capacity),
    message:
      `${label} at full scale runs ${demand.instancesAtFullScale} instances (${sizing}), ${exact} per subnet, ` +
      `each needing a private address: ${short.map((s) => `${s.subnetId} has ${s.capacity}`).join(', ')}. ` +
      'Lambda cannot launch the rest, and the functions on it are throttled.',
    evidence: withEvidence,
  });
}

export const capacityProviderSubnetCapacity: Rule = {
  id: 'capacity-provider-subnet-capacity',
  title: 'Capacity provider at full scale does not fit its subnets',
  severity: 'high',
  severities: ['high', 'medium', 'low'],
  grading: 'by shortfall',
  section: 'demand',
  finds:
    'a capacity provider whose instances at full scale (`MaxVCpuCount` / the fewest vCPUs of its instance ' +
    'types, each with a private address, spread over its subnets) need more addresses than its subnets have free',
  resourceType: 'capacity-provider',
  requires: ['capacityProviders', 'subnets'],
  risk:
    "Lambda Managed Instances launches EC2 instances in the capacity provider's subnets, each with a network " +
    'interface and a private address there. When the subnets run out, the provider cannot grow to its ' +
    'configured maximum: Lambda reports CapacityProviderScalingLimitExceeded or SubnetOutOfIPAddresses and ' +
    'invocations are throttled.',
  remediation:
    'Add subnets (up to 16) or larger subnets to the capacity provider, free addresses held by other ' +
    'interfaces, or lower MaxVCpuCount to what the subnets can hold.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-capacity-providers.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_CapacityProviderScalingConfig.html',
  ],
  evaluate({ snapshot, index, settings }) {
    // The same figures the report's demand section shows (demand-providers.ts).
    return index.capacityProviders.map(
      (network): RuleResult =>
        unlistedProvider(network, snapshot) ??
        judge(network, providerDemand({ snapshot, index, settings }, network), snapshot, index),
    );
  },
};
