import type { RuleResult } from '../../model/finding.js';
import type { NatGatewayPath } from '../egress.js';
import type { Rule } from '../rule.js';

interface NatUse {
  nat: NatGatewayPath;
  /** Function subnets routed through the NAT gateway, with the functions using each. */
  users: { subnetId: string; functions: string[] }[];
}

/** The public NAT gateways that function subnets route to, with who uses them. */
function natGatewaysInUse(ctx: Parameters<Rule['evaluate']>[0]): NatUse[] {
  const uses = new Map<string, NatUse>();
  for (const fn of ctx.index.vpcFunctions) {
    for (const subnetId of fn.subnetIds) {
      const { egress, natGateway } = ctx.index.egressForSubnet(subnetId);
      // A private NAT gateway is not meant to reach the internet; its path is the subnet's other routes. One that
      // is not available (pending, or a state the auditor does not know) still sits where it sits: it is judged.
      const routedThrough = egress === 'nat' || (egress === 'unknown' && natGateway !== null);
      if (!routedThrough || !natGateway || natGateway.connectivityType === 'private') continue;
      const use = uses.get(natGateway.natGatewayId) ?? { nat: natGateway, users: [] };
      const user = use.users.find((u) => u.subnetId === subnetId);
      if (user) user.functions.push(fn.name);
      else use.users.push({ subnetId, functions: [fn.name] });
      uses.set(natGateway.natGatewayId, use);
    }
  }
  return [...uses.values()].sort((a, b) => a.nat.natGatewayId.localeCompare(b.nat.natGatewayId));
}

export const natGatewayWithoutInternetRoute: Rule = {
  id: 'nat-gateway-without-internet-route',
  title: 'NAT gateway used by VPC functions sits in a subnet without a route to an internet gateway',
  severity: 'high',
  severities: ['high'],
  section: 'routing',
  finds: 'a NAT gateway used by functions that sits in a subnet without an internet-gateway route',
  resourceType: 'nat-gateway',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    "A public NAT gateway sends traffic out through its own subnet's route table. When that subnet's default route " +
    'does not go to an attached internet gateway (the NAT gateway was placed in a private subnet, or the route was ' +
    'removed), the functions routed through it have no internet although their own routes look right.',
  remediation:
    'Recreate the NAT gateway in a public subnet (default route 0.0.0.0/0 to the internet gateway) and point the ' +
    "functions' route tables at it, or add the internet gateway route to the NAT gateway's subnet if that subnet " +
    'is meant to be public.',
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html',
  ],
  evaluate(ctx) {
    return natGatewaysInUse(ctx).map(({ nat, users }): RuleResult => {
      const base = { resourceType: 'nat-gateway' as const, resourceId: nat.natGatewayId };
      const functions = [...new Set(users.flatMap((u) => u.functions))].sort();
      const evidence = {
        natGateway: nat,
        routedFrom: users,
      };
      if (nat.availabilityMode === 'regional') {
        // A regional NAT gateway has no subnet of its own; it needs an internet gateway attached to its VPC.
        if (nat.vpcHasInternetGateway === true) {
          return {
            ...base,
            status: 'pass',
            message: `Regional NAT gateway ${nat.natGatewayId} is in a VPC with an attached internet gateway.`,
            evidence,
          };
        }
        return {
          ...base,
          status: 'unknown',
          message:
            `Cannot confirm that regional NAT gateway ${nat.natGatewayId} reaches the internet: ` +
            (nat.vpcHasInternetGateway === false
              ? 'no internet gateway is attached to its VPC.'
              : 'its VPC is unknown.'),
          evidence,
        };
      }
      const table =
        nat.subnetRouteTableId === null
          ? ''
          : ` (route table ${nat.subnetRouteTableId}${nat.subnetViaMainTable ? ", the VPC's main table" : ''})`;
      if (nat.subnetRoutesToInternet === true) {
        return {
          ...base,
          status: 'pass',
          message: `NAT gateway ${nat.natGatewayId}'s subnet ${nat.subnetId ?? ''} routes to an internet gateway.`,
          evidence,
        };
      }
      if (nat.subnetRoutesToInternet === false) {
        const route = nat.subnetDefaultRoute;
        const why =
          route === null
            ? 'has no default route'
            : route.targetKind === 'internet-gateway'
              ? `routes 0.0.0.0/0 to ${route.targetId}, which is ${route.targetState === 'missing' ? 'gone' : 'not attached'}${route.routeState === 'blackhole' ? ' (blackhole)' : ''}`
              : `routes 0.0.0.0/0 to ${route.targetId}, not to an internet gateway`;
        return {
          ...base,
          status: 'fail',
          message:
            `NAT gateway ${nat.natGatewayId} sits in ${nat.subnetId ?? 'an unknown subnet'}${table}, which ${why}: ` +
            `${functions.join(', ')} routed through it ha${functions.length === 1 ? 's' : 've'} no internet.`,
          evidence,
        };
      }
      return {
        ...base,
        status: 'unknown',
        message:
          `Cannot tell whether NAT gateway ${nat.natGatewayId}'s subnet ${nat.subnetId ?? '(none recorded)'} ` +
          'routes to an internet gateway: the subnet or its route table was not found.',
        evidence,
      };
    });
  },
};
