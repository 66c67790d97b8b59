import type { CapacityProviderDemand, SubnetProviderShare } from '../model/demand.js';
import type { ProviderNetwork } from './capacity-providers.js';
import { perSubnet } from './demand-formula.js';
import type { DemandInput } from './demand-parameters.js';
import { smallestInstance } from './instance-vcpus.js';

/**
 * Capacity providers' demand for addresses: at full scale a provider runs MaxVCpuCount / (the fewest vCPUs of an
 * instance type it may launch) instances, each with at least one private address in one of its subnets, spread
 * evenly over them as the other models are. MaxVCpuCount: https://docs.aws.amazon.com/lambda/latest/api/API_CapacityProviderScalingConfig.html
 */

function instances(maxVCpuCount: number | null, vcpus: number | null): number | null {
  return maxVCpuCount === null || vcpus === null ? null : Math.floor(maxVCpuCount / vcpus);
}

export function providerDemand({ index }: DemandInput, network: ProviderNetwork): CapacityProviderDemand {
  const provider = network.provider;
  const maxVCpuCount = provider?.CapacityProviderScalingConfig?.MaxVCpuCount ?? null;
  const smallest = provider === undefined ? null : smallestInstance(provider);
  const subnetIds = network.subnetIds.filter((id) => index.subnetById.has(id));
  const atFullScale = instances(maxVCpuCount, smallest?.exact ?? null);
  const atMost = instances(maxVCpuCount, smallest?.atLeast ?? null);
  return {
    capacityProvider: network.arn,
    name: network.name,
    functions: network.functionNames,
    maxVCpuCount,
    smallestInstanceVcpus: smallest?.exact ?? null,
    smallestInstanceVcpusAtLeast: smallest?.atLeast ?? 1,
    unknownInstanceTypes: smallest?.unknownTypes ?? [],
    instancesAtFullScale: atFullScale,
    instancesAtMost: atMost,
    subnetIds,
    missingSubnetIds: network.subnetIds.filter((id) => !index.subnetById.has(id)),
    addressesPerSubnet: atFullScale === null ? null : perSubnet(atFullScale, subnetIds.length),
    addressesPerSubnetAtMost: atMost === null ? null : perSubnet(atMost, subnetIds.length),
  };
}

/** Each provider's share of each subnet it uses, by subnet. */
export function providerSharesBySubnet(
  providers: readonly CapacityProviderDemand[],
): Map<string, SubnetProviderShare[]> {
  const shares = new Map<string, SubnetProviderShare[]>();
  for (const provider of providers) {
    for (const subnetId of provider.subnetIds) {
      const list = shares.get(subnetId) ?? [];
      list.push({
        capacityProvider: provider.capacityProvider,
        addresses: provider.addressesPerSubnet,
        addressesAtMost: provider.addressesPerSubnetAtMost,
      });
      shares.set(subnetId, list);
    }
  }
  return shares;
}
