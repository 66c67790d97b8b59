import type { RuleResult } from '../model/finding.js';
import type { EgressClass, RoutingSubnet } from '../model/routing.js';
import type { SubnetEgress } from './egress.js';
import { functionResult } from './function-result.js';
import { sharedPer } from './memo.js';
import { type SnapshotIndex, sortedUnique, type VpcFunction } from './snapshot-index.js';

/** A function's egress as its rules judge it: per distinct VPC configuration, since each version runs in its own. */
export interface VariantEgress {
  versions: string[];
  subnets: SubnetEgress[];
}

/**
 * A subnet that was collected as absent is deleted: Lambda cannot run there, so it has no egress to judge (the
 * network-resources rule reports it). A subnet whose existence is unknown stays, as `unknown`.
 */
function exists(egress: SubnetEgress): boolean {
  return egress.subnetFound !== false;
}

/** Per configuration, the egress of its subnets that exist. */
export function variantEgress(fn: VpcFunction, index: SnapshotIndex): VariantEgress[] {
  return fn.variants.map((variant) => ({
    versions: variant.versions,
    subnets: variant.subnetIds.map((id) => index.egressForSubnet(id)).filter(exists),
  }));
}

/** Every existing subnet of every configuration, once each, in subnet-id order. */
export function functionSubnetEgress(fn: VpcFunction, index: SnapshotIndex): SubnetEgress[] {
  return fn.subnetIds.map((id) => index.egressForSubnet(id)).filter(exists);
}

/** "" when every version uses the subnets, else " (versions 1, 2)": only worth saying when it narrows things. */
export function versionsNote(fn: VpcFunction, versions: readonly string[]): string {
  const all = fn.variants.flatMap((v) => v.versions);
  if (versions.length === 0 || versions.length === all.length) return '';
  return ` (version${versions.length === 1 ? '' : 's'} ${versions.join(', ')})`;
}

/** The versions whose configuration uses any of the subnets, in the order the function lists them. */
export function versionsUsingAny(fn: VpcFunction, subnetIds: readonly string[]): string[] {
  const wanted = new Set(subnetIds);
  return fn.variants.filter((v) => v.subnetIds.some((id) => wanted.has(id))).flatMap((v) => v.versions);
}

export function classesOf(subnets: readonly SubnetEgress[]): EgressClass[] {
  return sortedUnique(subnets.map((s) => s.egress));
}

/** The subnet's egress as finding evidence: the subnet, its route table (and whether main), the route, the target. */
export const egressEvidence = sharedPer(
  (egress: SubnetEgress): Record<string, unknown> => ({
    subnetId: egress.subnetId,
    availabilityZone: egress.availabilityZone,
    egress: egress.egress,
    detail: egress.detail,
    routeTableId: egress.routeTableId,
    viaMainTable: egress.viaMainTable,
    ipv4DefaultRoute: egress.ipv4Default,
    ipv6DefaultRoute: egress.ipv6Default,
    ...(egress.natGateway ? { natGateway: egress.natGateway } : {}),
  }),
);

/** The subnet and its egress class: a passed egress check's evidence. */
export const egressClassEvidence = sharedPer((egress: SubnetEgress) => ({
  subnetId: egress.subnetId,
  egress: egress.egress,
}));

/**
 * The subnet, its egress and the route table that decides it: how mixed egress is shown, and each subnet of the
 * report's routing section.
 */
export const egressRouteEvidence = sharedPer(
  (egress: SubnetEgress): RoutingSubnet => ({
    subnetId: egress.subnetId,
    availabilityZone: egress.availabilityZone,
    egress: egress.egress,
    routeTableId: egress.routeTableId,
    viaMainTable: egress.viaMainTable,
    detail: egress.detail,
  }),
);

/** "subnet-a (main route table rtb-1)": how a human finds the route that decided. */
export function subnetWithTable(egress: SubnetEgress): string {
  if (egress.routeTableId === null) return egress.subnetId;
  return `${egress.subnetId} (${egress.viaMainTable ? 'main route table' : 'route table'} ${egress.routeTableId})`;
}

/** The result for a function none of whose configured subnets exists: nothing to judge, which is not a pass. */
export function noSubnetResult(fn: VpcFunction): RuleResult {
  return functionResult(fn, {
    status: 'unknown',
    message: `None of ${fn.name}'s subnets exists (${fn.subnetIds.join(', ')}), so it has no egress to judge.`,
    evidence: { deletedSubnets: fn.subnetIds },
  });
}

/** "subnet-a: reason; subnet-b: reason" for the subnets whose egress could not be told. */
export function unknownReasons(subnets: readonly SubnetEgress[]): string {
  return subnets
    .filter((s) => s.egress === 'unknown')
    .map((s) => `${s.subnetId}: ${s.detail}`)
    .join(' ');
}
