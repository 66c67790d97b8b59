import type { Snapshot, VpcEndpoint } from '../../model/snapshot.js';
import type { EgressPath } from './path.js';
import type { AddressFamily } from './targets.js';
import { walkPath } from './walker.js';
import { type EgressLookups, type EgressWorld, egressWorld } from './world.js';

/**
 * Egress per subnet and per set of subnets. A path depends on the subnet and the address family only, never on who
 * runs there: a function's configuration and (as they come) a capacity provider's are both judged as a set of
 * subnets plus whether IPv6 is sent.
 */

export interface SubnetEgress {
  subnetId: string;
  /** False when subnets were collected and this one is not among them (deleted); null when not collected. */
  subnetFound: boolean | null;
  vpcId: string | null;
  availabilityZone: string | null;
  /** Whether the subnet has an IPv6 CIDR, so that a dual-stack function sends IPv6 from it. */
  hasIpv6: boolean;
  ipv4: EgressPath;
  /** Walked even where no function sends IPv6: a `::/0` route is a default route someone meant. */
  ipv6: EgressPath;
}

/** One subnet of a set, with the paths of the families sent from it (IPv4 always, IPv6 for dual-stack). */
export interface UsedSubnet {
  subnet: SubnetEgress;
  paths: EgressPath[];
}

export interface SubnetSetEgress {
  /** The subnets that exist (or whose existence is unknown), in the order given. */
  used: UsedSubnet[];
  /** Subnets collected as absent: nothing runs there, so they have no egress to judge. */
  deleted: string[];
}

export interface EndpointSummary {
  vpcEndpointId: string;
  /** The short service name: `s3`, `secretsmanager`, ... */
  service: string;
  type: string;
  state: string | null;
  /** Interface endpoints: whether private DNS is on; null when not recorded. */
  privateDns: boolean | null;
}

export interface EgressIndex {
  world: EgressWorld;
  subnet(subnetId: string): SubnetEgress;
  /** The egress of a set of subnets for a configuration that does (or does not) send IPv6. */
  subnets(subnetIds: readonly string[], ipv6AllowedForDualStack: boolean): SubnetSetEgress;
  /** The VPC's endpoints; null when endpoints were not collected. */
  endpoints(vpcId: string): EndpointSummary[] | null;
}

function shortServiceName(serviceName: string | undefined): string {
  if (serviceName === undefined) return 'unknown service';
  const parts = serviceName.split('.');
  // com.amazonaws.<region>.<service>[.<sub>]: keep what follows the region.
  return serviceName.startsWith('com.amazonaws.') && parts.length > 3
    ? parts.slice(3).join('.')
    : serviceName;
}

function summary(endpoint: VpcEndpoint): EndpointSummary {
  return {
    vpcEndpointId: endpoint.VpcEndpointId,
    service: shortServiceName(endpoint.ServiceName),
    type: endpoint.VpcEndpointType ?? 'unknown',
    state: endpoint.State ?? null,
    privateDns: endpoint.PrivateDnsEnabled ?? null,
  };
}

/**
 * An endpoint a function can call a service through: an available interface or gateway endpoint (a Gateway Load
 * Balancer endpoint is a hop on a path, not a service).
 */
export function callable(endpoint: EndpointSummary): boolean {
  const type = endpoint.type.toLowerCase();
  // DescribeVpcEndpoints answers `available`; the API reference spells the enum `Available`.
  const available = (endpoint.state ?? 'available').toLowerCase() === 'available';
  return available && (type === 'interface' || type === 'gateway');
}

/** The families a configuration sends from a subnet. */
function familiesAt(subnet: SubnetEgress, ipv6AllowedForDualStack: boolean): AddressFamily[] {
  return ipv6AllowedForDualStack && subnet.hasIpv6 ? ['ipv4', 'ipv6'] : ['ipv4'];
}

/** Per subnet, derived once however many rules, functions and providers ask. Pure; never mutates the snapshot. */
export function egressIndex(snapshot: Snapshot, lookups: EgressLookups): EgressIndex {
  const world = egressWorld(snapshot, lookups);
  const bySubnet = new Map<string, SubnetEgress>();
  const endpointsByVpc = new Map<string, EndpointSummary[]>();
  // Shared by every set that holds the subnet, so evidence derived per UsedSubnet is built once.
  const usedBySubnet = new Map<string, UsedSubnet>();

  const subnet = (subnetId: string): SubnetEgress => {
    let egress = bySubnet.get(subnetId);
    if (egress === undefined) {
      const record = world.subnetById.get(subnetId);
      egress = {
        subnetId,
        subnetFound: snapshot.subnets === null ? null : record !== undefined,
        vpcId: record?.VpcId ?? null,
        availabilityZone: record?.AvailabilityZone ?? null,
        hasIpv6: (record?.Ipv6CidrBlocks?.length ?? 0) > 0,
        ipv4: walkPath(world, subnetId, 'ipv4'),
        ipv6: walkPath(world, subnetId, 'ipv6'),
      };
      bySubnet.set(subnetId, egress);
    }
    return egress;
  };

  return {
    world,
    subnet,
    subnets(subnetIds, ipv6AllowedForDualStack) {
      const used: UsedSubnet[] = [];
      const deleted: string[] = [];
      for (const id of subnetIds) {
        const egress = subnet(id);
        if (egress.subnetFound === false) deleted.push(id);
        else {
          const key = `${id}|${ipv6AllowedForDualStack}`;
          let entry = usedBySubnet.get(key);
          if (entry === undefined) {
            entry = {
              subnet: egress,
              paths: familiesAt(egress, ipv6AllowedForDualStack).map((family) => egress[family]),
            };
            usedBySubnet.set(key, entry);
          }
          used.push(entry);
        }
      }
      return { used, deleted };
    },
    endpoints(vpcId) {
      if (snapshot.vpcEndpoints === null) return null;
      let summaries = endpointsByVpc.get(vpcId);
      if (summaries === undefined) {
        summaries = (world.endpointsByVpc.get(vpcId) ?? []).map(summary);
        endpointsByVpc.set(vpcId, summaries);
      }
      return summaries;
    },
  };
}
