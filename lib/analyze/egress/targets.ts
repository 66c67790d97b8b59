import type { Route, RouteTable } from '../../model/snapshot.js';

/** What a route points at, and which default route a path reads for each address family. */

export type AddressFamily = 'ipv4' | 'ipv6';

export const IPV4_DEFAULT = '0.0.0.0/0';
export const IPV6_DEFAULT = '::/0';
export type DefaultDestination = typeof IPV4_DEFAULT | typeof IPV6_DEFAULT;

export const DEFAULT_DESTINATION: Record<AddressFamily, DefaultDestination> = {
  ipv4: IPV4_DEFAULT,
  ipv6: IPV6_DEFAULT,
};

export type RouteTargetKind =
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'nat-instance'
  | 'gateway-load-balancer-endpoint'
  | 'transit-gateway'
  | 'vpc-peering'
  | 'virtual-private-gateway'
  | 'carrier-gateway'
  | 'local-gateway'
  | 'core-network'
  | 'odb-network'
  | 'unrecognised';

export interface RouteTarget {
  kind: RouteTargetKind;
  id: string;
}

const TARGET_LABEL: Record<RouteTargetKind, string> = {
  'internet-gateway': 'internet gateway',
  'egress-only-internet-gateway': 'egress-only internet gateway',
  'nat-gateway': 'NAT gateway',
  'nat-instance': 'NAT instance',
  'gateway-load-balancer-endpoint': 'Gateway Load Balancer endpoint',
  'transit-gateway': 'transit gateway',
  'vpc-peering': 'VPC peering connection',
  'virtual-private-gateway': 'virtual private gateway',
  'carrier-gateway': 'carrier gateway (Wavelength)',
  'local-gateway': 'Outposts local gateway',
  'core-network': 'Cloud WAN core network',
  'odb-network': 'Oracle Database@AWS network',
  unrecognised: 'unrecognised target',
};

export function targetLabel(kind: RouteTargetKind): string {
  return TARGET_LABEL[kind];
}

/** The route's target as DescribeRouteTables names it (a route names exactly one, an instance route both ids). */
export function routeTarget(route: Route): RouteTarget {
  if (route.NatGatewayId) return { kind: 'nat-gateway', id: route.NatGatewayId };
  if (route.EgressOnlyInternetGatewayId)
    return { kind: 'egress-only-internet-gateway', id: route.EgressOnlyInternetGatewayId };
  if (route.TransitGatewayId) return { kind: 'transit-gateway', id: route.TransitGatewayId };
  if (route.VpcPeeringConnectionId) return { kind: 'vpc-peering', id: route.VpcPeeringConnectionId };
  if (route.CarrierGatewayId) return { kind: 'carrier-gateway', id: route.CarrierGatewayId };
  if (route.LocalGatewayId) return { kind: 'local-gateway', id: route.LocalGatewayId };
  if (route.CoreNetworkArn) return { kind: 'core-network', id: route.CoreNetworkArn };
  if (route.OdbNetworkArn) return { kind: 'odb-network', id: route.OdbNetworkArn };
  // A NAT instance or appliance: the route names the instance, its ENI, or both.
  if (route.InstanceId || route.NetworkInterfaceId)
    return { kind: 'nat-instance', id: route.InstanceId ?? route.NetworkInterfaceId ?? '' };
  const gateway = route.GatewayId ?? '';
  if (gateway.startsWith('igw-')) return { kind: 'internet-gateway', id: gateway };
  if (gateway.startsWith('vgw-')) return { kind: 'virtual-private-gateway', id: gateway };
  // A Gateway Load Balancer endpoint (Network Firewall's endpoints are of this type too).
  if (gateway.startsWith('vpce-')) return { kind: 'gateway-load-balancer-endpoint', id: gateway };
  return { kind: 'unrecognised', id: gateway || 'none' };
}

/** The table's default route for the family, if it has one. */
export function defaultRoute(table: RouteTable, family: AddressFamily): Route | undefined {
  return family === 'ipv4'
    ? table.Routes.find((route) => route.DestinationCidrBlock === IPV4_DEFAULT)
    : table.Routes.find((route) => route.DestinationIpv6CidrBlock === IPV6_DEFAULT);
}
