import { type SubnetEgress, targetLabel } from '../../analyze/egress.js';
import { egressRouteEvidence } from '../../analyze/function-egress.js';
import { mapDefined } from '../../analyze/lists.js';
import {
  functionVpcIds,
  type SnapshotIndex,
  sortedUnique,
  type VpcFunction,
} from '../../analyze/snapshot-index.js';
import type { Finding, RuleMetadata } from '../../model/finding.js';
import type {
  EgressClass,
  FunctionRouting,
  RoutingConfiguration,
  RoutingSection,
  RoutingVpc,
} from '../../model/routing.js';
import { plural } from './digest.js';

/** Classes in the order a mixed summary lists them: working paths first. */
const CLASS_ORDER: readonly EgressClass[] = ['nat', 'other', 'none', 'public', 'blackhole', 'unknown'];

function distinct(values: readonly string[]): string[] {
  return sortedUnique(values);
}

/** What the subnets of one class lead to: NAT gateways with their AZs, the dead targets, the other gateways. */
function targets(egress: EgressClass, subnets: readonly SubnetEgress[]): string {
  switch (egress) {
    case 'nat':
      return distinct(
        subnets.map((s) => {
          const nat = s.natGateway;
          if (!nat)
            return `${targetLabel('nat-instance')} ${s.ipv4Default?.targetId ?? s.ipv6Default?.targetId ?? ''}`;
          const kind = nat.connectivityType === 'private' ? 'private NAT ' : '';
          if (nat.availabilityMode === 'regional') return `${kind}${nat.natGatewayId} (regional)`;
          // The NAT gateway's own way out is part of the path: without it the route only looks right.
          const stuck = nat.subnetRoutesToInternet === false ? ', whose subnet has no internet route' : '';
          return `${kind}${nat.natGatewayId} in ${nat.availabilityZone ?? 'an unknown AZ'}${stuck}`;
        }),
      ).join(', ');
    case 'blackhole':
      return distinct(
        subnets.map((s) => {
          const route = s.ipv4Default ?? s.ipv6Default;
          if (!route) return 'route';
          const state = route.targetState ?? (route.routeState === 'blackhole' ? 'blackhole' : null);
          return state ? `${route.targetId} ${state}` : route.targetId;
        }),
      ).join(', ');
    case 'other':
      return distinct(
        subnets.map((s) => {
          const route = s.ipv4Default ?? s.ipv6Default;
          return route ? `${targetLabel(route.targetKind)} ${route.targetId}` : 'unknown target';
        }),
      ).join(', ');
    case 'none': {
      const endpoints = subnets[0]?.endpoints ?? null;
      if (endpoints === null) return 'VPC endpoints not collected';
      const usable = endpoints.filter((e) => (e.state ?? 'available').toLowerCase() === 'available');
      if (usable.length === 0) return 'no VPC endpoints';
      return `endpoints: ${sortedUnique(usable.map((e) => e.service)).join(', ')}`;
    }
    case 'public':
      return subnets.some((s) => s.viaMainTable)
        ? "no internet: Lambda ENIs get no public IP; public through the VPC's main route table"
        : 'no internet: Lambda ENIs get no public IP';
    case 'unknown':
      return distinct(subnets.map((s) => s.detail.replace(/\.$/, ''))).join('; ');
  }
}

const SINGLE: Record<EgressClass, (targets: string) => string> = {
  nat: (t) => `egress via NAT (${t})`,
  other: (t) => `egress leaves the VPC via ${t}`,
  none: (t) => `no route out of the VPC (${t})`,
  public: (t) => `in public subnets (${t})`,
  blackhole: (t) => `egress blackholed (${t})`,
  unknown: (t) => `egress unknown (${t})`,
};

const COUNTED: Record<EgressClass, (targets: string) => string> = {
  nat: (t) => `via NAT (${t})`,
  other: (t) => `leaving via ${t}`,
  none: () => 'isolated',
  public: () => 'public (no internet)',
  blackhole: (t) => `blackholed (${t})`,
  unknown: () => 'unknown',
};

/** "2 subnets in 2 AZs, egress via NAT (nat-… in eu-west-1a, nat-… in eu-west-1b)". */
function describeEgress(subnets: readonly SubnetEgress[]): string {
  const zones = sortedUnique(mapDefined(subnets, (s) => s.availabilityZone ?? undefined));
  const notFound = subnets.filter((s) => s.subnetFound === false).length;
  const where =
    `${plural(subnets.length, 'subnet')} in ${plural(zones.length, 'AZ')}` +
    (notFound > 0 ? ` (${notFound} not found)` : '');
  const present = subnets.filter((s) => s.subnetFound !== false);
  if (present.length === 0) return `${where}, no egress to judge`;
  const groups = CLASS_ORDER.map((egress) => ({
    egress,
    members: present.filter((s) => s.egress === egress),
  })).filter((g) => g.members.length > 0);
  const [only] = groups;
  if (groups.length === 1 && only)
    return `${where}, ${SINGLE[only.egress](targets(only.egress, only.members))}`;
  const parts = groups.map((g) => `${g.members.length} ${COUNTED[g.egress](targets(g.egress, g.members))}`);
  return `${where}, MIXED egress: ${parts.join(', ')}`;
}

/** A configuration's subnets as the routing section shows them: their summary line and each subnet. */
type SubnetsRouting = Pick<RoutingConfiguration, 'summary' | 'subnets'>;

/**
 * The routing of a list of subnets, memoised by the list: functions share a few hundred network profiles, so
 * most configurations repeat one already described (and the report model shares its read-only subnets).
 */
function subnetsRoutingMemo(index: SnapshotIndex): (subnetIds: readonly string[]) => SubnetsRouting {
  const bySubnets = new Map<string, SubnetsRouting>();
  return (subnetIds) => {
    const key = JSON.stringify(subnetIds);
    let routing = bySubnets.get(key);
    if (routing === undefined) {
      const subnets = subnetIds.map((id) => index.egressForSubnet(id));
      routing = { summary: describeEgress(subnets), subnets: subnets.map(egressRouteEvidence) };
      bySubnets.set(key, routing);
    }
    return routing;
  };
}

function functionRouting(
  fn: VpcFunction,
  subnetsRouting: (subnetIds: readonly string[]) => SubnetsRouting,
): FunctionRouting {
  const configurations: RoutingConfiguration[] = fn.variants.map((variant) => {
    const { summary, subnets } = subnetsRouting(variant.subnetIds);
    return { versions: variant.versions, summary, subnets };
  });
  const [first] = configurations;
  const line =
    configurations.length === 1 && first
      ? first.summary
      : configurations
          .map((c) => `version${c.versions.length === 1 ? '' : 's'} ${c.versions.join(', ')}: ${c.summary}`)
          .join('; ');
  return { name: fn.name, summary: `${fn.name}: ${line}`, configurations };
}

/** The VPCs a routing finding is about: its function's, its subnet's or its NAT gateway's. */
function findingVpcs(finding: Finding, index: SnapshotIndex, fnByName: Map<string, VpcFunction>): string[] {
  switch (finding.resourceType) {
    case 'function': {
      const fn = fnByName.get(finding.resourceId);
      return fn ? functionVpcIds(fn, index) : [];
    }
    case 'subnet': {
      const vpcId = index.subnetById.get(finding.resourceId)?.VpcId;
      return vpcId ? [vpcId] : [];
    }
    case 'nat-gateway': {
      const vpcId = index.natGatewayById.get(finding.resourceId)?.VpcId;
      return vpcId ? [vpcId] : [];
    }
    case 'vpc':
      return [finding.resourceId];
    default:
      return [];
  }
}

/** Every VPC function's egress in one line each, with the findings of the routing rules, grouped by VPC. Pure. */
export function buildRouting(
  index: SnapshotIndex,
  findings: readonly Finding[],
  rules: readonly Pick<RuleMetadata, 'id' | 'section'>[],
): RoutingSection {
  const routingRuleIds = new Set(rules.filter((rule) => rule.section === 'routing').map((rule) => rule.id));
  const byVpc = new Map<string | null, RoutingVpc>();
  const group = (vpcId: string | null): RoutingVpc => {
    const existing = byVpc.get(vpcId);
    if (existing) return existing;
    const created: RoutingVpc = { vpcId, functions: [], findingKeys: [] };
    byVpc.set(vpcId, created);
    return created;
  };
  const subnetsRouting = subnetsRoutingMemo(index);
  for (const fn of index.vpcFunctions) {
    const vpcIds = functionVpcIds(fn, index);
    const routing = functionRouting(fn, subnetsRouting);
    for (const vpcId of vpcIds.length > 0 ? vpcIds : [null]) group(vpcId).functions.push(routing);
  }
  const fnByName = new Map(index.vpcFunctions.map((fn) => [fn.name, fn]));
  for (const finding of findings) {
    if (!routingRuleIds.has(finding.ruleId)) continue;
    const vpcIds = findingVpcs(finding, index, fnByName);
    for (const vpcId of vpcIds.length > 0 ? vpcIds : [null]) group(vpcId).findingKeys.push(finding.key);
  }
  // VPCs by id, the group of unknown VPC last.
  const vpcs = [...byVpc.values()].sort((a, b) =>
    a.vpcId === null ? 1 : b.vpcId === null ? -1 : a.vpcId.localeCompare(b.vpcId),
  );
  return { vpcs };
}
