import type { RuleResult } from '../../model/finding.js';
import { isRouteUnknown, pathEvidence } from '../function-egress.js';
import { providerLabel, unlistedProvider } from '../provider-result.js';
import type { Rule } from '../rule.js';

const DEAD_STATES = new Set(['deleted', 'deleting', 'failed']);

export const subnetCrossAzNat: Rule = {
  id: 'subnet-cross-az-nat',
  title: 'VPC function subnet routed to a NAT gateway in another Availability Zone',
  severity: 'low',
  severities: ['low'],
  section: 'routing',
  finds:
    'a subnet (of a function or a capacity provider) whose path goes through a NAT gateway in another AZ (an AZ ' +
    'outage takes it down; cross-AZ charges)',
  resourceType: 'subnet',
  requires: ['functions', 'subnets', 'routeTables', 'natGateways', 'internetGateways'],
  risk:
    'The subnet depends on a NAT gateway in another Availability Zone: an outage of that zone cuts its internet ' +
    'access even though the function still runs, and every byte crosses zones (cross-AZ data charges).',
  remediation:
    "Create a NAT gateway in the subnet's own Availability Zone and route the subnet's 0.0.0.0/0 to it, or use a " +
    'regional NAT gateway.',
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html',
  ],
  capacityProviders: 'subnets',
  evaluate({ index, snapshot }) {
    const usersBySubnet = new Map<string, string[]>();
    const use = (id: string, user: string) => {
      const users = usersBySubnet.get(id);
      if (users) users.push(user);
      else usersBySubnet.set(id, [user]);
    };
    for (const fn of index.vpcFunctions) for (const id of fn.subnetIds) use(id, fn.name);
    // A provider's instances take the path of its subnets as a function's ENIs do: the NAT gateway is the first hop.
    for (const network of index.capacityProviders)
      for (const id of network.subnetIds) use(id, providerLabel(network));
    // A provider whose configuration is not known has subnets this rule cannot name: unknown, as the provider.
    const unlisted = index.capacityProviders.flatMap((network) => unlistedProvider(network, snapshot) ?? []);
    const subnets = [...usersBySubnet.keys()].sort().flatMap((subnetId): RuleResult[] => {
      const egress = index.egress.subnet(subnetId);
      // A deleted subnet routes nothing; the network-resources rule reports it.
      if (egress.subnetFound === false) return [];
      const functions = usersBySubnet.get(subnetId) ?? [];
      const base = { resourceType: 'subnet' as const, resourceId: subnetId };
      const path = egress.ipv4;
      const evidence = {
        subnetId,
        availabilityZone: egress.availabilityZone,
        path: pathEvidence(path),
        functions,
      };
      const natHop = path.hops.find((hop) => hop.route?.targetKind === 'nat-gateway');
      const nat = natHop?.route ? index.natGatewayById.get(natHop.route.targetId) : undefined;
      if (!nat) {
        return natHop === undefined && isRouteUnknown(path)
          ? [
              {
                ...base,
                status: 'unknown',
                message: `Cannot tell where ${subnetId}'s traffic goes: ${path.detail}.`,
                evidence,
              },
            ]
          : // Every function subnet gets a verdict: what the rule covers does not change with what was collected.
            [
              {
                ...base,
                status: 'pass',
                message: `${subnetId}'s IPv4 path goes through no NAT gateway.`,
                evidence,
              },
            ];
      }
      // A private NAT gateway is no way to the internet (function-no-internet-path says so where it matters).
      if (nat.ConnectivityType === 'private')
        return [
          {
            ...base,
            status: 'pass',
            message: `${subnetId}'s NAT gateway ${nat.NatGatewayId} is private: not an internet path.`,
            evidence,
          },
        ];
      // Dead NAT gateways are blackholes, reported elsewhere; any other still sits in the zone it sits in.
      if (DEAD_STATES.has(nat.State ?? ''))
        return [
          {
            ...base,
            status: 'pass',
            message: `${subnetId}'s NAT gateway ${nat.NatGatewayId} is ${nat.State}: no zone to depend on.`,
            evidence,
          },
        ];
      if (nat.AvailabilityMode === 'regional')
        return [
          {
            ...base,
            status: 'pass',
            message: `${subnetId} uses regional NAT gateway ${nat.NatGatewayId}, which serves every zone it runs in.`,
            evidence,
          },
        ];
      const natZone = nat.SubnetId ? index.subnetById.get(nat.SubnetId)?.AvailabilityZone : undefined;
      if (natZone === undefined || egress.availabilityZone === null)
        return [
          {
            ...base,
            status: 'unknown',
            message: `Cannot tell the Availability Zone of NAT gateway ${nat.NatGatewayId} (its subnet ${nat.SubnetId ?? ''} was not found).`,
            evidence,
          },
        ];
      if (natZone !== egress.availabilityZone)
        return [
          {
            ...base,
            status: 'fail',
            message:
              `${subnetId} (${egress.availabilityZone}) sends 0.0.0.0/0 through NAT gateway ${nat.NatGatewayId} in ` +
              `${natZone}: an outage of ${natZone} cuts its internet, and the traffic pays cross-AZ charges. Used by ` +
              `${functions.join(', ')}.`,
            evidence,
          },
        ];
      return [
        {
          ...base,
          status: 'pass',
          message: `${subnetId} uses NAT gateway ${nat.NatGatewayId} in its own zone ${natZone}.`,
          evidence,
        },
      ];
    });
    return [...subnets, ...unlisted];
  },
};
