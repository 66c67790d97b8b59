import type { ResourceType, RuleMetadata } from '../model/finding.js';
import { roleNameFromArn, type SnapshotIndex, sortedUnique, type VpcFunction } from './snapshot-index.js';

export interface ScopedResource {
  resourceType: ResourceType;
  resourceId: string;
  resourceArn?: string;
  functionName?: string;
}

/**
 * A function's VPCs: each subnet's, or, for a subnet not found (deleted, or the subnets not collected), the one its
 * configuration names; without that fallback a VPC rule missing the subnets would report nothing, a silent pass.
 */
function vpcIdsInScope(fn: VpcFunction, index: SnapshotIndex): string[] {
  const vpcIds: string[] = [];
  for (const record of fn.records) {
    for (const subnetId of record.VpcConfig?.SubnetIds ?? []) {
      const vpcId = index.subnetById.get(subnetId)?.VpcId ?? record.VpcConfig?.VpcId;
      if (vpcId !== undefined && vpcId !== '') vpcIds.push(vpcId);
    }
  }
  return vpcIds;
}

/** A capacity provider as a rule's resource: by name, with its ARN. */
export function providerResource(network: { arn: string; name: string }): ScopedResource {
  return { resourceType: 'capacity-provider', resourceId: network.name, resourceArn: network.arn };
}

/** What a rule judges of capacity providers besides its own resources (RuleMetadata.capacityProviders). */
export function providerScope(
  judges: RuleMetadata['capacityProviders'],
  index: SnapshotIndex,
): ScopedResource[] {
  if (judges === 'providers') return index.capacityProviders.map(providerResource);
  if (judges === 'subnets') {
    // Only the providers' own subnets: a subnet a function also uses is in the rule's scope already.
    const functionSubnets = new Set(index.vpcFunctions.flatMap((fn) => fn.subnetIds));
    return sortedUnique(index.capacityProviders.flatMap((network) => network.subnetIds))
      .filter((id) => !functionSubnets.has(id))
      .map((resourceId) => ({ resourceType: 'subnet', resourceId }));
  }
  if (judges === 'functions')
    return index.providerFunctions.map((fn) => ({
      resourceType: 'function',
      resourceId: fn.name,
      resourceArn: fn.arn,
      functionName: fn.name,
    }));
  return [];
}

/**
 * The resources a rule of a given type would check, so that the engine can mark each one unknown when an
 * input is missing. Null when the scope itself cannot be known (the functions were not collected).
 */
export function resourcesInScope(
  resourceType: ResourceType,
  index: SnapshotIndex,
  functionsCollected: boolean,
  lambdaEnisCollected: boolean,
): ScopedResource[] | null {
  if (!functionsCollected) return null;
  const fns = index.vpcFunctions;
  switch (resourceType) {
    case 'function':
      return fns.map((fn) => ({
        resourceType,
        resourceId: fn.name,
        resourceArn: fn.arn,
        functionName: fn.name,
      }));
    case 'subnet':
      return sortedUnique(fns.flatMap((fn) => fn.subnetIds)).map((resourceId) => ({
        resourceType,
        resourceId,
      }));
    case 'security-group':
      return sortedUnique(fns.flatMap((fn) => fn.securityGroupIds)).map((resourceId) => ({
        resourceType,
        resourceId,
      }));
    case 'vpc':
      return sortedUnique(fns.flatMap((fn) => vpcIdsInScope(fn, index))).map((resourceId) => ({
        resourceType,
        resourceId,
      }));
    case 'role':
      return sortedUnique(fns.map((fn) => fn.role)).map((arn) => ({
        resourceType,
        resourceId: roleNameFromArn(arn),
        resourceArn: arn,
      }));
    case 'network-interface':
      return lambdaEnisCollected
        ? [...index.eniUsers.keys()].map((resourceId) => ({ resourceType, resourceId }))
        : null;
    case 'capacity-provider':
      return index.capacityProviders.map(providerResource);
    case 'nat-gateway':
    case 'account':
      return null;
  }
}
