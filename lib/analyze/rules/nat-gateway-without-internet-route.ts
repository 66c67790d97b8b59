import type { RuleResult } from '../../model/finding.js';
import type { NatGateway } from '../../model/snapshot.js';
import { compareText } from '../../model/text-order.js';
import { vpcHasInternetGateway } from '../egress/gateways.js';
import type { EgressPath } from '../egress/path.js';
import { walkFrom } from '../egress/walker.js';
import { configurationsOf, pathEvidence } from '../function-egress.js';
import type { Rule, RuleContext } from '../rule.js';

interface NatUse {
  nat: NatGateway;
  /** Function subnets whose path goes through the NAT gateway, with the functions using each. */
  users: Map<string, Set<string>>;
}

/**
 * Dead NAT gateways are blackholes (function-blackhole-route); private ones are not meant for the internet. One in a
 * state no documentation lists still sits where it sits: it is judged.
 */
const DEAD_STATES = new Set(['deleted', 'deleting', 'failed']);

/** The public NAT gateways on functions' egress paths, with who goes through them. */
function natGatewaysInUse({ index }: RuleContext): NatUse[] {
  const uses = new Map<string, NatUse>();
  for (const fn of index.vpcFunctions) {
    for (const configuration of configurationsOf(fn, index)) {
      for (const { subnet, paths } of configuration.egress.used) {
        for (const hop of paths.flatMap((p) => p.hops)) {
          if (hop.route?.targetKind !== 'nat-gateway') continue;
          const nat = index.natGatewayById.get(hop.route.targetId);
          if (!nat || nat.ConnectivityType === 'private' || DEAD_STATES.has(nat.State ?? '')) continue;
          const use = uses.get(nat.NatGatewayId) ?? { nat, users: new Map() };
          const users = use.users.get(subnet.subnetId) ?? new Set<string>();
          users.add(fn.name);
          use.users.set(subnet.subnetId, users);
          uses.set(nat.NatGatewayId, use);
        }
      }
    }
  }
  return [...uses.values()].sort((a, b) => compareText(a.nat.NatGatewayId, b.nat.NatGatewayId));
}

/** Where the NAT gateway's translated traffic goes: its subnet's path with an Elastic IP as the source. */
function onward(ctx: RuleContext, nat: NatGateway): EgressPath | null {
  if (nat.AvailabilityMode === 'regional' || !nat.SubnetId) return null;
  const source = { publicIpv4: true, origin: `NAT gateway ${nat.NatGatewayId}'s Elastic IP` };
  return walkFrom(ctx.index.egress.world, nat.SubnetId, 'ipv4', source, false);
}

export const natGatewayWithoutInternetRoute: Rule = {
  id: 'nat-gateway-without-internet-route',
  title: 'NAT gateway used by VPC functions has no way to the internet from its subnet',
  severity: 'high',
  severities: ['high'],
  section: 'routing',
  finds:
    "a public NAT gateway on functions' paths whose own subnet does not lead to the internet (no internet-gateway " +
    'route, a detached gateway, a network ACL)',
  resourceType: 'nat-gateway',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    "A public NAT gateway sends traffic out through its own subnet's route table. When that subnet's default route " +
    'does not go to an attached internet gateway (the NAT gateway was placed in a private subnet, or the route was ' +
    'removed), or its network ACL blocks the traffic, the functions routed through it have no internet although ' +
    'their own routes look right.',
  remediation:
    'Recreate the NAT gateway in a public subnet (default route 0.0.0.0/0 to the internet gateway) and point the ' +
    "functions' route tables at it, or add the internet gateway route to the NAT gateway's subnet if that subnet " +
    'is meant to be public; allow TCP 443 out and 1024-65535 in on its network ACL.',
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html',
  ],
  evaluate(ctx) {
    return natGatewaysInUse(ctx).map(({ nat, users }): RuleResult => {
      const base = { resourceType: 'nat-gateway' as const, resourceId: nat.NatGatewayId };
      const functions = [...new Set([...users.values()].flatMap((names) => [...names]))].sort();
      const routedFrom = [...users].map(([subnetId, names]) => ({ subnetId, functions: [...names].sort() }));
      if (nat.AvailabilityMode === 'regional') {
        const igw = vpcHasInternetGateway(ctx.index.egress.world, nat.VpcId ?? '');
        const evidence = { natGateway: nat, routedFrom };
        if (igw === true)
          return {
            ...base,
            status: 'pass',
            message: `Regional NAT gateway ${nat.NatGatewayId} is in a VPC with an attached internet gateway.`,
            evidence,
          };
        return {
          ...base,
          status: igw === false ? 'fail' : 'unknown',
          message:
            igw === false
              ? `Regional NAT gateway ${nat.NatGatewayId} is in a VPC without an attached internet gateway: ${functions.join(', ')} routed through it ha${functions.length === 1 ? 's' : 've'} no internet.`
              : `Cannot tell whether regional NAT gateway ${nat.NatGatewayId}'s VPC has an internet gateway.`,
          evidence,
        };
      }
      const path = onward(ctx, nat);
      const evidence = { natGateway: nat, routedFrom, onward: path === null ? null : pathEvidence(path) };
      if (path === null)
        return {
          ...base,
          status: 'unknown',
          message: `NAT gateway ${nat.NatGatewayId} has no subnet recorded.`,
          evidence,
        };
      const where = `NAT gateway ${nat.NatGatewayId} (in ${nat.SubnetId})`;
      switch (path.verdict.kind) {
        case 'internet':
        case 'beyond':
          return { ...base, status: 'pass', message: `${where} sends traffic on: ${path.detail}.`, evidence };
        case 'unknown':
          return {
            ...base,
            status: 'unknown',
            message: `Cannot tell where ${where} sends traffic: ${path.detail}.`,
            evidence,
          };
        default:
          return {
            ...base,
            status: 'fail',
            message:
              `${where} has no way to the internet: ${path.detail}; ${functions.join(', ')} routed through it ` +
              `ha${functions.length === 1 ? 's' : 've'} no internet.`,
            evidence,
          };
      }
    });
  },
};
