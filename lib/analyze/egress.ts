import type { EgressClass } from '../model/routing.js';
import type {
  InternetGateway,
  NatGateway,
  Route,
  RouteTable,
  Snapshot,
  Subnet,
  VpcEndpoint,
} from '../model/snapshot.js';

/** The route table a subnet uses. */
export interface SubnetRouting {
  table: RouteTable;
  /** True when the subnet has no explicit association and falls back to its VPC's main table. */
  viaMainTable: boolean;
}

export const IPV4_DEFAULT = '0.0.0.0/0';
export const IPV6_DEFAULT = '::/0';

export type RouteTargetKind =
  | 'internet-gateway'
  | 'nat-gateway'
  | 'nat-instance'
  | 'egress-only-internet-gateway'
  | 'transit-gateway'
  | 'vpc-peering'
  | 'virtual-private-gateway'
  | 'gateway-load-balancer-endpoint'
  | 'carrier-gateway'
  | 'local-gateway'
  | 'core-network'
  | 'odb-network'
  | 'unrecognised';

export interface DefaultRoute {
  destination: typeof IPV4_DEFAULT | typeof IPV6_DEFAULT;
  targetKind: RouteTargetKind;
  targetId: string;
  /** The route's own State as DescribeRouteTables reports it (`active` or `blackhole`); null when absent. */
  routeState: string | null;
  /**
   * The target's state where the snapshot has it: a NAT gateway's State, `attached`/`detached` for an internet
   * gateway, `missing` when the target is not listed at all; null when the snapshot does not hold that kind.
   */
  targetState: string | null;
}

export interface NatGatewayPath {
  natGatewayId: string;
  /** `zonal` (one subnet, one AZ) or `regional` (no subnet; follows the workloads across AZs). */
  availabilityMode: 'zonal' | 'regional';
  /** `public` (to the internet) or `private` (to other networks only); AWS's default is public. */
  connectivityType: string;
  state: string | null;
  subnetId: string | null;
  availabilityZone: string | null;
  /**
   * Whether the NAT gateway's own subnet routes 0.0.0.0/0 to an attached internet gateway: true or false for a
   * zonal NAT gateway whose subnet could be resolved, null otherwise (regional, or subnet/routing unknown).
   */
  subnetRoutesToInternet: boolean | null;
  subnetRouteTableId: string | null;
  subnetViaMainTable: boolean | null;
  /** The default route of the NAT gateway's own subnet, when it has one. */
  subnetDefaultRoute: DefaultRoute | null;
  /** Whether an internet gateway is attached to the NAT gateway's VPC; null when unknown. */
  vpcHasInternetGateway: boolean | null;
}

export interface EndpointSummary {
  vpcEndpointId: string;
  /** The short service name: `s3`, `secretsmanager`, ... */
  service: string;
  type: string;
  state: string | null;
}

export interface SubnetEgress {
  subnetId: string;
  /** False when subnets were collected and this one is not among them (deleted); null when not collected. */
  subnetFound: boolean | null;
  vpcId: string | null;
  availabilityZone: string | null;
  egress: EgressClass;
  /** One plain sentence: where internet-bound traffic goes, or why that cannot be told. */
  detail: string;
  routeTableId: string | null;
  /** True when the subnet has no explicit association and uses its VPC's main route table. */
  viaMainTable: boolean | null;
  ipv4Default: DefaultRoute | null;
  ipv6Default: DefaultRoute | null;
  /** Set when the deciding default route targets a NAT gateway, whatever its state. */
  natGateway: NatGatewayPath | null;
  /** The VPC's endpoints (what an isolated function can still reach); null when endpoints were not collected. */
  endpoints: EndpointSummary[] | null;
}

/** What the derivation reads from the index (kept narrow so the index can build it before it is complete). */
export interface EgressLookups {
  subnetById: ReadonlyMap<string, Subnet>;
  natGatewayById: ReadonlyMap<string, NatGateway>;
  routingForSubnet(subnetId: string): SubnetRouting | undefined;
}

/** NAT gateway states in which it passes no traffic and never will again. */
const DEAD_NAT_STATES = new Set(['deleted', 'deleting', 'failed']);
/** DescribeInternetGateways reports `available` for an attached gateway; the API enum says `attached`. */
const ATTACHED_STATES = new Set(['available', 'attached']);
/** The other documented attachment states; any state outside both sets is one the auditor cannot judge. */
const NOT_ATTACHED_STATES = new Set(['attaching', 'detaching', 'detached']);
/** A route's documented states (absent is taken as active, as before the field existed). */
const ROUTE_STATES = new Set(['active', 'blackhole']);

const TARGET_LABEL: Record<RouteTargetKind, string> = {
  'internet-gateway': 'internet gateway',
  'nat-gateway': 'NAT gateway',
  'nat-instance': 'NAT instance',
  'egress-only-internet-gateway': 'egress-only internet gateway (IPv6)',
  'transit-gateway': 'transit gateway',
  'vpc-peering': 'VPC peering connection',
  'virtual-private-gateway': 'virtual private gateway (VPN / Direct Connect)',
  'gateway-load-balancer-endpoint': 'Gateway Load Balancer endpoint',
  'carrier-gateway': 'carrier gateway',
  'local-gateway': 'Outposts local gateway',
  'core-network': 'Cloud WAN core network',
  'odb-network': 'Oracle Database@AWS network',
  unrecognised: 'unrecognised target',
};

export function targetLabel(kind: RouteTargetKind): string {
  return TARGET_LABEL[kind];
}

function routeTarget(route: Route): { kind: RouteTargetKind; id: string } {
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
  if (gateway.startsWith('vpce-')) return { kind: 'gateway-load-balancer-endpoint', id: gateway };
  return { kind: 'unrecognised', id: gateway || 'none' };
}

function shortServiceName(serviceName: string | undefined): string {
  if (serviceName === undefined) return 'unknown service';
  const parts = serviceName.split('.');
  // com.amazonaws.<region>.<service>[.<sub>]: keep what follows the region.
  return serviceName.startsWith('com.amazonaws.') && parts.length > 3
    ? parts.slice(3).join('.')
    : serviceName;
}

interface RouteVerdict {
  egress: EgressClass;
  detail: string;
  route: DefaultRoute;
  nat: NatGatewayPath | null;
}

/**
 * `subnetId -> SubnetEgress`, memoised: each subnet is classified once however many rules and functions ask.
 * Pure over the snapshot; never mutates it.
 */
export function subnetEgressResolver(
  snapshot: Snapshot,
  lookups: EgressLookups,
): (subnetId: string) => SubnetEgress {
  const igwById = new Map<string, InternetGateway>(
    (snapshot.internetGateways ?? []).map((igw) => [igw.InternetGatewayId, igw]),
  );
  const endpointsByVpc = new Map<string, VpcEndpoint[]>();
  for (const endpoint of snapshot.vpcEndpoints ?? []) {
    if (!endpoint.VpcId) continue;
    const list = endpointsByVpc.get(endpoint.VpcId);
    if (list) list.push(endpoint);
    else endpointsByVpc.set(endpoint.VpcId, [endpoint]);
  }
  const cache = new Map<string, SubnetEgress>();

  /** `unknown`: attached to the VPC in a state no documentation lists, which is neither attached nor not. */
  function igwAttachedTo(igwId: string, vpcId: string): 'attached' | 'detached' | 'missing' | 'unknown' {
    const igw = igwById.get(igwId);
    if (!igw) return 'missing';
    const states = igw.Attachments.filter((a) => a.VpcId === vpcId).map((a) => a.State ?? '');
    if (states.some((state) => ATTACHED_STATES.has(state))) return 'attached';
    return states.every((state) => NOT_ATTACHED_STATES.has(state)) ? 'detached' : 'unknown';
  }

  function vpcHasInternetGateway(vpcId: string | undefined): boolean | null {
    if (snapshot.internetGateways === null || vpcId === undefined) return null;
    const attachments = snapshot.internetGateways.map((igw) => igwAttachedTo(igw.InternetGatewayId, vpcId));
    if (attachments.includes('attached')) return true;
    return attachments.includes('unknown') ? null : false;
  }

  function defaultRoutes(routes: readonly Route[]): { ipv4: Route | undefined; ipv6: Route | undefined } {
    return {
      ipv4: routes.find((r) => r.DestinationCidrBlock === IPV4_DEFAULT),
      ipv6: routes.find((r) => r.DestinationIpv6CidrBlock === IPV6_DEFAULT),
    };
  }

  function baseRoute(route: Route, destination: DefaultRoute['destination']): DefaultRoute {
    const target = routeTarget(route);
    return {
      destination,
      targetKind: target.kind,
      targetId: target.id,
      routeState: route.State ?? null,
      targetState: null,
    };
  }

  /** Whether the subnet's IPv4 default route reaches an attached internet gateway; no recursion into NATs. */
  function internetRouteOf(subnetId: string): {
    routes: boolean | null;
    routing: SubnetRouting | undefined;
    route: DefaultRoute | null;
  } {
    const subnet = lookups.subnetById.get(subnetId);
    const routing = lookups.routingForSubnet(subnetId);
    if (!subnet || !routing || snapshot.internetGateways === null)
      return { routes: null, routing, route: null };
    const ipv4 = defaultRoutes(routing.table.Routes).ipv4;
    if (!ipv4) return { routes: false, routing, route: null };
    const route = baseRoute(ipv4, IPV4_DEFAULT);
    if (route.targetKind !== 'internet-gateway') return { routes: false, routing, route };
    const attachment = igwAttachedTo(route.targetId, subnet.VpcId);
    const judgeable =
      attachment !== 'unknown' && (route.routeState === null || ROUTE_STATES.has(route.routeState));
    return {
      routes: judgeable ? attachment === 'attached' && route.routeState !== 'blackhole' : null,
      routing,
      route: { ...route, targetState: attachment },
    };
  }

  // Many subnets route through each NAT gateway: its path is derived once and shared by their verdicts.
  const natPathById = new Map<string, NatGatewayPath>();

  function natPath(nat: NatGateway): NatGatewayPath {
    let path = natPathById.get(nat.NatGatewayId);
    if (path === undefined) {
      path = deriveNatPath(nat);
      natPathById.set(nat.NatGatewayId, path);
    }
    return path;
  }

  function deriveNatPath(nat: NatGateway): NatGatewayPath {
    const regional = nat.AvailabilityMode === 'regional';
    const natSubnet = !regional && nat.SubnetId ? lookups.subnetById.get(nat.SubnetId) : undefined;
    const own = !regional && nat.SubnetId ? internetRouteOf(nat.SubnetId) : undefined;
    return {
      natGatewayId: nat.NatGatewayId,
      availabilityMode: regional ? 'regional' : 'zonal',
      connectivityType: nat.ConnectivityType ?? 'public',
      state: nat.State ?? null,
      subnetId: regional ? null : (nat.SubnetId ?? null),
      availabilityZone: natSubnet?.AvailabilityZone ?? null,
      subnetRoutesToInternet: own?.routes ?? null,
      subnetRouteTableId: own?.routing?.table.RouteTableId ?? null,
      subnetViaMainTable: own?.routing?.viaMainTable ?? null,
      subnetDefaultRoute: own?.route ?? null,
      vpcHasInternetGateway: vpcHasInternetGateway(nat.VpcId ?? natSubnet?.VpcId),
    };
  }

  function natDetail(nat: NatGatewayPath): string {
    const kind = nat.connectivityType === 'private' ? 'private NAT gateway' : 'NAT gateway';
    if (nat.availabilityMode === 'regional') return `regional ${kind} ${nat.natGatewayId}`;
    return `${kind} ${nat.natGatewayId} in ${nat.availabilityZone ?? 'an unknown AZ'}`;
  }

  function judgeRoute(
    route: Route,
    destination: DefaultRoute['destination'],
    vpcId: string,
  ): RouteVerdict | string {
    const base = baseRoute(route, destination);
    const label = `${destination} → ${targetLabel(base.targetKind)} ${base.targetId}`;
    const blackholed = base.routeState === 'blackhole';
    const oddState =
      base.routeState !== null && !ROUTE_STATES.has(base.routeState)
        ? `${label} is in route state "${base.routeState}", which the auditor does not know`
        : null;

    if (base.targetKind === 'nat-gateway') {
      if (snapshot.natGateways === null) {
        return blackholed
          ? { egress: 'blackhole', detail: `${label} is a blackhole route`, route: base, nat: null }
          : 'NAT gateways were not collected';
      }
      const found = lookups.natGatewayById.get(base.targetId);
      if (!found) {
        const detail = `${label}: the NAT gateway no longer exists (blackhole)`;
        return { egress: 'blackhole', detail, route: { ...base, targetState: 'missing' }, nat: null };
      }
      const nat = natPath(found);
      const withState = { ...base, targetState: nat.state };
      if (oddState !== null) return { egress: 'unknown', detail: oddState, route: withState, nat };
      if (blackholed || DEAD_NAT_STATES.has(nat.state ?? '')) {
        const detail = `${label} is a blackhole (NAT gateway ${nat.state ?? 'state unknown'})`;
        return { egress: 'blackhole', detail, route: withState, nat };
      }
      // Pending, or a state no documentation lists: where it leads is unknown, but the NAT gateway is kept
      // as evidence so rules about the NAT gateway itself still see it.
      if (nat.state !== 'available') {
        const detail = `NAT gateway ${base.targetId} is ${nat.state ?? 'in an unknown state'}: cannot tell whether traffic gets through`;
        return { egress: 'unknown', detail, route: withState, nat };
      }
      return { egress: 'nat', detail: `${destination} → ${natDetail(nat)}`, route: withState, nat };
    }

    if (oddState !== null) return oddState;
    if (blackholed)
      return { egress: 'blackhole', detail: `${label} is a blackhole route`, route: base, nat: null };

    if (base.targetKind === 'internet-gateway') {
      if (snapshot.internetGateways === null) return 'internet gateways were not collected';
      const attachment = igwAttachedTo(base.targetId, vpcId);
      const withState = { ...base, targetState: attachment };
      if (attachment === 'unknown')
        return `internet gateway ${base.targetId} is attached in a state the auditor does not know`;
      if (attachment !== 'attached') {
        const detail = `${label}: the internet gateway is ${attachment === 'missing' ? 'gone' : 'not attached to the VPC'} (blackhole)`;
        return { egress: 'blackhole', detail, route: withState, nat: null };
      }
      if (destination === IPV6_DEFAULT) {
        const detail = `${label}: IPv6 internet for dual-stack functions only; no IPv4 way out`;
        return { egress: 'other', detail, route: withState, nat: null };
      }
      const detail = `${label}: a public subnet, and Lambda ENIs get no public IP, so no internet`;
      return { egress: 'public', detail, route: withState, nat: null };
    }

    if (base.targetKind === 'nat-instance') {
      return { egress: 'nat', detail: `${label} (instance state not collected)`, route: base, nat: null };
    }
    return { egress: 'other', detail: `${label}: traffic leaves the VPC there`, route: base, nat: null };
  }

  // Every subnet of a VPC lists the same endpoints: summarised once per VPC and shared.
  const endpointSummariesByVpc = new Map<string, EndpointSummary[]>();

  function endpointsOf(vpcId: string): EndpointSummary[] | null {
    if (snapshot.vpcEndpoints === null) return null;
    let summaries = endpointSummariesByVpc.get(vpcId);
    if (summaries === undefined) {
      summaries = (endpointsByVpc.get(vpcId) ?? []).map((endpoint) => ({
        vpcEndpointId: endpoint.VpcEndpointId,
        service: shortServiceName(endpoint.ServiceName),
        type: endpoint.VpcEndpointType ?? 'unknown',
        state: endpoint.State ?? null,
      }));
      endpointSummariesByVpc.set(vpcId, summaries);
    }
    return summaries;
  }

  function classify(subnetId: string): SubnetEgress {
    const subnet = lookups.subnetById.get(subnetId);
    const unknown = (detail: string): SubnetEgress => ({
      subnetId,
      subnetFound: snapshot.subnets === null ? null : subnet !== undefined,
      vpcId: subnet?.VpcId ?? null,
      availabilityZone: subnet?.AvailabilityZone ?? null,
      egress: 'unknown',
      detail,
      routeTableId: null,
      viaMainTable: null,
      ipv4Default: null,
      ipv6Default: null,
      natGateway: null,
      endpoints: null,
    });
    if (snapshot.subnets === null) return unknown('Subnets were not collected.');
    if (!subnet) return unknown('The subnet was not found (deleted?).');
    if (snapshot.routeTables === null) return unknown('Route tables were not collected.');
    const routing = lookups.routingForSubnet(subnetId);
    if (!routing)
      return unknown(`No route table found for the subnet, nor a main table for ${subnet.VpcId}.`);

    const { ipv4, ipv6 } = defaultRoutes(routing.table.Routes);
    const common = {
      subnetId,
      subnetFound: true,
      vpcId: subnet.VpcId,
      availabilityZone: subnet.AvailabilityZone,
      routeTableId: routing.table.RouteTableId,
      viaMainTable: routing.viaMainTable,
      endpoints: endpointsOf(subnet.VpcId),
    };
    const deciding = ipv4 ?? ipv6;
    if (!deciding) {
      return {
        ...common,
        egress: 'none',
        detail: 'No default route: only the VPC and its endpoints are reachable.',
        ipv4Default: null,
        ipv6Default: null,
        natGateway: null,
      };
    }
    const verdict = judgeRoute(deciding, ipv4 ? IPV4_DEFAULT : IPV6_DEFAULT, subnet.VpcId);
    // The other default route is evidence only: it never changes the class.
    const secondary = ipv4 && ipv6 ? judgeRoute(ipv6, IPV6_DEFAULT, subnet.VpcId) : undefined;
    const ipv6Evidence =
      secondary === undefined
        ? null
        : typeof secondary === 'string'
          ? baseRoute(ipv6 ?? deciding, IPV6_DEFAULT)
          : secondary.route;
    if (typeof verdict === 'string') {
      return {
        ...unknown(`${verdict}: cannot tell where ${routing.table.RouteTableId}'s default route leads.`),
        ...common,
        ipv4Default: ipv4 ? baseRoute(ipv4, IPV4_DEFAULT) : null,
        ipv6Default: ipv4 ? ipv6Evidence : baseRoute(deciding, IPV6_DEFAULT),
      };
    }
    return {
      ...common,
      egress: verdict.egress,
      detail: `${verdict.detail}.`,
      ipv4Default: ipv4 ? verdict.route : null,
      ipv6Default: ipv4 ? ipv6Evidence : verdict.route,
      natGateway: verdict.nat,
    };
  }

  return (subnetId) => {
    const cached = cache.get(subnetId);
    if (cached) return cached;
    const egress = classify(subnetId);
    cache.set(subnetId, egress);
    return egress;
  };
}
