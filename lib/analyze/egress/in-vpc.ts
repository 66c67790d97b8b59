import type {
  InstanceInterface,
  RouteTargetInstance,
  RouteTargetInterface,
  VpcEndpoint,
} from '../../model/snapshot.js';
import { vpcHasInternetGateway } from './gateways.js';
import {
  ends,
  type HopInput,
  type Judgement,
  missingTarget,
  notCollected,
  type Source,
  stops,
  unknownOutcome,
} from './hop.js';

/**
 * The targets that sit inside the VPC: NAT gateways, NAT instances and Gateway Load Balancer (or Network Firewall)
 * endpoints. Traffic they pass on continues from their own subnet's route table.
 */

/** NAT gateway states in which it passes no traffic and never will again. */
const DEAD_NAT_STATES = new Set(['deleted', 'deleting', 'failed']);

/**
 * A public NAT gateway translates to its Elastic IP and sends the traffic on through its own subnet's route table
 * (usually to the internet gateway; a transit or virtual private gateway is documented too); a private one
 * translates to a private address, which an internet gateway drops
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html). A regional NAT gateway has no subnet and
 * uses the VPC's internet gateway (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html).
 */
export function judgeNatGateway({ world, target }: HopInput): Judgement {
  if (world.snapshot.natGateways === null) return notCollected('NAT gateways');
  const nat = world.natGatewayById.get(target.id);
  if (!nat) return missingTarget(`NAT gateway ${target.id}`);
  const state = nat.State ?? null;
  if (state !== null && DEAD_NAT_STATES.has(state))
    return {
      targetState: state,
      rule: 'A deleted or failed NAT gateway passes nothing: its routes are blackholes.',
      outcome: stops('blackhole', `NAT gateway ${target.id} is ${state}`),
    };
  if (state !== 'available')
    return {
      targetState: state,
      rule: 'A NAT gateway passes traffic once it is available.',
      outcome: unknownOutcome(`NAT gateway ${target.id} is ${state ?? 'in an unknown state'}`),
    };
  // AWS always reports it; an answer without it cannot say whether the NAT gateway translates to a public address.
  if (nat.ConnectivityType !== 'public' && nat.ConnectivityType !== 'private')
    return {
      targetState: state,
      rule: 'A NAT gateway is public or private, and only a public one reaches the internet.',
      outcome: unknownOutcome(`NAT gateway ${target.id}'s connectivity type was not recorded`),
    };
  const isPrivate = nat.ConnectivityType === 'private';
  const source: Source = isPrivate
    ? { publicIpv4: false, origin: `private NAT gateway ${target.id} (no public address)` }
    : { publicIpv4: true, origin: `NAT gateway ${target.id}'s Elastic IP` };
  if (nat.AvailabilityMode === 'regional') {
    const vpcId = nat.VpcId ?? '';
    const igw = isPrivate ? false : vpcHasInternetGateway(world, vpcId);
    const rule = "A regional NAT gateway sends traffic out through its VPC's internet gateway.";
    if (igw === true)
      return {
        targetState: state,
        rule,
        outcome: ends({ kind: 'internet' }, `reaches the internet through regional NAT gateway ${target.id}`),
      };
    if (igw === null)
      return {
        targetState: state,
        rule,
        outcome: unknownOutcome(`cannot tell whether ${vpcId} has an internet gateway`),
      };
    return {
      targetState: state,
      rule,
      outcome: stops(
        'no-route',
        `regional ${isPrivate ? 'private ' : ''}NAT gateway ${target.id} has no internet gateway to use`,
      ),
    };
  }
  if (!nat.SubnetId)
    return {
      targetState: state,
      rule: 'A zonal NAT gateway sits in a subnet.',
      outcome: unknownOutcome(`NAT gateway ${target.id} has no subnet recorded`),
    };
  return {
    targetState: state,
    label: isPrivate ? 'private NAT gateway' : 'NAT gateway',
    rule: isPrivate
      ? 'A private NAT gateway translates to a private address and sends the traffic on through its own subnet; an internet gateway drops it.'
      : "A public NAT gateway translates to its Elastic IP and sends the traffic on through its own subnet's route table.",
    outcome: { kind: 'continue', subnetId: nat.SubnetId, source },
  };
}

/** The interface the route sends to: the named ENI, else the instance's only or primary one. */
function routedInterface(
  instance: RouteTargetInstance,
  eniId: string | undefined,
): InstanceInterface | undefined {
  const interfaces = instance.NetworkInterfaces;
  if (eniId !== undefined) return interfaces.find((eni) => eni.NetworkInterfaceId === eniId);
  return interfaces.length === 1
    ? interfaces[0]
    : interfaces.find((eni) => eni.Attachment?.DeviceIndex === 0);
}

/**
 * A NAT instance must be running, have source/destination checking off on the routed interface, hold a public IPv4
 * address or Elastic IP, and sit in a subnet routed to an internet gateway
 * (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html). Without a public address it can still
 * forward (toward a transit gateway, say): the walk goes on with a private source, which an internet gateway drops.
 */
export function judgeNatInstance({ world, family, route, target }: HopInput): Judgement {
  const eniId = route.NetworkInterfaceId;
  let eni: RouteTargetInterface | undefined;
  if (eniId !== undefined) {
    if (world.snapshot.routeTargetInterfaces === null)
      return notCollected('Network interfaces that routes target');
    eni = world.interfaceById.get(eniId);
    if (!eni) return missingTarget(`network interface ${eniId}`);
  }
  const instanceId = route.InstanceId ?? eni?.Attachment?.InstanceId;
  if (instanceId === undefined)
    return {
      targetState: eni?.Status ?? null,
      rule: 'A network interface forwards traffic only while it is attached to a running instance.',
      outcome: stops('nat-instance', `network interface ${target.id} is not attached to an instance`),
    };
  if (world.snapshot.routeTargetInstances === null) return notCollected('Instances that routes target');
  const instance = world.instanceById.get(instanceId);
  if (!instance) return missingTarget(`instance ${instanceId}`);
  const state = instance.State ?? null;
  if (state === 'terminated' || state === 'shutting-down')
    return {
      targetState: state,
      rule: 'A terminated instance forwards nothing: its routes are blackholes.',
      outcome: stops('blackhole', `instance ${instanceId} is ${state}`),
    };
  if (state !== 'running')
    return {
      targetState: state,
      rule: 'An instance forwards traffic only while it runs.',
      outcome: stops('nat-instance', `instance ${instanceId} is ${state ?? 'in an unknown state'}`),
    };
  const routed = routedInterface(instance, eniId);
  const sourceDestCheck = routed?.SourceDestCheck ?? eni?.SourceDestCheck;
  if (sourceDestCheck === undefined)
    return {
      targetState: state,
      rule: 'A NAT instance needs source/destination checking off.',
      outcome: unknownOutcome(
        `the source/destination check of ${instanceId}'s routed interface was not recorded`,
      ),
    };
  if (sourceDestCheck)
    return {
      targetState: state,
      rule: 'An instance with source/destination checking on drops traffic that is not its own: a NAT instance needs it off.',
      outcome: stops(
        'nat-instance',
        `instance ${instanceId} has source/destination checking on ${routed?.NetworkInterfaceId ?? eniId ?? 'its interface'}`,
      ),
    };
  const inside = routed?.SubnetId ?? eni?.SubnetId ?? instance.SubnetId;
  // IPv6 addresses are public: an appliance forwards them as they are, from the routed interface's subnet.
  const outside =
    family === 'ipv4'
      ? [routed, ...instance.NetworkInterfaces.filter((i) => i !== routed)].find(
          (i) => i?.Association?.PublicIp,
        )
      : undefined;
  const next = outside?.SubnetId ?? inside;
  if (next === undefined)
    return {
      targetState: state,
      rule: 'A NAT instance sends traffic on from its own subnet.',
      outcome: unknownOutcome(`the subnet of instance ${instanceId} was not recorded`),
    };
  const source: Source =
    family === 'ipv6' || outside?.Association?.PublicIp
      ? {
          publicIpv4: true,
          origin:
            `NAT instance ${instanceId}'s public address ${outside?.Association?.PublicIp ?? ''}`.trim(),
        }
      : { publicIpv4: false, origin: `NAT instance ${instanceId} (no public IPv4 address)` };
  return {
    targetState: state,
    rule: 'A running NAT instance with source/destination checking off translates and sends traffic on from its own subnet.',
    outcome: { kind: 'continue', subnetId: next, source },
  };
}

/** Endpoint states in which it is gone for good (DescribeVpcEndpoints spells them lower or upper case). */
const DEAD_ENDPOINT = new Set(['deleted', 'deleting', 'failed', 'rejected', 'expired']);

/** Network Firewall tags its endpoints (observed, not documented): used only to name the hop. */
export function isFirewallEndpoint(endpoint: VpcEndpoint): boolean {
  return (endpoint.Tags ?? []).some((tag) => tag.Key === 'AWSNetworkFirewallManaged' && tag.Value === 'true');
}

/**
 * A Gateway Load Balancer endpoint (Network Firewall's are such endpoints) hands traffic to the appliances behind it;
 * what comes back continues from the endpoint's subnet's route table
 * (https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-route-tables.html).
 */
export function judgeLoadBalancerEndpoint({ world, target }: HopInput): Judgement {
  if (world.snapshot.vpcEndpoints === null) return notCollected('VPC endpoints');
  const endpoint = world.endpointById.get(target.id);
  const label =
    endpoint && isFirewallEndpoint(endpoint) ? 'Network Firewall endpoint' : 'Gateway Load Balancer endpoint';
  if (!endpoint) return missingTarget(`${label} ${target.id}`);
  const state = (endpoint.State ?? '').toLowerCase();
  if (DEAD_ENDPOINT.has(state))
    return {
      targetState: state,
      rule: `A ${label} that is ${state} passes nothing.`,
      outcome: stops('blackhole', `${label} ${target.id} is ${state}`),
    };
  if (state !== 'available')
    return {
      targetState: state || null,
      rule: `A ${label} passes traffic once it is available.`,
      outcome: unknownOutcome(`${label} ${target.id} is ${state || 'in an unknown state'}`),
    };
  const [subnetId] = endpoint.SubnetIds ?? [];
  if (subnetId === undefined)
    return {
      targetState: state,
      rule: `A ${label} sits in one subnet.`,
      outcome: unknownOutcome(`the subnet of ${label} ${target.id} was not recorded`),
    };
  return {
    targetState: state,
    label,
    rule: `A ${label} inspects the traffic and sends it on from its own subnet's route table, without translating it.`,
    outcome: { kind: 'continue', subnetId, source: null },
  };
}
