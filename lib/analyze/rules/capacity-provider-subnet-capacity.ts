import type { CapacityProviderDemand } from '../../model/demand.js';
import type { RuleResult } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { ProviderNetwork } from '../capacity-providers.js';
import { providerDemand } from '../demand-providers.js';
import { providerFit, providerSizing } from '../provider-fit.js';
import { providerLabel, providerResult, unlistedProvider } from '../provider-result.js';
import type { Rule } from '../rule.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { shortfallSeverity } from './subnet-eni-capacity.js';

function judge(
  network: ProviderNetwork,
  demand: CapacityProviderDemand,
  snapshot: Snapshot,
  index: SnapshotIndex,
) {
  const label = providerLabel(network);
  const evidence = { demand };
  const fit = providerFit(demand, snapshot, index);
  if (fit.verdict === 'unknown' && fit.why === 'no-max-vcpu-count')
    return providerResult(network, {
      status: 'unknown',
      message: `Cannot size ${label} at full scale: it sets no MaxVCpuCount, so only account quotas bound it.`,
      evidence,
    });
  if (fit.verdict === 'unknown' && fit.why === 'no-subnet')
    return providerResult(network, {
      status: 'unknown',
      message: `Cannot size ${label}: none of its subnets exists.`,
      evidence,
    });
  const { subnets, short } = fit;
  const exact = demand.addressesPerSubnet;
  const bound = demand.addressesPerSubnetAtMost ?? 0;
  const sizing = providerSizing(demand);
  const withEvidence = { ...evidence, subnets };
  if (fit.verdict === 'fits')
    return providerResult(network, {
      status: 'pass',
      message:
        `${label} at full scale (${sizing}${exact === null ? ' at most' : ''} = ` +
        `${demand.instancesAtFullScale ?? demand.instancesAtMost} instances) fits its subnets' free addresses.`,
      evidence: withEvidence,
    });
  if (fit.verdict === 'unknown')
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
