import { pathLine } from '../../analyze/egress/describe.js';
import type { UsedSubnet } from '../../analyze/egress/subnets.js';
import { configurationsOf } from '../../analyze/function-egress.js';
import { sharedPer } from '../../analyze/memo.js';
import { functionVpcIds, type SnapshotIndex, type VpcFunction } from '../../analyze/snapshot-index.js';
import type { Finding, RuleMetadata } from '../../model/finding.js';
import type {
  FunctionRouting,
  RoutingConfiguration,
  RoutingSection,
  RoutingSubnet,
  RoutingVpc,
} from '../../model/routing.js';
import { compareText } from '../../model/text-order.js';
import { summarizeSubnets, versionList } from './routing-summary.js';

/** A subnet's paths as the report shows them: shared by every configuration that uses the subnet. */
const routingSubnet = sharedPer(
  (used: UsedSubnet): RoutingSubnet => ({
    subnetId: used.subnet.subnetId,
    availabilityZone: used.subnet.availabilityZone,
    paths: used.paths.map((path) => ({
      family: path.family,
      verdict: path.verdict.kind,
      line: pathLine(path),
    })),
  }),
);

/** A configuration's subnets as the routing section shows them: their summary line and each subnet. */
type SubnetsRouting = Pick<RoutingConfiguration, 'summary' | 'subnets'>;

/**
 * The routing of a set of subnets, memoised by the set: functions share a few hundred network profiles, so most
 * configurations repeat one already described (and the report model shares its read-only subnets).
 */
function subnetsRoutingMemo(
  index: SnapshotIndex,
): (subnetIds: readonly string[], ipv6: boolean) => SubnetsRouting {
  const bySubnets = new Map<string, SubnetsRouting>();
  return (subnetIds, ipv6) => {
    const key = `${subnetIds.join(',')}|${ipv6}`;
    let routing = bySubnets.get(key);
    if (routing === undefined) {
      const { used, deleted } = index.egress.subnets(subnetIds, ipv6);
      routing = { summary: summarizeSubnets(used, deleted, index), subnets: used.map(routingSubnet) };
      bySubnets.set(key, routing);
    }
    return routing;
  };
}

function functionRouting(
  fn: VpcFunction,
  index: SnapshotIndex,
  subnetsRouting: (subnetIds: readonly string[], ipv6: boolean) => SubnetsRouting,
): FunctionRouting {
  // Routing depends on the subnets (and IPv6) only: versions that differ in security groups share one line.
  const configurations: RoutingConfiguration[] = configurationsOf(fn, index).map((c) => ({
    versions: c.versions,
    ipv6AllowedForDualStack: c.ipv6AllowedForDualStack,
    ...subnetsRouting(c.subnetIds, c.ipv6AllowedForDualStack),
  }));
  const [first] = configurations;
  const line =
    configurations.length === 1 && first
      ? first.summary
      : configurations
          .map((c) => `version${c.versions.length === 1 ? '' : 's'} ${versionList(c.versions)}: ${c.summary}`)
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
    const routing = functionRouting(fn, index, subnetsRouting);
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
    a.vpcId === null ? 1 : b.vpcId === null ? -1 : compareText(a.vpcId, b.vpcId),
  );
  return { vpcs };
}
