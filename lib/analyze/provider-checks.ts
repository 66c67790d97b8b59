import type { RuleResult } from '../model/finding.js';
import type { AnalysisSettings } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import type { EgressPath } from './egress/path.js';
import {
  firstHopUnknown,
  isRouteUnknown,
  subnetEvidence,
  subnetsWith,
  subnetWithRouteTable,
  unknownReasons,
  verdictEvidence,
} from './function-egress.js';
import { mapDefined } from './lists.js';
import { providerSubnets } from './provider-egress.js';
import { eachProvider, providerLabel, providerResult } from './provider-result.js';
import { type SnapshotIndex, sortedUnique } from './snapshot-index.js';

/**
 * The configuration checks of a VPC function, applied to each capacity provider's own network configuration
 * (its subnets and security groups): one result per provider, naming the functions on it. Lambda launches the
 * provider's instances in its subnets (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-capacity-providers.html).
 */

/** At least `minAvailabilityZones` AZs among its subnets (Lambda launches three instances for AZ resiliency). */
export function providerMultiAz(
  snapshot: Snapshot,
  index: SnapshotIndex,
  settings: AnalysisSettings,
): RuleResult[] {
  return eachProvider(snapshot, index, (network) => {
    const zones = sortedUnique(
      mapDefined(network.subnetIds, (id) => index.subnetById.get(id)?.AvailabilityZone),
    );
    const unknown = network.subnetIds.filter((id) => !index.subnetById.has(id));
    const evidence = {
      minimum: settings.minAvailabilityZones,
      subnets: network.subnetIds,
      availabilityZones: zones,
      recommendation: 'AWS recommends subnets in several Availability Zones for a capacity provider.',
    };
    const label = providerLabel(network);
    if (zones.length >= settings.minAvailabilityZones)
      return providerResult(network, {
        status: 'pass',
        message: `${label} spans enough Availability Zones.`,
        evidence,
      });
    if (unknown.length > 0)
      return providerResult(network, {
        status: 'unknown',
        message: `Cannot tell the Availability Zones of ${label}: subnet(s) ${unknown.join(', ')} not found.`,
        evidence,
      });
    return providerResult(network, {
      status: 'fail',
      message:
        `${label} launches its instances in ${zones.length} Availability Zone${zones.length === 1 ? '' : 's'} ` +
        `(${zones.join(', ') || 'none'}); at least ${settings.minAvailabilityZones} needed.`,
      evidence,
    });
  });
}

/** Its subnets and security groups still exist. */
export function providerResourcesExist(snapshot: Snapshot, index: SnapshotIndex): RuleResult[] {
  return eachProvider(snapshot, index, (network) => {
    const missingSubnets = network.subnetIds.filter((id) => !index.subnetById.has(id));
    const missingGroups = network.securityGroupIds.filter((id) => !index.securityGroupById.has(id));
    const evidence = { missingSubnets, missingSecurityGroups: missingGroups };
    const label = providerLabel(network);
    const missing = [...missingSubnets, ...missingGroups];
    if (missing.length === 0)
      return providerResult(network, {
        status: 'pass',
        message: `${label}: its subnets and security groups exist.`,
        evidence,
      });
    return providerResult(network, {
      status: 'fail',
      message:
        `${label} references ${missing.join(', ')}, which no longer exist${missing.length === 1 ? 's' : ''}: ` +
        'Lambda cannot launch instances there.',
      evidence,
    });
  });
}

/**
 * Its VPC's tenancy. Lambda does not support dedicated-tenancy VPCs for functions; for capacity providers it
 * documents nothing, and EC2 runs any instance launched into such a VPC as a Dedicated Instance: unknown, not fail.
 */
export function providerTenancy(snapshot: Snapshot, index: SnapshotIndex): RuleResult[] {
  return eachProvider(snapshot, index, (network) => {
    const vpcIds = sortedUnique(mapDefined(network.subnetIds, (id) => index.subnetById.get(id)?.VpcId));
    const tenancies = vpcIds.map((vpcId) => ({ vpcId, tenancy: index.vpcById.get(vpcId)?.InstanceTenancy }));
    const evidence = { vpcs: tenancies };
    const label = providerLabel(network);
    const unresolved = network.subnetIds.some((id) => !index.subnetById.has(id));
    if (vpcIds.length > 0 && !unresolved && tenancies.every((t) => t.tenancy === 'default'))
      return providerResult(network, {
        status: 'pass',
        message: `${label}: its VPC has default tenancy.`,
        evidence,
      });
    const odd = tenancies.find((t) => t.tenancy !== undefined && t.tenancy !== 'default');
    return providerResult(network, {
      status: 'unknown',
      message: odd
        ? `${label} is in VPC ${odd.vpcId} of tenancy "${odd.tenancy}": Lambda documents no support for ` +
          'capacity providers there, and EC2 runs instances launched into it as Dedicated Instances.'
        : `Cannot tell the tenancy of ${label}'s VPC.`,
      evidence,
    });
  });
}

/**
 * The subnet's own default route ends at an internet gateway that drops a private address: judged by the routes, so
 * a subnet that assigns public addresses (whose verdict is then unknown) is still found.
 */
function routesStraightToInternetGateway(path: EgressPath): boolean {
  const { routeVerdict } = path;
  return (
    path.hops.length === 1 && routeVerdict.kind === 'no-internet' && routeVerdict.stop === 'no-public-ip'
  );
}

/**
 * Whether a subnet's IPv4 default route goes straight to an internet gateway, as the egress walker follows it
 * (lib/analyze/egress/). An instance reaches the internet through an internet gateway only with a public IPv4
 * address; whether Lambda gives its managed instances one is not documented, so only a subnet that assigns none on
 * launch (MapPublicIpOnLaunch false) fails.
 */
export function providerPublicSubnet(snapshot: Snapshot, index: SnapshotIndex): RuleResult[] {
  return eachProvider(snapshot, index, (network) => {
    // The instances' own IPv4 paths (provider-egress.ts), the ones every other provider check judges.
    const subnets = providerSubnets(index, network);
    const label = providerLabel(network);
    const publicSubnets = subnetsWith(subnets, routesStraightToInternetGateway);
    const evidence = { subnets: subnets.map(subnetEvidence) };
    const noPublicIp = publicSubnets.filter(
      (s) => index.subnetById.get(s.subnet.subnetId)?.MapPublicIpOnLaunch !== true,
    );
    if (noPublicIp.length > 0)
      return providerResult(network, {
        status: 'fail',
        message:
          `${label} launches instances in public subnet${noPublicIp.length === 1 ? '' : 's'} ` +
          `${noPublicIp.map(subnetWithRouteTable).join(', ')}: the default route goes to an internet gateway, and ` +
          'the subnet gives instances no public IPv4 address, so their traffic has no way to the internet.',
        evidence,
      });
    const unknown = subnets.filter((s) => s.paths.some(firstHopUnknown));
    if (publicSubnets.length > 0 || unknown.length > 0 || subnets.length === 0)
      return providerResult(network, {
        status: 'unknown',
        message:
          publicSubnets.length > 0
            ? `${label} uses public subnet(s) ${publicSubnets.map((s) => s.subnet.subnetId).join(', ')} that ` +
              'assign public IPv4 addresses on launch; whether Lambda keeps them for its instances is not documented.'
            : subnets.length === 0
              ? `None of ${label}'s subnets exists, so there is no route to judge.`
              : `Cannot tell whether ${label}'s subnets are public: ${unknownReasons(unknown, (p) => p.family === 'ipv4' && isRouteUnknown(p))}.`,
        evidence,
      });
    return providerResult(network, {
      status: 'pass',
      message: `None of ${label}'s subnets routes straight to an internet gateway.`,
      evidence: { subnets: subnets.map(verdictEvidence) },
    });
  });
}
