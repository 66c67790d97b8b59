import type { RuleResult } from '../../model/finding.js';
import { egressEvidence } from '../function-egress.js';
import type { Rule } from '../rule.js';

export const subnetCrossAzNat: Rule = {
  id: 'subnet-cross-az-nat',
  title: 'VPC function subnet routed to a NAT gateway in another Availability Zone',
  severity: 'low',
  severities: ['low'],
  section: 'routing',
  finds: 'a subnet routed to a NAT gateway in another AZ (an AZ outage takes it down; cross-AZ charges)',
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
  evaluate({ index }) {
    const usersBySubnet = new Map<string, string[]>();
    for (const fn of index.vpcFunctions) {
      for (const id of fn.subnetIds) {
        const users = usersBySubnet.get(id);
        if (users) users.push(fn.name);
        else usersBySubnet.set(id, [fn.name]);
      }
    }
    return [...usersBySubnet.keys()].sort().flatMap((subnetId): RuleResult[] => {
      const egress = index.egressForSubnet(subnetId);
      // A deleted subnet routes nothing; the network-resources rule reports it.
      if (egress.subnetFound === false) return [];
      const functions = usersBySubnet.get(subnetId) ?? [];
      const base = { resourceType: 'subnet' as const, resourceId: subnetId };
      const evidence = { ...egressEvidence(egress), functions };
      if (egress.egress === 'unknown') {
        return [
          {
            ...base,
            status: 'unknown',
            message: `Cannot tell where ${subnetId}'s NAT traffic goes. ${egress.detail}`,
            evidence,
          },
        ];
      }
      const nat = egress.natGateway;
      // Only subnets routed through an available NAT gateway are in question; NAT instances are not collected.
      if (egress.egress !== 'nat' || !nat) return [];
      if (nat.availabilityMode === 'regional') {
        return [
          {
            ...base,
            status: 'pass',
            message: `${subnetId} uses regional NAT gateway ${nat.natGatewayId}, which serves every zone it runs in.`,
            evidence,
          },
        ];
      }
      if (nat.availabilityZone === null || egress.availabilityZone === null) {
        return [
          {
            ...base,
            status: 'unknown',
            message: `Cannot tell the Availability Zone of NAT gateway ${nat.natGatewayId} (its subnet ${nat.subnetId ?? ''} was not found).`,
            evidence,
          },
        ];
      }
      if (nat.availabilityZone !== egress.availabilityZone) {
        return [
          {
            ...base,
            status: 'fail',
            message:
              `${subnetId} (${egress.availabilityZone}) routes 0.0.0.0/0 through NAT gateway ${nat.natGatewayId} in ` +
              `${nat.availabilityZone}: an outage of ${nat.availabilityZone} cuts its internet, and the traffic pays ` +
              `cross-AZ charges. Used by ${functions.join(', ')}.`,
            evidence,
          },
        ];
      }
      return [
        {
          ...base,
          status: 'pass',
          message: `${subnetId} uses NAT gateway ${nat.natGatewayId} in its own zone ${nat.availabilityZone}.`,
          evidence,
        },
      ];
    });
  },
};
