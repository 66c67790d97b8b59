import type {
  InternetGateway,
  NatGateway,
  NetworkAcl,
  RouteTable,
  RouteTargetInstance,
  RouteTargetInterface,
  Snapshot,
  Subnet,
  TransitGatewayVpcAttachment,
  VpcEndpoint,
  VpcPeeringConnection,
} from '../../model/snapshot.js';

/** The route table a subnet uses. */
export interface SubnetRouting {
  table: RouteTable;
  /** True when the subnet has no explicit association and falls back to its VPC's main table. */
  viaMainTable: boolean;
}

/** What the path walker reads from the index (kept narrow so the index can build it before it is complete). */
export interface EgressLookups {
  subnetById: ReadonlyMap<string, Subnet>;
  natGatewayById: ReadonlyMap<string, NatGateway>;
  routingForSubnet(subnetId: string): SubnetRouting | undefined;
}

/** Everything the walker looks up, by id, built once per snapshot. Null parts stay visible through `snapshot`. */
export interface EgressWorld extends EgressLookups {
  snapshot: Snapshot;
  internetGatewayById: ReadonlyMap<string, InternetGateway>;
  endpointById: ReadonlyMap<string, VpcEndpoint>;
  endpointsByVpc: ReadonlyMap<string, VpcEndpoint[]>;
  instanceById: ReadonlyMap<string, RouteTargetInstance>;
  interfaceById: ReadonlyMap<string, RouteTargetInterface>;
  peeringById: ReadonlyMap<string, VpcPeeringConnection>;
  attachmentsByVpc: ReadonlyMap<string, TransitGatewayVpcAttachment[]>;
  /** The subnet's network ACL: its explicit association, else its VPC's default ACL; undefined when none is recorded. */
  aclForSubnet(subnetId: string, vpcId: string): { acl: NetworkAcl; viaDefault: boolean } | undefined;
}

function byId<T>(items: readonly T[] | null, id: (item: T) => string): Map<string, T> {
  return new Map((items ?? []).map((item) => [id(item), item]));
}

function groupBy<T>(items: readonly T[] | null, key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items ?? []) {
    const k = key(item);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function egressWorld(snapshot: Snapshot, lookups: EgressLookups): EgressWorld {
  const aclBySubnet = new Map<string, NetworkAcl>();
  const defaultAclByVpc = new Map<string, NetworkAcl>();
  for (const acl of snapshot.networkAcls ?? []) {
    if (acl.IsDefault && acl.VpcId) defaultAclByVpc.set(acl.VpcId, acl);
    for (const association of acl.Associations)
      if (association.SubnetId) aclBySubnet.set(association.SubnetId, acl);
  }
  return {
    snapshot,
    subnetById: lookups.subnetById,
    natGatewayById: lookups.natGatewayById,
    routingForSubnet: (subnetId) => lookups.routingForSubnet(subnetId),
    internetGatewayById: byId(snapshot.internetGateways, (igw) => igw.InternetGatewayId),
    endpointById: byId(snapshot.vpcEndpoints, (endpoint) => endpoint.VpcEndpointId),
    endpointsByVpc: groupBy(snapshot.vpcEndpoints, (endpoint) => endpoint.VpcId),
    instanceById: byId(snapshot.routeTargetInstances, (instance) => instance.InstanceId),
    interfaceById: byId(snapshot.routeTargetInterfaces, (eni) => eni.NetworkInterfaceId),
    peeringById: byId(snapshot.vpcPeeringConnections, (peering) => peering.VpcPeeringConnectionId),
    attachmentsByVpc: groupBy(snapshot.transitGatewayAttachments, (attachment) => attachment.VpcId),
    aclForSubnet(subnetId, vpcId) {
      const explicit = aclBySubnet.get(subnetId);
      if (explicit) return { acl: explicit, viaDefault: false };
      const fallback = defaultAclByVpc.get(vpcId);
      return fallback ? { acl: fallback, viaDefault: true } : undefined;
    },
  };
}
